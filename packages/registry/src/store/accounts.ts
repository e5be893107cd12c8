import { randomUUID } from 'node:crypto';
import type { Role } from '../accounts/roles.js';
import type { Db } from './db.js';

export interface Account {
  id: string;
  email: string;
  role: Role;
  /** The enterprise an `enterprise` account acts for; null for staff and reviewers. */
  uscc: string | null;
  createdAt: string;
  lastSignInAt: string | null;
  disabledAt: string | null;
}

/** An account with its argon2id hash (PHC string); only the password code reads this. */
export interface AccountWithHash extends Account {
  passwordHash: string | null;
}

interface Row {
  id: string;
  email: string;
  role: Role;
  uscc: string | null;
  password_hash: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  disabled_at: string | null;
}

const accountOf = (r: Row): AccountWithHash => ({
  id: r.id,
  email: r.email,
  role: r.role,
  uscc: r.uscc,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
  disabledAt: r.disabled_at,
});

/** Without the hash: what anything outside the password code gets. */
export const publicAccount = ({ passwordHash: _, ...a }: AccountWithHash): Account => a;

export function accountRepo(db: Db) {
  const insert = db.prepare('INSERT INTO accounts (id, email, role, uscc, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
  // The column is COLLATE NOCASE: the index answers this case-insensitively.
  const byEmail = db.prepare('SELECT * FROM accounts WHERE email = ?');
  const all = db.prepare('SELECT * FROM accounts ORDER BY created_at, id');
  const setHash = db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?');
  const signedIn = db.prepare('UPDATE accounts SET last_sign_in_at = ? WHERE id = ?');
  const disable = db.prepare('UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL');
  const enable = db.prepare('UPDATE accounts SET disabled_at = NULL WHERE id = ?');
  return {
    create(a: { email: string; role: Role; uscc: string | null; passwordHash: string | null }, now: Date): AccountWithHash {
      const id = `acc_${randomUUID()}`;
      insert.run(id, a.email, a.role, a.uscc, a.passwordHash, now.toISOString());
      return accountOf(byId.get(id) as Row);
    },
    get(id: string): AccountWithHash | undefined {
      const r = byId.get(id) as Row | undefined;
      return r ? accountOf(r) : undefined;
    },
    byEmail(email: string): AccountWithHash | undefined {
      const r = byEmail.get(email) as Row | undefined;
      return r ? accountOf(r) : undefined;
    },
    all(): Account[] {
      return (all.all() as Row[]).map((r) => publicAccount(accountOf(r)));
    },
    setPasswordHash(id: string, hash: string): void {
      setHash.run(hash, id);
    },
    recordSignIn(id: string, now: Date): void {
      signedIn.run(now.toISOString(), id);
    },
    /** Whether this call disabled it. */
    disable(id: string, now: Date): boolean {
      return disable.run(now.toISOString(), id).changes === 1;
    },
    enable(id: string): boolean {
      return enable.run(id).changes === 1;
    },
  };
}
