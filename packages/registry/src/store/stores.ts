import type { Platform, Store, StoreRole } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  key: string;
  platform: Platform;
  shop_id: string;
  name: string;
  url: string | null;
  uscc: string;
  role: StoreRole;
  since: string;
  until: string | null;
}

const toModel = (r: Row): Store =>
  withOptional(
    { platform: r.platform, shopId: r.shop_id, key: r.key, name: r.name, uscc: r.uscc, role: r.role, since: r.since },
    { url: r.url, until: r.until },
  );

export function storeRepo(db: Db, log: ChangeLogRepo) {
  const upsert = db.prepare(`INSERT INTO stores (key, platform, shop_id, name, url, uscc, role, since, until)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET name = excluded.name, url = excluded.url, uscc = excluded.uscc,
      role = excluded.role, since = excluded.since, until = excluded.until`);
  const get = db.prepare('SELECT * FROM stores WHERE key = ?');
  const remove = db.prepare('DELETE FROM stores WHERE key = ?');
  const byEnterprise = db.prepare('SELECT * FROM stores WHERE uscc = ? ORDER BY rowid');
  const all = db.prepare('SELECT * FROM stores ORDER BY rowid');
  const bindingsOf = db.prepare('SELECT key FROM bindings WHERE store = ?').pluck();
  const read = (key: string): Store | undefined => {
    const r = get.get(key) as Row | undefined;
    return r && toModel(r);
  };
  return {
    upsert(s: Store): void {
      log.track('store', s.key, () => read(s.key), () => upsert.run(s.key, s.platform, s.shopId, s.name, nullable(s.url), s.uscc, s.role, s.since, nullable(s.until)));
    },
    get: read,
    /** Removes the store; its listing bindings go with it (ON DELETE CASCADE), each logged as removed. */
    remove(key: string): boolean {
      for (const b of bindingsOf.all(key) as string[]) log.record('binding', b, 'remove');
      return log.track('store', key, () => read(key), () => remove.run(key));
    },
    ofEnterprise(uscc: string): Store[] {
      return (byEnterprise.all(uscc) as Row[]).map(toModel);
    },
    all(): Store[] {
      return (all.all() as Row[]).map(toModel);
    },
  };
}
