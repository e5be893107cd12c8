import type { Standard, StandardStatus } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  code: string;
  title: string;
  title_en: string | null;
  issuer: string;
  status: StandardStatus;
  successor: string | null;
}

const toModel = (r: Row): Standard =>
  withOptional({ code: r.code, title: r.title, issuer: r.issuer, status: r.status }, { titleEn: r.title_en, successor: r.successor });

export function standardRepo(db: Db, log: ChangeLogRepo) {
  const upsert = db.prepare(`INSERT INTO standards (code, title, title_en, issuer, status, successor) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET title = excluded.title, title_en = COALESCE(excluded.title_en, title_en),
      issuer = excluded.issuer, status = excluded.status, successor = COALESCE(excluded.successor, successor)`);
  const get = db.prepare('SELECT * FROM standards WHERE code = ?');
  const all = db.prepare('SELECT * FROM standards ORDER BY rowid');
  const read = (code: string): Standard | undefined => {
    const r = get.get(code) as Row | undefined;
    return r && toModel(r);
  };
  return {
    upsert(s: Standard): void {
      log.track('standard', s.code, () => read(s.code), () => upsert.run(s.code, s.title, nullable(s.titleEn), s.issuer, s.status, nullable(s.successor)));
    },
    get: read,
    all(): Standard[] {
      return (all.all() as Row[]).map(toModel);
    },
  };
}
