import type { MiddlewareHandler } from 'hono';
import { bearerToken, isAdminToken } from '../http/admin-auth.js';
import { type AuthFailureLimiter, authClientKey, tooManyFailures } from '../http/auth-failures.js';
import { problem } from '../http/problem.js';
import { clientAddress } from '../http/rate-limit.js';
import type { AccountService } from '../services/accounts.js';
import { crossSiteReason, csrfTokenReason, isUnsafeMethod } from './csrf.js';
import type { Role } from './roles.js';
import { clearSessionCookie, sessionCookie } from './session-cookie.js';
import type { AccountEnv } from './signed-in.js';

export interface GuardOptions {
  /** Roles let through; the admin token counts as `staff`. */
  roles: readonly Role[];
}

export type RequireAccount = (opts: GuardOptions) => MiddlewareHandler<AccountEnv>;

const ACTOR_RE = /^[\w.@-]{1,64}$/;

/**
 * `requireAccount({ roles })`: loads the session behind the cookie (pushing its idle end on),
 * refuses other roles (403), and on unsafe methods requires the CSRF token and a same-origin
 * request. A bearer token is the admin's automation: accepted where `staff` is, exempt from CSRF
 * (no browser sends it by itself), counted against the same wrong-token backoff as /v1/admin.
 */
export function accountGuard(accounts: AccountService, adminToken: string | undefined, failures: AuthFailureLimiter | undefined): RequireAccount {
  const secure = accounts.options.secureCookies;
  return ({ roles }) =>
    async (c, next) => {
      const bearer = bearerToken(c.req.header('Authorization'));
      if (bearer !== null) {
        if (!roles.includes('staff')) return problem(c, 'forbidden', 'This route is for signed-in accounts; the admin token does not open it.');
        const client = authClientKey(c);
        const wait = failures?.waitSeconds(client) ?? 0;
        if (wait > 0) return tooManyFailures(c, wait);
        if (!isAdminToken(adminToken, bearer)) {
          failures?.fail(client);
          return problem(c, 'unauthorized', 'The bearer token is wrong.', undefined, { 'WWW-Authenticate': 'Bearer realm="zjmade-admin"' });
        }
        failures?.succeed(client);
        const name = c.req.header('X-Zjmade-Actor');
        c.set('account', { id: 'admin', email: '', role: 'staff', uscc: null, via: 'admin-token', actor: `${name && ACTOR_RE.test(name) ? name : 'admin'}@${clientAddress(c)}` });
        c.set('session', undefined);
        return next();
      }
      const id = sessionCookie(c);
      const live = id ? accounts.session(id) : undefined;
      if (!live) {
        if (id) clearSessionCookie(c, secure);
        return problem(c, 'session-required', id ? 'The session has ended (signed out, expired or replaced); sign in again.' : 'Sign in first.');
      }
      if (isUnsafeMethod(c.req.method)) {
        const why = crossSiteReason(c, accounts.options.trustedOrigins) ?? csrfTokenReason(c, live.session.csrfSecret);
        if (why) return problem(c, 'csrf', why);
      }
      if (!roles.includes(live.account.role)) return problem(c, 'forbidden', `A ${live.account.role} account cannot use this route.`);
      const a = live.account;
      c.set('account', { id: a.id, email: a.email, role: a.role, uscc: a.uscc, via: 'session', actor: `user:${a.id}` });
      c.set('session', live);
      return next();
    };
}
