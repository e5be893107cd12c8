import { statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseStandardCode, type RegistryData, validateUscc } from '@zjmade/sdk';
import { readSampleFiles } from '@zjmade/sample-data';
import type { Repositories } from '../store/repositories.js';
import { mapHeaders } from './columns.js';
import { parseListRow } from './list-row.js';
import { createProgress, type ProgressMode } from './progress.js';
import { readCsv, type Sheet } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';

export interface RowError {
  file: string;
  /** 1-based row (spreadsheet numbering, header = 1) or line in an ndjson file; 0 for the file itself. */
  row: number;
  reason: string;
}

export interface ImportOptions {
  skipInvalid?: boolean;
  progress?: ProgressMode;
  actor?: string;
}

export interface ImportResult {
  committed: boolean;
  rows: number;
  imported: number;
  errors: RowError[];
}

/**
 * Imports list files (CSV, XLSX) and sample-data directories in ONE transaction. Any bad row rolls
 * everything back unless `skipInvalid`, which imports the good rows and reports the bad. Because
 * the whole import is one SQLite transaction in WAL mode, a process killed mid-import leaves the
 * database exactly as it was.
 */
export async function importFiles(repos: Repositories, files: readonly string[], opts: ImportOptions = {}): Promise<ImportResult> {
  const { db } = repos;
  const errors: RowError[] = [];
  const progress = createProgress(opts.progress ?? 'off');
  const seen = new Map<string, string>();
  const standards = new Set(repos.standards.all().map((s) => s.code));
  let rows = 0;
  let imported = 0;

  db.exec('BEGIN IMMEDIATE');
  try {
    for (const file of files) {
      const isDir = statSync(file).isDirectory();
      if (isDir) {
        const r = await importSampleDir(repos, file, errors, seen, standards);
        rows += r.rows;
        imported += r.imported;
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
        if (rows % 500 === 0) progress.update(done, rows);
        const parsed = parseListRow((f) => {
          const i = columns[f];
          return i === undefined ? undefined : cells[i];
        });
        if (!parsed.ok) {
          errors.push({ file, row, reason: parsed.reason });
          continue;
        }
        const { enterprise, standard, evaluation, status } = parsed.row;
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
        if (errors.length && !opts.skipInvalid) continue; // Keep validating, but the import will roll back.
        if (standard) {
          repos.standards.upsert(standard);
          standards.add(standard.code);
        }
        repos.enterprises.upsert(enterprise);
        const existing = repos.evaluations.get(evaluation.id);
        const history = existing ? [...existing.history] : [];
        const current = history.at(-1)?.status ?? 'valid';
        const stated = status?.status ?? 'valid';
        if (stated !== current) {
          history.push({ status: stated, at: status?.at ?? new Date().toISOString(), reason: `imported from ${basename(file)}` });
        }
        repos.evaluations.upsert({ ...evaluation, history });
        imported++;
      }
      progress.update(sheet.total, rows);
      progress.stop();
    }
    const commit = errors.length === 0 || opts.skipInvalid === true;
    if (commit) {
      repos.audit.record({
        actor: opts.actor ?? 'cli:import',
        action: 'import',
        target: files.map((f) => basename(f)).join(', '),
        before: null,
        after: { rows, imported, skipped: errors.length },
      });
      db.exec('COMMIT');
    } else db.exec('ROLLBACK');
    return { committed: commit, rows, imported: commit ? imported : 0, errors };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    progress.stop();
    throw e;
  }
}

/** A sample-data directory (meta.json + *.ndjson): validated record by record, written whole. */
async function importSampleDir(
  repos: Repositories,
  dir: string,
  errors: RowError[],
  seen: Map<string, string>,
  standards: Set<string>,
): Promise<{ rows: number; imported: number }> {
  let data: RegistryData;
  try {
    data = await readSampleFiles(dir);
  } catch (e) {
    errors.push({ file: dir, row: 0, reason: `not a readable sample-data directory: ${(e as Error).message}` });
    return { rows: 0, imported: 0 };
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
    if (e.expires < e.issued) return fail(`date out of order: expires ${e.expires} is before issued ${e.issued}`);
    return true;
  });
  const ok = new Set(evaluations.map((e) => e.id));
  const clean: RegistryData = {
    ...data,
    enterprises: data.enterprises.filter((e) => !badUscc.has(e.uscc)),
    standards: data.standards.filter((s) => standards.has(s.code)),
    evaluations,
    stores: data.stores.filter((s) => !badUscc.has(s.uscc)),
    bindings: data.bindings.filter((b) => b.evaluationId === undefined || ok.has(b.evaluationId)),
    sanctions: data.sanctions.filter((s) => !badUscc.has(s.uscc)),
  };
  const storeKeys = new Set(clean.stores.map((s) => s.key));
  clean.bindings = clean.bindings.filter((b) => storeKeys.has(b.store));
  repos.meta.put(clean.meta);
  for (const e of clean.enterprises) repos.enterprises.upsert(e);
  for (const s of clean.standards) repos.standards.upsert(s);
  for (const e of clean.evaluations) repos.evaluations.upsert(e);
  for (const s of clean.stores) repos.stores.upsert(s);
  for (const b of clean.bindings) repos.bindings.upsert(b);
  for (const s of clean.sanctions) repos.sanctions.upsert(s);
  const rows = data.enterprises.length + data.standards.length + data.evaluations.length + data.stores.length + data.bindings.length + data.sanctions.length;
  const imported = clean.enterprises.length + clean.standards.length + clean.evaluations.length + clean.stores.length + clean.bindings.length + clean.sanctions.length;
  return { rows, imported };
}
