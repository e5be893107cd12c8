import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AccountEnv, RequireAccount } from '../accounts/index.js';
import { COMMON_PROBLEMS, jsonAnswer, jsonBody, problems } from '../http/openapi-kit.js';
import { type ProblemSlug, problem } from '../http/problem.js';
import type { PortalService } from '../services/portal-service.js';
import { evidenceAnswer } from './routes.js';
import { ANSWERS, claimIdParam, decisionBody, evidenceFileAnswer, pageQuery } from './schemas.js';
import { answer, declare, portalApp } from './route-kit.js';

const ADMIN: Record<string, string[]>[] = [{ adminToken: [] }, { cookieAuth: [] }];
const TAGS = ['admin'];
const ADMIN_PROBLEMS: [ProblemSlug, string][] = [
  ['unauthorized', 'Wrong admin token'],
  ['session-required', 'Neither the admin token nor a live session'],
  ['forbidden', 'Not a staff or reviewer account'],
  ['csrf', 'A session’s state change without the CSRF token'],
];

const stateQuery = pageQuery.extend({ state: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).default('pending').openapi({ param: { name: 'state', in: 'query' } }) });

/**
 * Staff review of store claims until the staff console has its own screens: a staff or reviewer
 * session, or the admin token, lists claims, downloads evidence and approves or rejects. Approval
 * registers the store (change log, so its listings turn `store-only` in the next snapshot).
 */
export function claimReviewRoutes(portal: PortalService, requireAccount: RequireAccount): OpenAPIHono<AccountEnv> {
  const app = portalApp<AccountEnv>();
  // Staff sessions and the admin token (which the guard counts as staff); reviewers decide claims too.
  app.use('/v1/admin/claims', requireAccount({ roles: ['staff', 'reviewer'] }));
  app.use('/v1/admin/claims/*', requireAccount({ roles: ['staff', 'reviewer'] }));
  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/admin/claims',
      operationId: 'adminClaims',
      tags: TAGS,
      summary: 'Store claims in one state (default pending), oldest first',
      security: ADMIN,
      request: { query: stateQuery },
      responses: { 200: jsonAnswer('A page of claims', ANSWERS.reviewPage), ...problems(['invalid-request', 'Bad query'], ...ADMIN_PROBLEMS, ...COMMON_PROBLEMS) },
    }),
    (c: Context<AccountEnv>) => {
      const q = stateQuery.parse(c.req.query());
      return c.json({ items: portal.claimsInState(q.state, q.limit, q.offset), limit: q.limit, offset: q.offset });
    },
  );
  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/admin/claims/{id}/evidence',
      operationId: 'adminClaimEvidence',
      tags: TAGS,
      summary: 'Download a claim’s evidence file (as an attachment)',
      security: ADMIN,
      request: { params: claimIdParam },
      responses: {
        200: evidenceFileAnswer('The file (Content-Disposition: attachment; X-Content-Type-Options: nosniff)'),
        ...problems(['invalid-request', 'Not a claim id'], ['not-found', 'No such claim'], ...ADMIN_PROBLEMS, ...COMMON_PROBLEMS),
      },
    }),
    (c: Context<AccountEnv>) => answer(c, () => evidenceAnswer(c, portal.evidence(null, c.req.param('id')!))),
  );
  for (const decision of ['approve', 'reject'] as const) {
    declare(
      app,
      createRoute({
        method: 'post',
        path: `/v1/admin/claims/{id}/${decision}`,
        operationId: decision === 'approve' ? 'adminApproveClaim' : 'adminRejectClaim',
        tags: TAGS,
        summary: decision === 'approve' ? 'Approve a pending claim: the store is registered to the enterprise (audited, published)' : 'Reject a pending claim with a reason the enterprise sees',
        security: ADMIN,
        request: { params: claimIdParam, body: jsonBody(decisionBody, decision === 'reject') },
        responses: {
          200: jsonAnswer('The decided claim (and the store an approval registered)', ANSWERS.decision),
          ...problems(
            ['invalid-request', decision === 'reject' ? 'No reason' : 'Bad body'],
            ['malformed-json', 'Not JSON'],
            ['not-found', 'No such claim'],
            ['conflict', 'Not pending, or the store is registered to another enterprise'],
            ...ADMIN_PROBLEMS,
            ...COMMON_PROBLEMS,
          ),
        },
      }),
      (c: Context<AccountEnv>) =>
        answer(c, async () => {
          const raw = await c.req.text();
          let value: unknown = {};
          if (raw.trim()) {
            try {
              value = JSON.parse(raw);
            } catch (e) {
              return problem(c, 'malformed-json', (e as Error).message);
            }
          }
          const body = decisionBody.safeParse(value);
          if (!body.success) return problem(c, 'invalid-request', 'The body does not have the expected shape.', body.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
          return c.json(await portal.decideClaim(c.var.account.actor, c.req.param('id')!, decision, body.data.reason ?? null));
        }),
    );
  }
  return app;
}
