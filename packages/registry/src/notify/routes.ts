import { createRoute, type OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AccountEnv, RequireAccount } from '../accounts/index.js';
import { readBody } from '../http/body.js';
import { COMMON_PROBLEMS, jsonAnswer, problems } from '../http/openapi-kit.js';
import { type ProblemSlug, problem } from '../http/problem.js';
import { answer, declare, portalApp } from '../portal/route-kit.js';
import type { WebhookScope, WebhookService } from '../services/webhooks.js';
import { ANSWERS, createBody, deliveriesQuery, deliveryParams, endpointIdParam, replaySinceBody } from './route-schemas.js';

type C = Context<AccountEnv>;
type ProblemEntry = [ProblemSlug, string];

/** Largest request body any webhook route reads. */
export const WEBHOOK_BODY_LIMIT = 16 * 1024;

export interface WebhookRouteSet {
  /** `/v1/console/webhooks` or `/v1/portal/webhooks`. */
  base: string;
  /** operationId prefix: `console` or `portal`. */
  op: 'console' | 'portal';
  tag: string;
  security: Record<string, string[]>[];
  read: MiddlewareHandler<AccountEnv>;
  write: MiddlewareHandler<AccountEnv>;
  scopeOf: (c: C) => WebhookScope;
  /** Who may do what, for the summaries. */
  who: string;
  /** The roles each kind of route lets through, documented as `x-roles` (as the console's routes are). */
  roles: { read: string[]; write: string[] };
  authProblems: ProblemEntry[];
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WRITE_PROBLEMS: ProblemEntry[] = [
  ['csrf', 'No or a wrong X-CSRF-Token header, or a foreign Origin (sessions only)'],
  ['busy', 'Another write holds the database'],
  ['storage-full', 'The database cannot grow'],
];
const BODY_PROBLEMS: ProblemEntry[] = [
  ['malformed-json', 'The body is not JSON'],
  ['payload-too-large', `A body over ${WEBHOOK_BODY_LIMIT} bytes`],
];

const jsonBodyWith = (schema: z.ZodType, example: unknown) => ({ required: true, content: { 'application/json': { schema, example } } });
const NO_STORE = ['Cache-Control'] as const;

/**
 * The webhook endpoints API, one builder for both owners: staff manage platform endpoints under
 * /v1/console/webhooks, an enterprise its own under /v1/portal/webhooks. Every answer is
 * `Cache-Control: no-store` (two carry a secret). Documented in docs/webhooks.md.
 */
export function webhookRoutes(webhooks: WebhookService, set: WebhookRouteSet): OpenAPIHono<AccountEnv> {
  const app = portalApp<AccountEnv>();
  const mine: { method: string; re: RegExp }[] = [];
  const isMine = (method: string, path: string) => mine.some((r) => (r.method === method || (method === 'HEAD' && r.method === 'GET')) && r.re.test(path));

  app.use(`${set.base}/*`, async (c, next) => {
    await next();
    if (isMine(c.req.method, c.req.path) || c.res.status !== 405) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use(`${set.base}/*`, bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT, onError: (c) => problem(c, 'payload-too-large', `The request body exceeds ${WEBHOOK_BODY_LIMIT} bytes.`) }));
  app.use(`${set.base}`, bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT, onError: (c) => problem(c, 'payload-too-large', `The request body exceeds ${WEBHOOK_BODY_LIMIT} bytes.`) }));
  // A method the path does not have falls through to the 405 answer, not to the sign-in check.
  const guard: MiddlewareHandler<AccountEnv> = (c, next) => (!isMine(c.req.method, c.req.path) ? next() : UNSAFE.has(c.req.method) ? set.write(c, next) : set.read(c, next));
  app.use(set.base, guard);
  app.use(`${set.base}/*`, guard);

  const route = <R extends RouteConfig>(r: R, handler: (c: C) => Response | Promise<Response>) => {
    mine.push({ method: r.method.toUpperCase(), re: new RegExp(`^${r.path.replaceAll(/\{[^}]+\}/g, '[^/]+')}$`) });
    declare(app, r, handler);
  };
  const reads = (...p: ProblemEntry[]) => problems(...p, ...set.authProblems, ...COMMON_PROBLEMS);
  const writes = (...p: ProblemEntry[]) => problems(...p, ...set.authProblems, ...WRITE_PROBLEMS, ...COMMON_PROBLEMS);
  const meta = (method: 'get' | 'post', path: string, id: string, summary: string) => ({ method, path: `${set.base}${path}`, operationId: `${set.op}${id}`, tags: [set.tag], summary, security: set.security, 'x-roles': method === 'get' ? set.roles.read : set.roles.write });
  const actor = (c: C) => c.var.account.actor;
  const idOf = (c: C) => endpointIdParam.parse(c.req.param()).id;

  route(
    createRoute({ ...meta('get', '', 'Webhooks', `The ${set.who} webhook endpoints (without secrets)`), responses: { 200: jsonAnswer('The endpoints', ANSWERS.list, NO_STORE), ...reads() } }),
    (c) => c.json({ items: webhooks.list(set.scopeOf(c)) }),
  );

  route(
    createRoute({
      ...meta('post', '', 'CreateWebhook', 'Add an endpoint (https to a public address) for some event types; answers its signing secret, this once'),
      request: {
        body: jsonBodyWith(createBody, { url: 'https://hooks.example.com/zjmade', eventTypes: ['evaluation.status_changed', 'sanction.added'], description: 'ops alerts' }),
      },
      responses: {
        201: jsonAnswer('The endpoint and its secret (whsec_…), shown only now', ANSWERS.withSecret, NO_STORE),
        ...writes(['invalid-request', 'A bad body, or a URL refused: not https, or a loopback/private/reserved address (the SSRF guard)'], ['not-found', 'The enterprise is not in the registry'], ...BODY_PROBLEMS),
      },
    }),
    (c) =>
      answer(c, async () => {
        const body = await readBody(c, createBody);
        if (!body.ok) return body.response;
        return c.json(webhooks.create(actor(c), set.scopeOf(c), body.value), 201);
      }),
  );

  route(
    createRoute({
      ...meta('get', '/{id}', 'Webhook', 'One endpoint: state, failures, why it was disabled'),
      request: { params: endpointIdParam },
      responses: { 200: jsonAnswer('The endpoint', ANSWERS.endpoint, NO_STORE), ...reads(['invalid-request', 'Not an endpoint id'], ['not-found', 'No such endpoint of yours']) },
    }),
    (c) => answer(c, () => c.json(webhooks.get(set.scopeOf(c), idOf(c)))),
  );

  route(
    createRoute({
      ...meta('post', '/{id}/rotate', 'RotateWebhookSecret', 'A new signing secret, shown this once; the previous one signs too until the overlap ends'),
      request: { params: endpointIdParam },
      responses: { 200: jsonAnswer('The endpoint and its new secret', ANSWERS.withSecret, NO_STORE), ...writes(['invalid-request', 'Not an endpoint id'], ['not-found', 'No such endpoint of yours']) },
    }),
    (c) => answer(c, () => c.json(webhooks.rotate(actor(c), set.scopeOf(c), idOf(c)))),
  );

  for (const [verb, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    route(
      createRoute({
        ...meta('post', `/{id}/${verb}`, `${enabled ? 'Enable' : 'Disable'}Webhook`, enabled ? 'Enable the endpoint again (its failure count restarts; waiting deliveries go out)' : 'Disable the endpoint: nothing is sent until it is enabled'),
        request: { params: endpointIdParam },
        responses: { 200: jsonAnswer('The endpoint', ANSWERS.endpoint, NO_STORE), ...writes(['invalid-request', 'Not an endpoint id'], ['not-found', 'No such endpoint of yours']) },
      }),
      (c) => answer(c, () => c.json(webhooks.setEnabled(actor(c), set.scopeOf(c), idOf(c), enabled))),
    );
  }

  route(
    createRoute({
      ...meta('get', '/{id}/deliveries', 'WebhookDeliveries', 'The delivery log, newest first: each message, its state and every attempt (status, duration, error)'),
      request: { params: endpointIdParam, query: deliveriesQuery },
      responses: { 200: jsonAnswer('A page of deliveries', ANSWERS.deliveries, NO_STORE), ...reads(['invalid-request', 'Not an endpoint id, or bad paging'], ['not-found', 'No such endpoint of yours']) },
    }),
    (c) =>
      answer(c, () => {
        const q = deliveriesQuery.parse(c.req.query());
        return c.json({ ...webhooks.deliveries(set.scopeOf(c), idOf(c), q.limit, q.offset), limit: q.limit, offset: q.offset });
      }),
  );

  route(
    createRoute({
      ...meta('post', '/{id}/deliveries/{deliveryId}/replay', 'ReplayWebhookDelivery', 'Send one delivery’s message again (same webhook-id)'),
      request: { params: deliveryParams },
      responses: { 202: jsonAnswer('Queued', ANSWERS.replayed, NO_STORE), ...writes(['invalid-request', 'Not an endpoint or delivery id'], ['not-found', 'No such endpoint of yours or delivery of it']) },
    }),
    (c) =>
      answer(c, () => {
        const p = deliveryParams.parse(c.req.param());
        return c.json(webhooks.replayDelivery(actor(c), set.scopeOf(c), p.id, p.deliveryId), 202);
      }),
  );

  route(
    createRoute({
      ...meta('post', '/{id}/replay', 'ReplayWebhook', 'Send again every message first sent to the endpoint at or after a time'),
      request: { params: endpointIdParam, body: jsonBodyWith(replaySinceBody, { since: '2026-01-01T00:00:00Z' }) },
      responses: { 202: jsonAnswer('Queued', ANSWERS.replayed, NO_STORE), ...writes(['invalid-request', 'Not an endpoint id, or a bad time'], ['not-found', 'No such endpoint of yours'], ...BODY_PROBLEMS) },
    }),
    (c) =>
      answer(c, async () => {
        const body = await readBody(c, replaySinceBody);
        if (!body.ok) return body.response;
        return c.json(webhooks.replaySince(actor(c), set.scopeOf(c), idOf(c), new Date(body.value.since)), 202);
      }),
  );

  route(
    createRoute({
      ...meta('post', '/{id}/test', 'TestWebhook', 'Queue a signed webhook.test event to this endpoint alone'),
      request: { params: endpointIdParam },
      responses: { 202: jsonAnswer('Queued', ANSWERS.test, NO_STORE), ...writes(['invalid-request', 'Not an endpoint id'], ['not-found', 'No such endpoint of yours']) },
    }),
    (c) => answer(c, () => c.json(webhooks.test(actor(c), set.scopeOf(c), idOf(c)), 202)),
  );

  return app;
}

