import { toEpochMs, validateUscc } from '@zjmade/sdk';
import { registryCoverage } from '@zjmade/sdk/coverage';
import type { Hono } from 'hono';
import type { RegistryService } from '../../service.js';
import { actorOf } from './admin.js';
import { bearerToken, isAdminToken } from '../admin-auth.js';
import { validate } from '../body.js';
import { problem } from '../problem.js';
import { tokenBody } from '../schemas.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="zjmade-coverage"' };

/**
 * GET /v1/coverage/{uscc}: brand-owner coverage over the listings the registry already binds to
 * the enterprise's stores (`registryCoverage` from the SDK). Readable with the admin token or a
 * token issued to that enterprise (POST /v1/admin/enterprises/{uscc}/tokens, under admin auth).
 */
export function coverageRoutes(app: Hono, service: RegistryService, adminToken: string | undefined): void {
  const { repos } = service;

  app.get('/v1/coverage/:uscc', async (c) => {
    const presented = bearerToken(c.req.header('Authorization'));
    if (presented === null) return problem(c, 'unauthorized', 'Send Authorization: Bearer <admin or enterprise token>.', undefined, CHALLENGE);
    const uscc = validateUscc(c.req.param('uscc'));
    if (!uscc.ok) return problem(c, 'invalid-request', `Invalid USCC: ${uscc.message ?? uscc.error}`, [{ path: '/uscc', message: uscc.message ?? 'invalid' }]);
    if (!isAdminToken(adminToken, presented)) {
      const owner = repos.tokens.enterpriseOf(presented);
      if (owner === undefined) return problem(c, 'unauthorized', 'The token is not valid.', undefined, CHALLENGE);
      if (owner !== uscc.code) return problem(c, 'forbidden', 'This token does not grant access to that enterprise.');
    }
    const at = c.req.query('at');
    if (at !== undefined && !Number.isFinite(toEpochMs(at))) {
      return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
    }
    if (!repos.enterprises.get(uscc.code)) return problem(c, 'not-found', `No enterprise with USCC ${uscc.code}.`);
    const view = await service.coverageView();
    if (!view) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    return c.json(registryCoverage(view, uscc.code, at === undefined ? {} : { at }));
  });

  // Under /v1/admin, so the admin guard runs first. Not registry data: no snapshot is published.
  app.post('/v1/admin/enterprises/:uscc/tokens', async (c) => {
    const uscc = validateUscc(c.req.param('uscc'));
    if (!uscc.ok) return problem(c, 'invalid-request', `Invalid USCC: ${uscc.message ?? uscc.error}`, [{ path: '/uscc', message: uscc.message ?? 'invalid' }]);
    // The body (a label) is optional.
    const raw = await c.req.text();
    let json: unknown = {};
    if (raw.trim() !== '') {
      try {
        json = JSON.parse(raw);
      } catch (e) {
        return problem(c, 'malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [{ path: '', message: 'invalid JSON' }]);
      }
    }
    const body = validate(c, tokenBody, json);
    if (!body.ok) return body.response;
    if (!repos.enterprises.get(uscc.code)) return problem(c, 'not-found', `No enterprise with USCC ${uscc.code}.`);
    const issued = repos.db.transaction(() => {
      const t = repos.tokens.create(uscc.code, body.value.label);
      repos.audit.record({ actor: actorOf(c), action: 'token.create', target: `enterprise:${uscc.code}`, before: null, after: { id: t.id, label: t.label ?? null } });
      return t;
    })();
    return c.json(issued, 201);
  });
}
