import { createRoute, z } from '@hono/zod-openapi';
import { toEpochMs, validateUscc } from '@zjmade/sdk';
import type { DomainServices } from '../../services/domain.js';
import { bearerToken, isAdminToken } from '../admin-auth.js';
import { CoverageReport } from '../answer-schemas.js';
import { type AuthFailureLimiter, authClientKey, tooManyFailures } from '../auth-failures.js';
import { rejectionAnswer } from '../change-answer.js';
import { declare, jsonAnswer, problems, type RouteApp, routeApp, SECURITY } from '../openapi-kit.js';
import { invalidUscc, problem } from '../problem.js';
import { pathParam } from './admin-common.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="zjmade-coverage"' };

const route = createRoute({
  method: 'get',
  path: '/v1/coverage/{uscc}',
  operationId: 'coverage',
  tags: ['coverage'],
  summary: 'Brand-owner coverage of an enterprise’s listings',
  description:
    'Coverage (`registryCoverage` of @zjmade/sdk/coverage) over the listings the registry binds to the enterprise’s stores: backed, unbound, renewals, lapsed, forgotten stores. Admin token or a token issued to this enterprise. Never cached.',
  security: [...SECURITY.coverage],
  request: {
    params: z.object({ uscc: pathParam('uscc', 64, 'Unified social credit code') }),
    query: z.object({ at: z.string().max(64).optional().openapi({ param: { name: 'at', in: 'query' }, description: 'ISO instant or YYYY-MM-DD; default now' }) }),
  },
  responses: {
    200: jsonAnswer('The coverage report', CoverageReport, ['Cache-Control']),
    ...problems(
      ['invalid-request', 'Invalid USCC or `at`'],
      ['unauthorized', 'Missing, unknown, revoked or expired token (see WWW-Authenticate)'],
      ['forbidden', 'The token belongs to another enterprise'],
      ['not-found', 'Unknown enterprise'],
      ['rate-limited', 'Too many wrong tokens from this client: every token waits for Retry-After'],
      ['no-snapshot', 'No snapshot published yet'],
      ['method-not-allowed', 'The path does not answer this method (see Allow)'],
    ),
  },
});

/**
 * GET /v1/coverage/{uscc}, readable with the admin token or a live token issued to that
 * enterprise. Wrong tokens count against the client in `failures`, shared with the admin guard, so
 * guesses cannot be spread over the two.
 */
export function coverageRoutes(domain: Pick<DomainServices, 'coverage'>, adminToken: string | undefined, failures?: AuthFailureLimiter): RouteApp {
  const app = routeApp();
  declare(app, route, async (c) => {
    const presented = bearerToken(c.req.header('Authorization'));
    if (presented === null) return problem(c, 'unauthorized', 'Send Authorization: Bearer <admin or enterprise token>.', undefined, CHALLENGE);
    const uscc = validateUscc(c.req.param('uscc'));
    if (!uscc.ok) return invalidUscc(c, uscc);
    const client = failures ? authClientKey(c) : '';
    const wait = failures?.waitSeconds(client) ?? 0;
    if (wait > 0) return tooManyFailures(c, wait);
    const access = domain.coverage.access(presented, uscc.code, isAdminToken(adminToken, presented));
    if (access === 'invalid') {
      failures?.fail(client);
      return problem(c, 'unauthorized', 'The token is not valid (unknown, revoked or expired).', undefined, CHALLENGE);
    }
    if (access === 'other-enterprise') return problem(c, 'forbidden', 'This token does not grant access to that enterprise.');
    failures?.succeed(client);
    const at = c.req.query('at');
    if (at !== undefined && !Number.isFinite(toEpochMs(at))) {
      return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
    }
    try {
      const report = await domain.coverage.report(uscc.code, at);
      if (!report) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
      return c.json(report);
    } catch (e) {
      return rejectionAnswer(c, e);
    }
  });
  return app;
}
