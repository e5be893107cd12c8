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

/** What recording a report did: stored it, or counted it against an identical recent one. */
export type Recorded = { id: string; duplicate: false } | { id: string; duplicate: true; duplicates: number };

export function reportRepo(db: Db) {
  const insert = db.prepare('INSERT INTO reports (id, listing, key, reason, note, at) VALUES (?, ?, ?, ?, ?, ?)');
  // `IS` so that two reports without a note match.
  const recent = db.prepare('SELECT id FROM reports WHERE key IS ? AND reason = ? AND note IS ? AND at >= ? ORDER BY at DESC LIMIT 1');
  const bump = db.prepare('UPDATE reports SET duplicates = duplicates + 1 WHERE id = ? RETURNING duplicates');
  const page = db.prepare('SELECT * FROM reports ORDER BY rowid DESC LIMIT ? OFFSET ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM reports');
  return {
    insert(r: Report): void {
      insert.run(r.id, r.listing, nullable(r.key), r.reason, nullable(r.note), r.at);
    },
    /**
     * Stores `r` unless a report of the same listing key, reason and note was stored since
     * `windowStart` (ISO): then that one's duplicate count goes up and nothing new is stored, so
     * one shopper (or one script) repeating itself does not bury the triage queue.
     */
    record(r: Report, windowStart: string): Recorded {
      return db.transaction((): Recorded => {
        const same = recent.get(nullable(r.key), r.reason, nullable(r.note), windowStart) as { id: string } | undefined;
        if (same) return { id: same.id, duplicate: true, duplicates: (bump.get(same.id) as { duplicates: number }).duplicates };
        insert.run(r.id, r.listing, nullable(r.key), r.reason, nullable(r.note), r.at);
        return { id: r.id, duplicate: false };
      })();
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
