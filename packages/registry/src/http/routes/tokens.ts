import { validateUscc } from '@zjmade/sdk';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { RegistryService } from '../../service.js';
import { DEFAULT_TOKEN_TTL_MS, MAX_TOKEN_TTL_MS } from '../../store/tokens.js';
import { validate } from '../body.js';
import { problem } from '../problem.js';
import { actorOf } from './admin.js';

/** Answers about tokens are never cached: one carries the secret, the others who holds access. */
const NO_STORE = { 'Cache-Control': 'no-store' };

const MAX_TTL_S = MAX_TOKEN_TTL_MS / 1000;

export const tokenIssueBody = z
  .object({
    label: z.string().min(1).max(200).optional(),
    /** Seconds from now. */
    expiresIn: z.number().int().min(60).max(MAX_TTL_S).optional(),
    /** An ISO 8601 instant with offset. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((b) => b.expiresIn === undefined || b.expiresAt === undefined, { message: 'give expiresIn or expiresAt, not both', path: ['expiresAt'] });

function usccParam(c: Context): { ok: true; code: string } | { ok: false; response: Response } {
  const uscc = validateUscc(c.req.param('uscc') ?? '');
  if (uscc.ok) return { ok: true, code: uscc.code };
  return { ok: false, response: problem(c, 'invalid-request', `Invalid USCC: ${uscc.message ?? uscc.error}`, [{ path: '/uscc', message: uscc.message ?? 'invalid' }]) };
}

/**
 * Enterprise (brand-owner) tokens under /v1/admin, so the admin guard runs first. Issuing and
 * revoking are audited; neither is registry data, so nothing is published.
 */
export function tokenRoutes(app: Hono, service: RegistryService): void {
  const { repos } = service;

  app.post('/v1/admin/enterprises/:uscc/tokens', async (c) => {
    const uscc = usccParam(c);
    if (!uscc.ok) return uscc.response;
    // The body (a label, an expiry) is optional.
    const raw = await c.req.text();
    let json: unknown = {};
    if (raw.trim() !== '') {
      try {
        json = JSON.parse(raw);
      } catch (e) {
        return problem(c, 'malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [{ path: '', message: 'invalid JSON' }]);
      }
    }
    const body = validate(c, tokenIssueBody, json);
    if (!body.ok) return body.response;
    const now = new Date();
    const { label, expiresIn, expiresAt } = body.value;
    const expires = new Date(expiresAt !== undefined ? Date.parse(expiresAt) : now.getTime() + (expiresIn !== undefined ? expiresIn * 1000 : DEFAULT_TOKEN_TTL_MS));
    if (expires.getTime() <= now.getTime() + 60_000 || expires.getTime() > now.getTime() + MAX_TOKEN_TTL_MS) {
      return problem(c, 'invalid-request', `expiresAt must be at least a minute and at most ${MAX_TTL_S / 86_400} days away.`, [{ path: '/expiresAt', message: 'out of range' }]);
    }
    if (!repos.enterprises.get(uscc.code)) return problem(c, 'not-found', `No enterprise with USCC ${uscc.code}.`);
    const issued = repos.db.transaction(() => {
      const t = repos.tokens.create(uscc.code, label, expires, now);
      repos.audit.record({ actor: actorOf(c), action: 'token.create', target: `enterprise:${uscc.code}`, before: null, after: { id: t.id, label: t.label ?? null, expiresAt: t.expiresAt } });
      return t;
    })();
    return c.json(issued, 201, NO_STORE);
  });

  app.get('/v1/admin/enterprises/:uscc/tokens', (c) => {
    const uscc = usccParam(c);
    if (!uscc.ok) return uscc.response;
    if (!repos.enterprises.get(uscc.code)) return problem(c, 'not-found', `No enterprise with USCC ${uscc.code}.`);
    return c.json({ items: repos.tokens.list(uscc.code) }, 200, NO_STORE);
  });

  app.delete('/v1/admin/enterprises/:uscc/tokens/:id', (c) => {
    const uscc = usccParam(c);
    if (!uscc.ok) return uscc.response;
    const id = c.req.param('id');
    const result = repos.db.transaction(() => {
      const before = repos.tokens.get(uscc.code, id);
      if (!before) return undefined;
      // Revoking twice is not an error: the token is revoked either way; only the first is audited.
      if (repos.tokens.revoke(uscc.code, id)) {
        const after = repos.tokens.get(uscc.code, id)!;
        repos.audit.record({ actor: actorOf(c), action: 'token.revoke', target: `enterprise:${uscc.code}`, before, after });
        return after;
      }
      return before;
    })();
    if (!result) return problem(c, 'not-found', `Enterprise ${uscc.code} has no token ${id}.`);
    return c.json({ token: result }, 200, NO_STORE);
  });
}
