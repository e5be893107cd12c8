import { randomUUID } from 'node:crypto';
import type { Role } from '../accounts/roles.js';
import type { Db } from './db.js';

export type InvitationPurpose = 'invite' | 'reset';

export interface Invitation {
  id: string;
  purpose: InvitationPurpose;
  email: string;
  /** The account a reset is for; null for an invitation of a new account. */
  accountId: string | null;
  role: Role;
  uscc: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

interface Row {
  id: string;
  purpose: InvitationPurpose;
  email: string;
  account_id: string | null;
  role: Role;
  uscc: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

const invitationOf = (r: Row): Invitation => ({
  id: r.id,
  purpose: r.purpose,
  email: r.email,
  accountId: r.account_id,
  role: r.role,
  uscc: r.uscc,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

/** One-time invitation and reset links; the token is known by its SHA-256 only. */
export function invitationRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO invitations (id, token_hash, purpose, email, account_id, role, uscc, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare('SELECT * FROM invitations WHERE token_hash = ?');
  const use = db.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL');
  // A newer link makes the older unused ones of the same address useless: only the last one works.
  const supersede = db.prepare('UPDATE invitations SET used_at = ? WHERE email = ? AND used_at IS NULL');
  return {
    create(i: Omit<Invitation, 'id' | 'usedAt' | 'createdAt'> & { tokenHash: string }, now: Date): Invitation {
      const id = `inv_${randomUUID()}`;
      supersede.run(now.toISOString(), i.email);
      insert.run(id, i.tokenHash, i.purpose, i.email, i.accountId, i.role, i.uscc, i.createdBy, now.toISOString(), i.expiresAt);
      return invitationOf(byHash.get(i.tokenHash) as Row);
    },
    byTokenHash(hash: string): Invitation | undefined {
      const r = byHash.get(hash) as Row | undefined;
      return r ? invitationOf(r) : undefined;
    },
    /** Whether this call used it (false: used already, by a concurrent accept or a newer link). */
    markUsed(id: string, now: Date): boolean {
      return use.run(now.toISOString(), id).changes === 1;
    },
  };
}
