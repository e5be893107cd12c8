import type { RegistryData } from '@zjmade/sdk';
import type { LoggedEntity } from './change-log.js';
import { DEFAULT_META } from './meta.js';
import type { Repositories } from './repositories.js';

export type DataTable = Exclude<keyof RegistryData, 'meta'>;
export const TABLES: readonly DataTable[] = ['enterprises', 'standards', 'evaluations', 'stores', 'bindings', 'sanctions'];
/** Beyond this many change-log entries since the last read, tables are re-read whole. */
const LOG_PATCH_LIMIT = 20_000;

/** What one read of the registry holds, and the audit id and change-log position it includes. */
export interface RegistryRead {
  data: RegistryData;
  auditId: number;
  logSeq: number;
}

function patch<T>(rows: readonly T[], ids: ReadonlySet<string>, idOf: (row: T) => string, read: (id: string) => T | undefined): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = idOf(row);
    if (!ids.has(id)) {
      out.push(row);
      continue;
    }
    seen.add(id);
    const fresh = read(id);
    if (fresh) out.push(fresh);
  }
  for (const id of ids) {
    if (seen.has(id)) continue;
    const fresh = read(id);
    if (fresh) out.push(fresh);
  }
  return out;
}

/**
 * The whole registry as last read, kept current from the change log: each read re-reads only the
 * records logged since the previous one, in one transaction with the audit id and log position it
 * therefore includes (a snapshot never claims more than it holds). A new array per changed table
 * each time, since the previous one may still back a published view. Upserts keep their rowid and
 * new rows get the largest, so replacing in place and appending keeps the `ORDER BY rowid` order
 * of a full read.
 *
 * `watchDataVersion`: SQLite's data_version moves when ANOTHER connection commits. For the
 * connection that makes the registry's writes, that means an import or hand-run SQL; logged
 * writes would be patched like its own, but a write that bypassed the repositories would not, so
 * then everything is re-read. A connection that only reads (the encode worker) sees every write as
 * another connection's and relies on the log alone.
 */
export function createRegistryCache(repos: Repositories, opts: { watchDataVersion: boolean }) {
  const cache: Partial<RegistryData> = {};
  let cachedLogSeq = -1;
  const dataVersion = () => repos.db.pragma('data_version', { simple: true }) as number;
  let seenVersion = dataVersion();
  let externalPending = false;

  const drop = () => {
    for (const t of TABLES) delete cache[t];
    cachedLogSeq = -1;
  };
  const applyLog = () => {
    if (cachedLogSeq < 0) return;
    const pending = repos.changes.countSince(cachedLogSeq);
    if (pending === 0) return;
    if (pending > LOG_PATCH_LIMIT) return drop();
    const keys = new Map<LoggedEntity, Set<string>>();
    for (const c of repos.changes.since(cachedLogSeq, LOG_PATCH_LIMIT)) {
      const set = keys.get(c.entity) ?? new Set<string>();
      keys.set(c.entity, set);
      set.add(c.key);
    }
    const patchTable = <K extends DataTable>(table: K, entity: LoggedEntity, idOf: (row: RegistryData[K][number]) => string, read: (id: string) => RegistryData[K][number] | undefined) => {
      const ids = keys.get(entity);
      const rows = cache[table] as RegistryData[K] | undefined;
      if (ids?.size && rows) (cache as Record<DataTable, unknown>)[table] = patch(rows, ids, idOf, read);
    };
    patchTable('enterprises', 'enterprise', (e) => e.uscc, repos.enterprises.get);
    patchTable('standards', 'standard', (s) => s.code, repos.standards.get);
    patchTable('evaluations', 'evaluation', (e) => e.id, repos.evaluations.get);
    patchTable('stores', 'store', (s) => s.key, repos.stores.get);
    patchTable('bindings', 'binding', (b) => b.key, repos.bindings.get);
    patchTable('sanctions', 'sanction', (s) => s.id, repos.sanctions.get);
  };

  /** True (once per change) when another connection committed since last asked. */
  const externalWrites = (): boolean => {
    const v = dataVersion();
    if (v === seenVersion) return false;
    seenVersion = v;
    externalPending = true;
    return true;
  };

  return {
    externalWrites,
    /** Forgets everything (after a failed publish, or to force a full read). */
    drop,
    read(): RegistryRead {
      return repos.db.transaction(() => {
        if (opts.watchDataVersion && (externalWrites() || externalPending)) {
          externalPending = false;
          drop();
        }
        applyLog();
        const logSeq = repos.changes.lastSeq();
        const data = { meta: repos.meta.get() ?? DEFAULT_META } as RegistryData;
        for (const t of TABLES) {
          const rows = cache[t] ?? repos[t].all();
          (data as unknown as Record<DataTable, unknown>)[t] = rows;
          (cache as Record<DataTable, unknown>)[t] = rows;
        }
        cachedLogSeq = logSeq;
        return { data, auditId: repos.audit.lastId(), logSeq };
      })();
    },
  };
}
export type RegistryCache = ReturnType<typeof createRegistryCache>;
