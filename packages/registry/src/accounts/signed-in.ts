import type { Context } from 'hono';
import type { LiveSession } from '../services/accounts.js';
import type { Role } from './roles.js';

/** Who a guarded route is serving; set by `requireAccount` as `c.var.account`. */
export interface SignedInAccount {
  /** `admin` for the shared admin token. */
  id: string;
  email: string;
  role: Role;
  uscc: string | null;
  /** How the request proved it: a session cookie, or the admin bearer token (automation). */
  via: 'session' | 'admin-token';
  /** What the audit log records: `user:<id>`, or `admin@<address>` for the admin token. */
  actor: string;
}

/** The Hono environment of routes behind `requireAccount`. */
export interface AccountEnv {
  Variables: {
    account: SignedInAccount;
    /** The session record (absent for the admin token). */
    session: LiveSession | undefined;
  };
}

/** The audit actor for changes this account makes. */
export const actorOf = (account: SignedInAccount): string => account.actor;

/**
 * The USCC an enterprise route is scoped to. Only call it behind `requireAccount({ roles:
 * ['enterprise'] })`: on any other account it throws, a bug rather than an answer.
 */
export function ownUscc(c: Context<AccountEnv>): string {
  const a = c.var.account;
  if (a.role !== 'enterprise' || !a.uscc) throw new Error(`ownUscc() on a ${a.role} account: guard this route with roles ['enterprise']`);
  return a.uscc;
}
