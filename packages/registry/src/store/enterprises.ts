import type { Enterprise } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  uscc: string;
  name: string;
  name_en: string | null;
  region: string;
}

const toModel = (r: Row): Enterprise => withOptional({ uscc: r.uscc, name: r.name, region: r.region }, { nameEn: r.name_en });

export function enterpriseRepo(db: Db, log: ChangeLogRepo) {
  const upsert = db.prepare(`INSERT INTO enterprises (uscc, name, name_en, region) VALUES (?, ?, ?, ?)
    ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, name_en = COALESCE(excluded.name_en, name_en), region = excluded.region`);
  const get = db.prepare('SELECT * FROM enterprises WHERE uscc = ?');
  const all = db.prepare('SELECT * FROM enterprises ORDER BY rowid');
  const read = (uscc: string): Enterprise | undefined => {
    const r = get.get(uscc) as Row | undefined;
    return r && toModel(r);
  };
  return {
    upsert(e: Enterprise): void {
      log.track('enterprise', e.uscc, () => read(e.uscc), () => upsert.run(e.uscc, e.name, nullable(e.nameEn), e.region));
    },
    get: read,
    all(): Enterprise[] {
      return (all.all() as Row[]).map(toModel);
    },
  };
}
