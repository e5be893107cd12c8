import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db.js';

/** Tokens are stored as SHA-256 only: a leaked database does not leak working tokens. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const DAY_MS = 24 * 60 * 60 * 1000;
/** Lifetime of a token issued without `expiresIn`/`expiresAt`. */
export const DEFAULT_TOKEN_TTL_MS = 90 * DAY_MS;
/** No token lives longer: a forgotten token in a script stops working within a year. */
export const MAX_TOKEN_TTL_MS = 365 * DAY_MS;

export interface IssuedToken {
  id: string;
  uscc: string;
  /** The secret itself: returned once, at creation, never stored. */
  token: string;
  label?: string;
  createdAt: string;
  expiresAt: string;
}

/** What the registry shows about a token: never the secret nor its hash. */
export interface TokenInfo {
  id: string;
  uscc: string;
  label?: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  state: 'active' | 'expired' | 'revoked';
}

interface Row {
  id: string;
  uscc: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Tokens issued before expiry existed (schema v3) carry none; they get the maximum lifetime. */
const expiryOf = (r: Row): string => r.expires_at ?? new Date(Date.parse(r.created_at) + MAX_TOKEN_TTL_MS).toISOString();

const infoOf = (r: Row, now: number): TokenInfo => {
  const expiresAt = expiryOf(r);
  return {
    id: r.id,
    uscc: r.uscc,
    ...(r.label !== null ? { label: r.label } : {}),
    createdAt: r.created_at,
    expiresAt,
    ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
    state: r.revoked_at !== null ? 'revoked' : Date.parse(expiresAt) <= now ? 'expired' : 'active',
  };
};

/** Bearer tokens that grant one enterprise (a brand owner) access to its own coverage. */
export function tokenRepo(db: Db) {
  const insert = db.prepare('INSERT INTO enterprise_tokens (id, uscc, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byHash = db.prepare('SELECT id, uscc, label, created_at, expires_at, revoked_at FROM enterprise_tokens WHERE token_hash = ?');
  const byId = db.prepare('SELECT id, uscc, label, created_at, expires_at, revoked_at FROM enterprise_tokens WHERE id = ? AND uscc = ?');
  const ofEnterprise = db.prepare('SELECT id, uscc, label, created_at, expires_at, revoked_at FROM enterprise_tokens WHERE uscc = ? ORDER BY created_at, id');
  const revoke = db.prepare('UPDATE enterprise_tokens SET revoked_at = ? WHERE id = ? AND uscc = ? AND revoked_at IS NULL');
  return {
    /** `expiresAt` must already be checked against MAX_TOKEN_TTL_MS (the route does). */
    create(uscc: string, label: string | undefined, expiresAt: Date, now: Date = new Date()): IssuedToken {
      const token = `zjt_${randomBytes(32).toString('base64url')}`;
      const id = `tok_${randomUUID()}`;
      const createdAt = now.toISOString();
      const expires = expiresAt.toISOString();
      insert.run(id, uscc, hashToken(token), label ?? null, createdAt, expires);
      return { id, uscc, token, ...(label !== undefined ? { label } : {}), createdAt, expiresAt: expires };
    },
    /** The enterprise a presented token belongs to, if it is neither revoked nor expired. */
    enterpriseOf(token: string, now: number = Date.now()): string | undefined {
      const r = byHash.get(hashToken(token)) as Row | undefined;
      return r && infoOf(r, now).state === 'active' ? r.uscc : undefined;
    },
    list(uscc: string, now: number = Date.now()): TokenInfo[] {
      return (ofEnterprise.all(uscc) as Row[]).map((r) => infoOf(r, now));
    },
    get(uscc: string, id: string, now: number = Date.now()): TokenInfo | undefined {
      const r = byId.get(id, uscc) as Row | undefined;
      return r ? infoOf(r, now) : undefined;
    },
    /** Whether this call revoked it (false: unknown, or revoked already). */
    revoke(uscc: string, id: string, at: Date = new Date()): boolean {
      return revoke.run(at.toISOString(), id, uscc).changes === 1;
    },
  };
}
