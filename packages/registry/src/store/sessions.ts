import type { Db } from './db.js';

export interface SessionRecord {
  idHash: string;
  accountId: string;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute end; the idle end is `lastSeenAt` + the idle lifetime. */
  expiresAt: string;
  csrfSecret: string;
  userAgent: string | null;
}

interface Row {
  id_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  csrf_secret: string;
  user_agent: string | null;
}

const sessionOf = (r: Row): SessionRecord => ({
  idHash: r.id_hash,
  accountId: r.account_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  csrfSecret: r.csrf_secret,
  userAgent: r.user_agent,
});

/** Signed-in sessions, keyed by the SHA-256 of the cookie's id (a leaked database signs nobody in). */
export function sessionRepo(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at, csrf_secret, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const byHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeOfAccount = db.prepare('DELETE FROM sessions WHERE account_id = ?');
  const removeOthers = db.prepare('DELETE FROM sessions WHERE account_id = ? AND id_hash <> ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?');
  return {
    create(s: SessionRecord): void {
      insert.run(s.idHash, s.accountId, s.createdAt, s.lastSeenAt, s.expiresAt, s.csrfSecret, s.userAgent);
    },
    get(idHash: string): SessionRecord | undefined {
      const r = byHash.get(idHash) as Row | undefined;
      return r ? sessionOf(r) : undefined;
    },
    touch(idHash: string, now: Date): void {
      touch.run(now.toISOString(), idHash);
    },
    /** Whether a session was removed. */
    remove(idHash: string): boolean {
      return remove.run(idHash).changes === 1;
    },
    removeOfAccount(accountId: string): number {
      return removeOfAccount.run(accountId).changes;
    },
    removeOthers(accountId: string, keepIdHash: string): number {
      return removeOthers.run(accountId, keepIdHash).changes;
    },
    /** Sessions past their absolute end, or idle since before `idleBefore`. */
    removeExpired(now: Date, idleBefore: Date): number {
      return removeExpired.run(now.toISOString(), idleBefore.toISOString()).changes;
    },
  };
}
