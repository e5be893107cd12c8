import type { Db } from './db.js';

/** One secret feed URL per enterprise, stored as its SHA-256 only (like enterprise tokens). */
export function calendarRepo(db: Db) {
  const put = db.prepare(`INSERT INTO calendar_feeds (uscc, secret_hash, created_at) VALUES (?, ?, ?)
    ON CONFLICT (uscc) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at`);
  const byHash = db.prepare('SELECT uscc FROM calendar_feeds WHERE secret_hash = ?').pluck();
  const createdAt = db.prepare('SELECT created_at FROM calendar_feeds WHERE uscc = ?').pluck();
  return {
    /** Sets the enterprise's secret, replacing (and so revoking) any earlier one. */
    put(uscc: string, secretHash: string, at: string): void {
      put.run(uscc, secretHash, at);
    },
    enterpriseOf(secretHash: string): string | undefined {
      return byHash.get(secretHash) as string | undefined;
    },
    createdAt(uscc: string): string | undefined {
      return createdAt.get(uscc) as string | undefined;
    },
  };
}
