import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, invitation tokens, CSRF secrets. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a session id or invitation token. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares digests so the time taken says nothing about where the strings differ, nor their lengths. */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
