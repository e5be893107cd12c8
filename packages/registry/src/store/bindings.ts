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
    all(): ListingBinding[] {
      return (all.all() as Row[]).map(toModel);
    },
  };
}
