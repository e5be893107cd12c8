import type { Context } from 'hono';
import { sameSecret } from './secrets.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isUnsafeMethod = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Why a cookie-carrying state change looks cross-site, or null. Browsers send `Sec-Fetch-Site`
 * and `Origin` on every unsafe fetch, so a foreign page is caught by either; a client without them
 * (curl, a test) still has to present the session's synchronizer token, which only a page that
 * read `/v1/auth/me` (same origin: the answer is not readable cross-site) can know.
 */
export function crossSiteReason(c: Context, trustedOrigins: readonly string[]): string | null {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}.`;
  const origin = c.req.header('Origin');
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    if (origin !== own && !trustedOrigins.includes(origin)) return `Origin ${origin.slice(0, 100)} is not this registry's.`;
  }
  return null;
}

/** The synchronizer token check: the header must equal the session's secret. */
export function csrfTokenReason(c: Context, secret: string): string | null {
  const presented = c.req.header(CSRF_HEADER);
  if (!presented) return `Send the ${CSRF_HEADER} header (from /v1/auth/me or the sign-in answer).`;
  return sameSecret(presented, secret) ? null : `The ${CSRF_HEADER} header does not match this session.`;
}
