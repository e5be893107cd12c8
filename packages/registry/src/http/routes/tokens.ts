import { createRoute, z } from '@hono/zod-openapi';
import { validateUscc } from '@zjmade/sdk';
import type { Context } from 'hono';
import type { DomainServices } from '../../services/domain.js';
import { MAX_TOKEN_TTL_MS } from '../../services/tokens.js';
import { actorOf } from '../actor.js';
import { IssuedToken, TokenInfo } from '../answer-schemas.js';
import { validate } from '../body.js';
import { rejectionAnswer } from '../change-answer.js';
import { declare, jsonAnswer, jsonBody, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { invalidUscc, malformedJson } from '../problem.js';
import { ADMIN, ADMIN_PROBLEMS, pathParam } from './admin-common.js';

/** Answers about tokens are never cached: one carries the secret, the others who holds access. */
const NO_STORE = { 'Cache-Control': 'no-store' };

const MAX_TTL_S = MAX_TOKEN_TTL_MS / 1000;

export const tokenIssueBody = z
  .object({
    label: z.string().min(1).max(200).optional(),
    expiresIn: z.number().int().min(60).max(MAX_TTL_S).optional().openapi({ description: 'Seconds from now' }),
    expiresAt: z.iso.datetime({ offset: true }).max(40).optional().openapi({ description: 'An ISO 8601 instant with offset; not with expiresIn' }),
  })
  .strict()
  .refine((b) => b.expiresIn === undefined || b.expiresAt === undefined, { message: 'give expiresIn or expiresAt, not both', path: ['expiresAt'] })
  .openapi('TokenRequest');

const usccParam = pathParam('uscc', 64, 'Unified social credit code');

const routes = {
  issue: createRoute({
    ...ADMIN,
    method: 'post',
    path: '/v1/admin/enterprises/{uscc}/tokens',
    operationId: 'createEnterpriseToken',
    summary: 'Issue a bearer token for an enterprise’s coverage',
    description:
      'The token is in this answer only (`Cache-Control: no-store`); the registry keeps its SHA-256. It expires after `expiresIn` seconds or at `expiresAt`, by default in 90 days, at most in 365. The body is optional.',
    request: { params: z.object({ uscc: usccParam }), body: jsonBody(tokenIssueBody, false) },
    responses: {
      201: jsonAnswer('The new token', IssuedToken, ['Cache-Control']),
      ...problems(['invalid-request', 'Invalid USCC or body, or an expiry under a minute or over 365 days away'], ['malformed-json', 'Not JSON'], ['not-found', 'Unknown enterprise'], ...ADMIN_PROBLEMS),
    },
  }),
  list: createRoute({
    ...ADMIN,
    method: 'get',
    path: '/v1/admin/enterprises/{uscc}/tokens',
    operationId: 'listEnterpriseTokens',
    summary: 'The enterprise’s tokens, active, expired and revoked; never the secrets',
    request: { params: z.object({ uscc: usccParam }) },
    responses: {
      200: jsonAnswer('Tokens, oldest first', z.object({ items: z.array(TokenInfo) }), ['Cache-Control']),
      ...problems(['invalid-request', 'Invalid USCC'], ['not-found', 'Unknown enterprise'], ...ADMIN_PROBLEMS),
    },
  }),
  revoke: createRoute({
    ...ADMIN,
    method: 'delete',
    path: '/v1/admin/enterprises/{uscc}/tokens/{id}',
    operationId: 'revokeEnterpriseToken',
    summary: 'Revoke a token at once (audited); revoking a revoked token answers it unchanged',
    request: { params: z.object({ uscc: usccParam, id: pathParam('id', 128, 'Token id (tok_…)') }) },
    responses: {
      200: jsonAnswer('The revoked token', z.object({ token: TokenInfo }), ['Cache-Control']),
      ...problems(['invalid-request', 'Invalid USCC'], ['not-found', 'No such token for this enterprise'], ['conflict', 'Revoked meanwhile by another process'], ...ADMIN_PROBLEMS),
    },
  }),
};

function usccOf(c: Context): { ok: true; code: string } | { ok: false; response: Response } {
  const uscc = validateUscc(c.req.param('uscc') ?? '');
  return uscc.ok ? { ok: true, code: uscc.code } : { ok: false, response: invalidUscc(c, uscc) };
}

/** Enterprise (brand-owner) tokens under /v1/admin, so the admin guard runs first. */
export function tokenRoutes(domain: Pick<DomainServices, 'tokens'>): RouteApp {
  const app = routeApp();
  const { tokens } = domain;

  declare(app, routes.issue, async (c) => {
    const uscc = usccOf(c);
    if (!uscc.ok) return uscc.response;
    // The body (a label, an expiry) is optional.
    const raw = await c.req.text();
    let json: unknown = {};
    if (raw.trim() !== '') {
      try {
        json = JSON.parse(raw);
      } catch (e) {
        return malformedJson(c, e);
      }
    }
    const body = validate(c, tokenIssueBody, json);
    if (!body.ok) return body.response;
    try {
      return c.json(tokens.issue(actorOf(c), uscc.code, body.value), 201, NO_STORE);
    } catch (e) {
      return rejectionAnswer(c, e);
    }
  });

  declare(app, routes.list, (c) => {
    const uscc = usccOf(c);
    if (!uscc.ok) return uscc.response;
    try {
      return c.json({ items: tokens.list(uscc.code) }, 200, NO_STORE);
    } catch (e) {
      return rejectionAnswer(c, e);
    }
  });

  declare(app, routes.revoke, (c) => {
    const uscc = usccOf(c);
    if (!uscc.ok) return uscc.response;
    try {
      return c.json({ token: tokens.revoke(actorOf(c), uscc.code, c.req.param('id')!) }, 200, NO_STORE);
    } catch (e) {
      return rejectionAnswer(c, e);
    }
  });
  return app;
}
