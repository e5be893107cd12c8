import type { Report, ReportReason } from '@zjmade/sdk';
import type { Db } from './db.js';
import { nullable, withOptional } from './rows.js';

interface Row {
  id: string;
  listing: string;
  key: string | null;
  reason: ReportReason;
  note: string | null;
  at: string;
}

const toModel = (r: Row): Report =>
  withOptional({ id: r.id, listing: r.listing, reason: r.reason, at: r.at }, { key: r.key, note: r.note });

export function reportRepo(db: Db) {
  const insert = db.prepare('INSERT INTO reports (id, listing, key, reason, note, at) VALUES (?, ?, ?, ?, ?, ?)');
  const page = db.prepare('SELECT * FROM reports ORDER BY rowid DESC LIMIT ? OFFSET ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM reports');
  return {
    insert(r: Report): void {
      insert.run(r.id, r.listing, nullable(r.key), r.reason, nullable(r.note), r.at);
    },
    /** Newest first. */
    page(limit: number, offset: number): { total: number; items: Report[] } {
      return {
        total: (count.get() as { n: number }).n,
        items: (page.all(limit, offset) as Row[]).map(toModel),
      };
    },
  };
}
