import type { Sanction, SanctionKind } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  id: string;
  uscc: string;
  kind: SanctionKind;
  reason: string | null;
  from_date: string;
  until_date: string | null;
}

const toModel = (r: Row): Sanction =>
  withOptional({ id: r.id, uscc: r.uscc, kind: r.kind, from: r.from_date }, { reason: r.reason, until: r.until_date });

export function sanctionRepo(db: Db, log: ChangeLogRepo) {
  const upsert = db.prepare(`INSERT INTO sanctions (id, uscc, kind, reason, from_date, until_date) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET uscc = excluded.uscc, kind = excluded.kind, reason = excluded.reason,
      from_date = excluded.from_date, until_date = excluded.until_date`);
  const byEnterprise = db.prepare('SELECT * FROM sanctions WHERE uscc = ? ORDER BY rowid');
  const all = db.prepare('SELECT * FROM sanctions ORDER BY rowid');
  const get = db.prepare('SELECT * FROM sanctions WHERE id = ?');
  const read = (id: string): Sanction | undefined => {
    const r = get.get(id) as Row | undefined;
    return r && toModel(r);
  };
  return {
    upsert(s: Sanction): void {
      log.track('sanction', s.id, () => read(s.id), () => upsert.run(s.id, s.uscc, s.kind, nullable(s.reason), s.from, nullable(s.until)));
    },
    get: read,
    ofEnterprise(uscc: string): Sanction[] {
      return (byEnterprise.all(uscc) as Row[]).map(toModel);
    },
    all(): Sanction[] {
      return (all.all() as Row[]).map(toModel);
    },
  };
}
