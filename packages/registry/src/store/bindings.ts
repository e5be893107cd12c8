import type { ListingBinding } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  key: string;
  store: string;
  evaluation_id: string | null;
  since: string | null;
  until: string | null;
}

const toModel = (r: Row): ListingBinding =>
  withOptional({ key: r.key, store: r.store }, { evaluationId: r.evaluation_id, since: r.since, until: r.until });

export function bindingRepo(db: Db, log: ChangeLogRepo) {
  const upsert = db.prepare(`INSERT INTO bindings (key, store, evaluation_id, since, until) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET store = excluded.store, evaluation_id = excluded.evaluation_id,
      since = excluded.since, until = excluded.until`);
  const get = db.prepare('SELECT * FROM bindings WHERE key = ?');
  const remove = db.prepare('DELETE FROM bindings WHERE key = ?');
  const countOfStore = db.prepare('SELECT COUNT(*) AS n FROM bindings WHERE store = ?');
  const all = db.prepare('SELECT * FROM bindings ORDER BY rowid');
  const ofKeys = db.prepare('SELECT * FROM bindings WHERE key IN (SELECT value FROM json_each(?))');
  // The bulk path: a chunk of rows per statement, as a JSON array of [key, store, evaluation, since, until].
  const field = (i: number) => `json_extract(value, '$[${i}]')`;
  const upsertChunk = db.prepare(`INSERT INTO bindings (key, store, evaluation_id, since, until)
    SELECT ${[0, 1, 2, 3, 4].map(field).join(', ')} FROM json_each(?) WHERE true
    ON CONFLICT (key) DO UPDATE SET store = excluded.store, evaluation_id = excluded.evaluation_id,
      since = excluded.since, until = excluded.until`);
  // The same entries change-log.ts's record() makes, one per row of the chunk, in row order.
  const logChunk = db.prepare(`INSERT INTO change_log (at, entity, key, op) SELECT ?, 'binding', ${field(0)}, 'upsert' FROM json_each(?)`);
  const read = (key: string): ListingBinding | undefined => {
    const r = get.get(key) as Row | undefined;
    return r && toModel(r);
  };
  return {
    upsert(b: ListingBinding): void {
      log.track('binding', b.key, () => read(b.key), () => upsert.run(b.key, b.store, nullable(b.evaluationId), nullable(b.since), nullable(b.until)));
    },
    get: read,
    remove(key: string): boolean {
      return log.track('binding', key, () => read(key), () => remove.run(key));
    },
    countOfStore(store: string): number {
      return (countOfStore.get(store) as { n: number }).n;
    },
    /** The stored bindings of these keys, read a chunk of keys per statement: a bulk check reads them once. */
    ofKeys(keys: readonly string[]): Map<string, ListingBinding> {
      const out = new Map<string, ListingBinding>();
      for (let i = 0; i < keys.length; i += 10_000) for (const r of ofKeys.all(JSON.stringify(keys.slice(i, i + 10_000))) as Row[]) out.set(r.key, toModel(r));
      return out;
    },
    /**
     * Writes bindings the caller has already compared with `ofKeys` and knows to differ from what
     * is stored, each with its change-log entry: the bulk path of an upload, with no read-back
     * per row (`upsert` reads each record before and after to decide whether to log it). Run it
     * inside the caller's transaction.
     */
    upsertChanged(changed: readonly ListingBinding[]): void {
      const at = new Date().toISOString();
      for (let i = 0; i < changed.length; i += 5_000) {
        const chunk = JSON.stringify(changed.slice(i, i + 5_000).map((b) => [b.key, b.store, nullable(b.evaluationId), nullable(b.since), nullable(b.until)]));
        upsertChunk.run(chunk);
        logChunk.run(at, chunk);
      }
    },
    all(): ListingBinding[] {
      return (all.all() as Row[]).map(toModel);
    },
  };
}
