import { toEpochMs, validateUscc } from '@zjmade/sdk';
import { registryCoverage } from '@zjmade/sdk/coverage';
import type { Hono } from 'hono';
import type { RegistryService } from '../../service.js';
import { bearerToken, isAdminToken } from '../admin-auth.js';
import { type AuthFailureLimiter, authClientKey, tooManyFailures } from '../auth-failures.js';
import { problem } from '../problem.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="zjmade-coverage"' };

/**
 * GET /v1/coverage/{uscc}: brand-owner coverage over the listings the registry already binds to
 * the enterprise's stores (`registryCoverage` from the SDK). Readable with the admin token or a
 * token issued to that enterprise (POST /v1/admin/enterprises/{uscc}/tokens, see tokens.ts) that
 * is neither revoked nor expired. Wrong tokens count against the client in `failures`, shared with
 * the admin guard, so guesses cannot be spread over the two.
 */
export function coverageRoutes(app: Hono, service: RegistryService, adminToken: string | undefined, failures?: AuthFailureLimiter): void {
  const { repos } = service;

  app.get('/v1/coverage/:uscc', async (c) => {
    const presented = bearerToken(c.req.header('Authorization'));
    if (presented === null) return problem(c, 'unauthorized', 'Send Authorization: Bearer <admin or enterprise token>.', undefined, CHALLENGE);
    const uscc = validateUscc(c.req.param('uscc'));
    if (!uscc.ok) return problem(c, 'invalid-request', `Invalid USCC: ${uscc.message ?? uscc.error}`, [{ path: '/uscc', message: uscc.message ?? 'invalid' }]);
    const client = failures ? authClientKey(c) : '';
    const wait = failures?.waitSeconds(client) ?? 0;
    if (wait > 0) return tooManyFailures(c, wait);
    if (!isAdminToken(adminToken, presented)) {
      const owner = repos.tokens.enterpriseOf(presented);
      if (owner === undefined) {
        failures?.fail(client);
        return problem(c, 'unauthorized', 'The token is not valid (unknown, revoked or expired).', undefined, CHALLENGE);
      }
      if (owner !== uscc.code) return problem(c, 'forbidden', 'This token does not grant access to that enterprise.');
    }
    failures?.succeed(client);
    const at = c.req.query('at');
    if (at !== undefined && !Number.isFinite(toEpochMs(at))) {
      return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
    }
    if (!repos.enterprises.get(uscc.code)) return problem(c, 'not-found', `No enterprise with USCC ${uscc.code}.`);
    const view = await service.coverageView();
    if (!view) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    return c.json(registryCoverage(view, uscc.code, at === undefined ? {} : { at }));
  });
}
