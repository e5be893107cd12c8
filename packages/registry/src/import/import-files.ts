import { statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { evaluationStanding, parseStandardCode, type RegistryData, validateUscc } from '@zjmade/sdk';
import { isRegistryDate, isRegistryInstant, registryDateProblem } from '@zjmade/sdk/publisher';
import type { Repositories } from '../store/repositories.js';
import { mapHeaders } from './columns.js';
import { type ListRow, parseListRow } from './list-row.js';
import { createProgress, type ProgressMode } from './progress.js';
import { readCsv, type Sheet } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { mergeImportedStatus } from './status-merge.js';
import { loadSampleData } from '../sample-data.js';

export interface RowError {
  file: string;
  /** 1-based row (spreadsheet numbering, header = 1) or line in an ndjson file; 0 for the file itself. */
  row: number;
  reason: string;
}

export interface ImportOptions {
  skipInvalid?: boolean;
  /** Let rows make a suspended, withdrawn, cancelled or expired evaluation valid again (each is reported). */
  allowReinstate?: boolean;
  progress?: ProgressMode;
  actor?: string;
  /** The clock the status rules read (tests). */
  now?: () => number;
  /** Classify every good row (new / changed / unchanged) and roll back: nothing is written (the console's preview). */
  dryRun?: boolean;
  /** Rows read so far, every 500 rows and at the end of each file (the console's progress). */
  onRows?: (rows: number) => void;
  /**
   * Commit only if this holds for the outcome (each good row's effect as a dry run reports it, the
   * bad rows), decided inside the write's IMMEDIATE transaction, so no other write can land between
   * the check and the commit (the console's "commit what the preview showed"). When it does not
   * hold, everything is rolled back and the answer is the dry run's, with `refused: true`.
   */
  commitIf?: (outcome: ImportResult) => boolean;
}

/** What a good row does to the stored evaluation (dry runs). */
export interface RowDiff {
  file: string;
  row: number;
  id: string;
  kind: 'new' | 'changed' | 'unchanged';
}

/** A row that changed an evaluation's standing or dates in a way worth telling the operator. */
export interface RowNotice {
  file: string;
  row: number;
  id: string;
  message: string;
}

export interface ImportResult {
  committed: boolean;
  rows: number;
  imported: number;
  errors: RowError[];
  /** Rows that made a lapsed evaluation valid again (only with `allowReinstate`). */
  reinstated: RowNotice[];
  /** Rows whose stated status changed what was stored (an expiry brought forward by 过期/失效). */
  notices: RowNotice[];
  /** With `dryRun` (or `commitIf`): each good row's effect, in file order. */
  diff?: RowDiff[];
  /** `commitIf` said no: nothing was written; `diff` is what committing would have done. */
  refused?: true;
}

interface PlannedRow extends ListRow {
  file: string;
  row: number;
}

class Rollback extends Error {}

/** JSON with object keys sorted: a stored and a parsed record compare equal whatever their key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}
class DryRunDone extends Error {}
class Refused extends Error {}

/**
 * Imports list files (CSV, XLSX) and sample-data directories all-or-nothing. Files are read and
 * validated first, holding no lock; then everything is written in ONE short IMMEDIATE
 * transaction, so other writers wait a moment (SQLite's busy timeout) instead of failing for the
 * length of the import, and a process killed at any point leaves the database as it was. Any bad
 * row rolls everything back unless `skipInvalid`, which imports the good rows and reports the bad.
 */
export async function importFiles(repos: Repositories, files: readonly string[], opts: ImportOptions = {}): Promise<ImportResult> {
  const { db } = repos;
  const errors: RowError[] = [];
  const reinstated: RowNotice[] = [];
  const notices: RowNotice[] = [];
  const progress = createProgress(opts.progress ?? 'off');
  const seen = new Map<string, string>();
  const standards = new Set(repos.standards.all().map((s) => s.code));
  const nowMs = (opts.now ?? Date.now)();
  const planned: PlannedRow[] = [];
  const dirs: { dir: string; data: RegistryData }[] = [];
  let rows = 0;

  try {
    for (const file of files) {
      if (statSync(file).isDirectory()) {
        const r = await readSampleDir(file, errors, seen, standards);
        rows += r.rows;
        if (r.data) dirs.push({ dir: file, data: r.data });
        continue;
      }
      const ext = extname(file).toLowerCase();
      let sheet: Sheet;
      if (ext === '.csv' || ext === '.tsv' || ext === '.txt') sheet = await readCsv(file);
      else if (ext === '.xlsx') sheet = await readXlsx(file);
      else {
        errors.push({ file, row: 0, reason: `unsupported file type "${ext}" (use .csv, .xlsx or a sample-data directory)` });
        continue;
      }
      const { columns, missing } = mapHeaders(sheet.headers);
      if (missing.length) {
        errors.push({ file, row: 1, reason: `missing required column(s): ${missing.join(', ')}` });
        continue;
      }
      progress.start(basename(file), sheet.total);
      for await (const { row, cells, done } of sheet.rows) {
        rows++;
        if (rows % 500 === 0) {
          progress.update(done, rows);
          opts.onRows?.(rows);
        }
        const parsed = parseListRow((f) => {
          const i = columns[f];
          return i === undefined ? undefined : cells[i];
        });
        if (!parsed.ok) {
          errors.push({ file, row, reason: parsed.reason });
          continue;
        }
        const { evaluation, standard } = parsed.row;
        const first = seen.get(evaluation.id);
        if (first) {
          errors.push({ file, row, reason: `duplicate certificate number ${evaluation.id} (first at ${first})` });
          continue;
        }
        seen.set(evaluation.id, `${basename(file)}:${row}`);
        if (!standards.has(evaluation.standard) && !standard) {
          errors.push({ file, row, reason: `unknown standard ${evaluation.standard} (not in the registry; add a 标准名称/standard title column to create it)` });
          continue;
        }
        if (standard) standards.add(standard.code);
        planned.push({ ...parsed.row, file, row });
      }
      progress.update(sheet.total, rows);
      opts.onRows?.(rows);
      progress.stop();
    }
  } catch (e) {
    progress.stop();
    throw e;
  }
  if (errors.length && !opts.skipInvalid) return { committed: false, rows, imported: 0, errors, reinstated, notices };

  let imported = 0;
  const diff: RowDiff[] = [];
  try {
    db.transaction(() => {
      for (const { dir, data } of dirs) imported += writeSampleDir(repos, dir, data, errors, reinstated, nowMs, opts);
      for (const p of planned) {
        if (p.standard) repos.standards.upsert(p.standard);
        repos.enterprises.upsert(p.enterprise);
        const merged = mergeImportedStatus(repos.evaluations.get(p.evaluation.id), p.evaluation, p.status, {
          nowMs,
          source: basename(p.file),
          allowReinstate: opts.allowReinstate === true,
        });
        if (!merged.ok) {
          errors.push({ file: p.file, row: p.row, reason: merged.reason });
          continue;
        }
        if (merged.reinstated) reinstated.push({ file: p.file, row: p.row, id: p.evaluation.id, message: `reinstated: was ${merged.reinstated.from} since ${merged.reinstated.since}` });
        if (merged.note) notices.push({ file: p.file, row: p.row, id: p.evaluation.id, message: merged.note });
        if (opts.dryRun || opts.commitIf) {
          const prev = repos.evaluations.get(p.evaluation.id);
          const kind = !prev ? 'new' : canonical(prev) === canonical(merged.evaluation) ? 'unchanged' : 'changed';
          diff.push({ file: p.file, row: p.row, id: p.evaluation.id, kind });
        }
        repos.evaluations.upsert(merged.evaluation);
        imported++;
      }
      if (errors.length && !opts.skipInvalid) throw new Rollback();
      if (opts.dryRun) throw new DryRunDone();
      if (opts.commitIf && !opts.commitIf({ committed: false, rows, imported, errors, reinstated, notices, diff })) throw new Refused();
      repos.audit.record({
        actor: opts.actor ?? 'cli:import',
        action: 'import',
        target: files.map((f) => basename(f)).join(', '),
        before: null,
        after: { rows, imported, skipped: errors.length, reinstated: reinstated.map((r) => r.id) },
      });
    }).immediate();
  } catch (e) {
    if (e instanceof DryRunDone) return { committed: false, rows, imported, errors, reinstated, notices, diff };
    if (e instanceof Refused) return { committed: false, rows, imported, errors, reinstated, notices, diff, refused: true };
    if (e instanceof Rollback) return { committed: false, rows, imported: 0, errors, reinstated: [], notices: [] };
    throw e;
  }
  return { committed: true, rows, imported, errors, reinstated, notices };
}

const dateOk = (d: string | undefined) => d === undefined || isRegistryDate(d);

/** A sample-data directory (meta.json + *.ndjson), validated record by record; nothing is written yet. */
async function readSampleDir(
  dir: string,
  errors: RowError[],
  seen: Map<string, string>,
  standards: Set<string>,
): Promise<{ rows: number; data?: RegistryData }> {
  let data: RegistryData;
  // Outside the try: a missing generator package is not a bad directory.
  const { readSampleFiles } = await loadSampleData('importing a sample-data directory');
  try {
    data = await readSampleFiles(dir);
  } catch (e) {
    errors.push({ file: dir, row: 0, reason: `not a readable sample-data directory: ${(e as Error).message}` });
    return { rows: 0 };
  }
  const where = (name: string) => join(dir, name);
  const badUscc = new Set<string>();
  data.enterprises.forEach((e, i) => {
    const r = validateUscc(e.uscc);
    if (!r.ok) {
      badUscc.add(e.uscc);
      errors.push({ file: where('enterprises.ndjson'), row: i + 1, reason: `invalid USCC ${e.uscc}: ${r.message ?? r.error}` });
    }
  });
  data.standards.forEach((s, i) => {
    if (parseStandardCode(s.code)?.canonical !== s.code) errors.push({ file: where('standards.ndjson'), row: i + 1, reason: `invalid standard code "${s.code}"` });
    else standards.add(s.code);
  });
  const evaluations = data.evaluations.filter((e, i) => {
    const at = `evaluations.ndjson:${i + 1}`;
    const fail = (reason: string) => {
      errors.push({ file: where('evaluations.ndjson'), row: i + 1, reason });
      return false;
    };
    if (seen.has(e.id)) return fail(`duplicate id ${e.id} (first at ${seen.get(e.id)})`);
    seen.set(e.id, at);
    if (!standards.has(e.standard)) return fail(`unknown standard ${e.standard}`);
    if (badUscc.has(e.uscc)) return fail(`enterprise has an invalid USCC ${e.uscc}`);
    if (!isRegistryDate(e.issued)) return fail(`invalid issue date "${e.issued}" (${registryDateProblem(e.issued)})`);
    if (!isRegistryDate(e.expires)) return fail(`invalid expiry date "${e.expires}" (${registryDateProblem(e.expires)})`);
    if (e.expires < e.issued) return fail(`date out of order: expires ${e.expires} is before issued ${e.issued}`);
    const badAt = e.history.find((h) => !isRegistryInstant(h.at));
    if (badAt) return fail(`invalid status time "${badAt.at}"`);
    return true;
  });
  const ok = new Set(evaluations.map((e) => e.id));
  const datedOk = <T>(file: string, list: readonly T[], check: (x: T) => string | null): T[] =>
    list.filter((x, i) => {
      const why = check(x);
      if (why) errors.push({ file: where(file), row: i + 1, reason: why });
      return !why;
    });
  const stores = datedOk('stores.ndjson', data.stores, (s) =>
    !isRegistryDate(s.since) || !dateOk(s.until) ? `store ${s.key}: invalid since/until date` : s.until !== undefined && s.until < s.since ? `store ${s.key}: until is before since` : null,
  ).filter((s) => !badUscc.has(s.uscc));
  const sanctions = datedOk('sanctions.ndjson', data.sanctions, (s) =>
    !isRegistryDate(s.from) || !dateOk(s.until) ? `sanction ${s.id}: invalid from/until date` : s.until !== undefined && s.until < s.from ? `sanction ${s.id}: until is before from` : null,
  ).filter((s) => !badUscc.has(s.uscc));
  const storeKeys = new Set(stores.map((s) => s.key));
  const bindings = datedOk('bindings.ndjson', data.bindings, (b) => (!dateOk(b.since) || !dateOk(b.until) ? `binding ${b.key}: invalid since/until date` : null)).filter(
    (b) => (b.evaluationId === undefined || ok.has(b.evaluationId)) && storeKeys.has(b.store),
  );
  const clean: RegistryData = {
    ...data,
    enterprises: data.enterprises.filter((e) => !badUscc.has(e.uscc)),
    standards: data.standards.filter((s) => standards.has(s.code)),
    evaluations,
    stores,
    bindings,
    sanctions,
  };
  const rows = data.enterprises.length + data.standards.length + data.evaluations.length + data.stores.length + data.bindings.length + data.sanctions.length;
  return { rows, data: clean };
}

/** Writes a validated sample-data directory (inside the import's transaction); returns the records written. */
function writeSampleDir(repos: Repositories, dir: string, data: RegistryData, errors: RowError[], reinstated: RowNotice[], nowMs: number, opts: ImportOptions): number {
  // A directory carries whole histories; it may not silently revive what the registry stopped either.
  const evaluations = data.evaluations.filter((e, i) => {
    const existing = repos.evaluations.get(e.id);
    if (!existing) return true;
    const before = evaluationStanding(existing, nowMs);
    if (before.state === 'valid' || before.state === 'not-yet-issued' || evaluationStanding(e, nowMs).state !== 'valid') return true;
    const message = `${e.id} was ${before.state} since ${new Date(before.since).toISOString()}`;
    if (opts.allowReinstate) {
      reinstated.push({ file: join(dir, 'evaluations.ndjson'), row: i + 1, id: e.id, message: `reinstated: ${message}` });
      return true;
    }
    errors.push({ file: join(dir, 'evaluations.ndjson'), row: i + 1, reason: `would make ${message} valid again; an import only reinstates with --allow-reinstate` });
    return false;
  });
  const kept = new Set(evaluations.map((e) => e.id));
  const bindings = data.bindings.filter((b) => b.evaluationId === undefined || kept.has(b.evaluationId));
  repos.meta.put(data.meta);
  for (const e of data.enterprises) repos.enterprises.upsert(e);
  for (const s of data.standards) repos.standards.upsert(s);
  for (const e of evaluations) repos.evaluations.upsert({ ...e, history: [...e.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) });
  for (const s of data.stores) repos.stores.upsert(s);
  for (const b of bindings) repos.bindings.upsert(b);
  for (const s of data.sanctions) repos.sanctions.upsert(s);
  return data.enterprises.length + data.standards.length + evaluations.length + data.stores.length + bindings.length + data.sanctions.length;
}