/** The two route sets: staff (reviewers read) and the admin token for platforms, an enterprise for itself. */
export function webhookRouteSets(requireAccount: RequireAccount): { console: Omit<WebhookRouteSet, never>; portal: WebhookRouteSet } {
  return {
    console: {
      base: '/v1/console/webhooks',
      op: 'console',
      tag: 'console',
      who: 'platforms’',
      roles: { read: ['staff', 'reviewer'], write: ['staff'] },
      security: [{ cookieAuth: [] }, { adminToken: [] }],
      read: requireAccount({ roles: ['staff', 'reviewer'] }),
      write: requireAccount({ roles: ['staff'] }),
      scopeOf: () => ({ kind: 'platform' }),
      authProblems: [
        ['session-required', 'No live session'],
        ['unauthorized', 'A wrong bearer token'],
        ['forbidden', 'Not a staff account (reviewers only read)'],
      ],
    },
    portal: {
      base: '/v1/portal/webhooks',
      op: 'portal',
      tag: 'portal',
      who: 'enterprise’s own',
      roles: { read: ['enterprise'], write: ['enterprise'] },
      security: [{ cookieAuth: [] }],
      read: requireAccount({ roles: ['enterprise'] }),
      write: requireAccount({ roles: ['enterprise'] }),
      scopeOf: (c) => {
        const uscc = c.var.account.uscc;
        if (!uscc) throw new Error('portal webhook route without an enterprise account');
        return { kind: 'enterprise', uscc };
      },
      authProblems: [
        ['session-required', 'No live session'],
        ['forbidden', 'Not an enterprise account'],
      ],
    },
  };
}
