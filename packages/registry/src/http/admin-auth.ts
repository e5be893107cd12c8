import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { type AuthFailureLimiter, authClientKey, tooManyFailures } from './auth-failures.js';
import { problem } from './problem.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Whether `presented` is the admin token, compared in constant time; always false without one. */
export function isAdminToken(token: string | undefined, presented: string | null): boolean {
  return token !== undefined && token !== '' && presented !== null && timingSafeEqual(sha256(presented), sha256(token));
}

/**
 * Bearer-token guard for /v1/admin. Comparing SHA-256 digests keeps `timingSafeEqual` constant-time
 * regardless of the presented token's length. Without a configured token the admin API is off.
 * With a limiter, wrong tokens count against the client and a client over its budget is answered
 * 429 before its token is even looked at.
 */
export function adminAuth(token: string | undefined, failures?: AuthFailureLimiter): MiddlewareHandler {
  const expected = token ? sha256(token) : undefined;
  return async (c, next) => {
    if (!expected) return problem(c, 'admin-disabled', 'No admin token is configured (set ZJMADE_ADMIN_TOKEN).');
    const header = c.req.header('Authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const client = failures ? authClientKey(c) : '';
    if (failures && m) {
      const wait = failures.waitSeconds(client);
      if (wait > 0) return tooManyFailures(c, wait);
    }
    const ok = m !== null && timingSafeEqual(sha256(m[1]!), expected);
    if (!ok) {
      // A missing header is not a guess; a wrong token is.
      if (failures && m) failures.fail(client);
      return problem(c, 'unauthorized', m ? 'The admin token is wrong.' : 'Send Authorization: Bearer <admin token>.', undefined, {
        'WWW-Authenticate': 'Bearer realm="zjmade-admin"',
      });
    }
    failures?.succeed(client);
    await next();
  };
}
