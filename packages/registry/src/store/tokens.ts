import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db.js';

/** Tokens are stored as SHA-256 only: a leaked database does not leak working tokens. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export interface IssuedToken {
  id: string;
  uscc: string;
  /** The secret itself: returned once, at creation, never stored. */
  token: string;
  label?: string;
  createdAt: string;
}

/** Bearer tokens that grant one enterprise (a brand owner) access to its own coverage. */
export function tokenRepo(db: Db) {
  const insert = db.prepare('INSERT INTO enterprise_tokens (id, uscc, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)');
  const byHash = db.prepare('SELECT uscc FROM enterprise_tokens WHERE token_hash = ?');
  return {
    create(uscc: string, label?: string): IssuedToken {
      const token = `zjt_${randomBytes(32).toString('base64url')}`;
      const id = `tok_${randomUUID()}`;
      const createdAt = new Date().toISOString();
      insert.run(id, uscc, hashToken(token), label ?? null, createdAt);
      return { id, uscc, token, ...(label !== undefined ? { label } : {}), createdAt };
    },
    /** The enterprise a presented token belongs to, if any. */
    enterpriseOf(token: string): string | undefined {
      return (byHash.get(hashToken(token)) as { uscc: string } | undefined)?.uscc;
    },
  };
}
