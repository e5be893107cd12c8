import type { Db } from './db.js';

/** What the change log knows: one entry per record a write actually changed, in commit order. */
export const LOGGED_ENTITIES = ['meta', 'enterprise', 'standard', 'evaluation', 'store', 'binding', 'sanction'] as const;
export type LoggedEntity = (typeof LOGGED_ENTITIES)[number];
export type ChangeOp = 'upsert' | 'remove';

export interface ChangeEntry {
  seq: number;
  at: string;
  entity: LoggedEntity;
  /** uscc, standard code, evaluation id, store key, listing key, sanction id; `registry` for meta. */
  key: string;
  op: ChangeOp;
}

/** Key order does not make two records different. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sameRecord = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

/**
 * The ordered change log. Repositories append to it inside the caller's transaction, so a write
 * and its entry commit or roll back together, whoever writes (the API, an import in another
 * process, the sample loader). Publishing reads it to know what to re-read and what a delta
 * carries; `GET /v1/changes` serves it to platforms.
 */
export function changeLogRepo(db: Db) {
  const insert = db.prepare('INSERT INTO change_log (at, entity, key, op) VALUES (?, ?, ?, ?)');
  const since = db.prepare('SELECT seq, at, entity, key, op FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?');
  const last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM change_log');
  const countSince = db.prepare('SELECT COUNT(*) AS n FROM change_log WHERE seq > ?');
  return {
    record(entity: LoggedEntity, key: string, op: ChangeOp): void {
      insert.run(new Date().toISOString(), entity, key, op);
    },
    /**
     * Runs a write of one record and logs it when the record is different afterwards (an import
     * that repeats a list unchanged logs nothing). `read` gives the stored record or undefined.
     */
    track<T>(entity: LoggedEntity, key: string, read: () => T | undefined, write: () => void): boolean {
      const before = read();
      write();
      const after = read();
      if (before === undefined && after === undefined) return false;
      if (before !== undefined && after !== undefined && sameRecord(before, after)) return false;
      insert.run(new Date().toISOString(), entity, key, after === undefined ? 'remove' : 'upsert');
      return true;
    },
    since(seq: number, limit: number): ChangeEntry[] {
      return since.all(seq, limit) as ChangeEntry[];
    },
    countSince(seq: number): number {
      return (countSince.get(seq) as { n: number }).n;
    },
    lastSeq(): number {
      return (last.get() as { n: number }).n;
    },
  };
}
export type ChangeLogRepo = ReturnType<typeof changeLogRepo>;
