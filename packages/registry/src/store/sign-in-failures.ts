import type { Db } from './db.js';

export interface FailureState {
  failures: number;
  /** Epoch ms of the last failure. */
  lastAt: number;
  /** Epoch ms before which sign-in from this key is refused (0: not blocked). */
  blockedUntil: number;
}

/**
 * Sign-in failure counters, in the database so a restart does not hand an attacker a fresh budget.
 * Keys are `email:<address>` or `address:<client key>`.
 */
export function signInFailureRepo(db: Db) {
  const get = db.prepare('SELECT failures, last_at AS lastAt, blocked_until AS blockedUntil FROM sign_in_failures WHERE key = ?');
  const put = db.prepare(
    'INSERT INTO sign_in_failures (key, failures, last_at, blocked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at, blocked_until = excluded.blocked_until',
  );
  const clear = db.prepare('DELETE FROM sign_in_failures WHERE key = ?');
  const forget = db.prepare('DELETE FROM sign_in_failures WHERE last_at < ? AND blocked_until < ?');
  return {
    get(key: string): FailureState | undefined {
      return get.get(key) as FailureState | undefined;
    },
    put(key: string, s: FailureState): void {
      put.run(key, s.failures, s.lastAt, s.blockedUntil);
    },
    clear(key: string): void {
      clear.run(key);
    },
    /** Drops records with no failure since `before` whose block has ended: the table stays small. */
    forget(before: number, now: number): number {
      return forget.run(before, now).changes;
    },
  };
}
