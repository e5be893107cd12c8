import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { type ImportResult, importFiles } from '../import/import-files.js';
import type { RegistryService } from '../service.js';
import { type Actor, Rejection } from './audited-change.js';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** How long an uploaded list waits for its commit. */
export const IMPORT_TTL_MS = 30 * 60 * 1000;
const MAX_JOBS = 20;

export type ImportState = 'reading' | 'ready' | 'committing' | 'committed' | 'failed';

export interface Preview {
  rows: number;
  counts: { new: number; changed: number; unchanged: number; bad: number };
  rowsByKind: { new: PreviewRow[]; changed: PreviewRow[]; unchanged: PreviewRow[] };
  bad: { row: number; reason: string }[];
  notices: { row: number; id: string; message: string }[];
}
interface PreviewRow {
  row: number;
  id: string;
}

interface Job {
  id: string;
  fileName: string;
  dir: string;
  path: string;
  actor: Actor;
  state: ImportState;
  rowsRead: number;
  createdAt: number;
  expiresAt: number;
  preview: Preview | null;
  result: { imported: number; auditId: number } | null;
  error: string | null;
}

const SAFE_NAME = /[^\w.\-\u4e00-\u9fff]/g;

function previewOf(r: ImportResult): Preview {
  const rowsByKind: Preview['rowsByKind'] = { new: [], changed: [], unchanged: [] };
  for (const d of r.diff ?? []) rowsByKind[d.kind].push({ row: d.row, id: d.id });
  const bad = r.errors.map((e) => ({ row: e.row, reason: e.reason }));
  return {
    rows: r.rows,
    counts: { new: rowsByKind.new.length, changed: rowsByKind.changed.length, unchanged: rowsByKind.unchanged.length, bad: bad.length },
    rowsByKind,
    bad,
    notices: r.notices.map((n) => ({ row: n.row, id: n.id, message: n.message })),
  };
}

// Two previews show the same rows doing the same things (the question a commit asks).
const sameEffect = (a: Preview, b: Preview) => JSON.stringify([a.rowsByKind, a.bad]) === JSON.stringify([b.rowsByKind, b.bad]);

/**
 * Console imports of the official list through the CLI's import code: an upload is kept under a
 * short-lived id, dry-run in the background (progress by rows read), and committed only if, inside
 * the commit's own transaction, the rows still do what the preview showed; otherwise nothing is
 * written and the new preview is answered (committed: false) and becomes the one a second commit
 * confirms.
 */
export function consoleImports(registry: RegistryService, now: () => number = Date.now) {
  const jobs = new Map<string, Job>();
  const root = join(tmpdir(), `zjmade-console-imports-${process.pid}`);
  const sweep = () => {
    for (const j of jobs.values()) {
      if (j.expiresAt < now() && j.state !== 'committing' && j.state !== 'reading') {
        rmSync(j.dir, { recursive: true, force: true });
        jobs.delete(j.id);
      }
    }
  };
  const view = (j: Job) => ({
    id: j.id,
    fileName: j.fileName,
    state: j.state,
    rowsRead: j.rowsRead,
    createdAt: new Date(j.createdAt).toISOString(),
    expiresAt: new Date(j.expiresAt).toISOString(),
    preview: j.preview,
    result: j.result,
    error: j.error,
  });
  const dryRun = async (j: Job): Promise<Preview> => {
    const r = await importFiles(registry.repos, [j.path], { dryRun: true, skipInvalid: true, onRows: (n) => (j.rowsRead = n) });
    return previewOf(r);
  };
  const get = (id: string) => {
    sweep();
    const j = jobs.get(id);
    if (!j) throw new Rejection('not-found', `No import ${id} (unknown, or expired after ${IMPORT_TTL_MS / 60_000} minutes).`);
    return j;
  };
  return {
    /** Keeps the file and starts its dry run; answers at once with the job (state `reading`). */
    upload(actor: Actor, fileName: string, bytes: Uint8Array) {
      sweep();
      const ext = extname(fileName).toLowerCase();
      if (!['.csv', '.tsv', '.txt', '.xlsx'].includes(ext)) throw new Rejection('invalid-request', `Unsupported file type "${ext}" (use .csv or .xlsx).`, [{ path: '/file', message: 'not .csv or .xlsx' }]);
      if (jobs.size >= MAX_JOBS) throw new Rejection('conflict', `${MAX_JOBS} uploads are waiting; commit or let them expire first.`);
      const id = `imp_${randomUUID()}`;
      const dir = join(root, id);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const safe = fileName.replace(SAFE_NAME, '_').slice(-120) || `list${ext}`;
      const path = join(dir, safe);
      writeFileSync(path, bytes, { mode: 0o600 });
      const t = now();
      const job: Job = { id, fileName: safe, dir, path, actor, state: 'reading', rowsRead: 0, createdAt: t, expiresAt: t + IMPORT_TTL_MS, preview: null, result: null, error: null };
      jobs.set(id, job);
      dryRun(job).then(
        (p) => {
          job.preview = p;
          job.state = 'ready';
        },
        (e: unknown) => {
          job.error = e instanceof Error ? e.message : String(e);
          job.state = 'failed';
        },
      );
      return view(job);
    },
    get: (id: string) => view(get(id)),
    /** Waits for a running dry run (tests and a blocking client). */
    async settled(id: string) {
      const j = get(id);
      while (j.state === 'reading') await new Promise((r) => setTimeout(r, 20));
      return view(j);
    },
    async commit(actor: Actor, id: string) {
      const j = get(id);
      if (j.state === 'reading') throw new Rejection('conflict', 'The dry run is still reading the file; commit when it is ready.');
      if (j.state !== 'ready' || !j.preview) throw new Rejection('conflict', `Import ${id} is ${j.state}.`);
      j.state = 'committing';
      const shown = j.preview;
      try {
        // The check that the outcome is what the preview showed and the write are one IMMEDIATE
        // transaction: a write landing after the preview is seen by the check, never slipped
        // between a second dry run and the commit.
        const r = await importFiles(registry.repos, [j.path], { skipInvalid: true, actor, commitIf: (outcome) => sameEffect(previewOf(outcome), shown) });
        if (r.refused) {
          j.preview = previewOf(r);
          j.state = 'ready';
          return { committed: false as const, changedSinceDryRun: true as const, job: view(j) };
        }
        if (!r.committed) throw new Rejection('conflict', 'The import was not committed.');
        j.result = { imported: r.imported, auditId: registry.repos.audit.lastId() };
        j.state = 'committed';
        rmSync(j.path, { force: true });
      } catch (e) {
        if (j.state === 'committing') j.state = 'failed';
        j.error = e instanceof Error ? e.message : String(e);
        throw e;
      }
      return { committed: true as const, changedSinceDryRun: false as const, job: view(j) };
    },
    discard(id: string) {
      const j = get(id);
      if (j.state === 'committing' || j.state === 'reading') throw new Rejection('conflict', `Import ${id} is ${j.state}.`);
      rmSync(j.dir, { recursive: true, force: true });
      jobs.delete(id);
      return { discarded: id };
    },
    close() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
