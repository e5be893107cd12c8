import { createRoute, z } from '@hono/zod-openapi';
import { PLATFORMS, validateUscc } from '@zjmade/sdk';
import type { RegistryService } from '../../service.js';
import type { DomainServices } from '../../services/domain.js';
import { actorOf } from '../actor.js';
import { AuditEntry, changed, Evaluation, ListingBinding, page, Report, Sanction, Store } from '../answer-schemas.js';
import { readBody } from '../body.js';
import { answerChange } from '../change-answer.js';
import { declare, jsonAnswer, jsonBody, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { invalidUscc } from '../problem.js';
import { listingBindingBody, pageQuery, sanctionBody, statusBody, storeBody } from '../schemas.js';
import { ADMIN, ADMIN_PROBLEMS, pathParam } from './admin-common.js';

const changedAnswer = <S extends z.ZodRawShape>(shape: S) =>
  jsonAnswer('Committed. `snapshot` is the sequence that publishes it, or null when publishing failed (then `publishing` says why; it is retried)', changed(shape), ['Cache-Control']);

const storeParams = z.object({
  platform: z.string().max(32).openapi({ param: { name: 'platform', in: 'path' }, description: `One of ${PLATFORMS.join(', ')}` }),
  shopId: pathParam('shopId', 128, 'Shop id: 1-128 of A-Z a-z 0-9 _ . -'),
});
const listingParams = z.object({ key: pathParam('key', 256, 'Item key {space}:item:{id}') });

const routes = {
  status: createRoute({
    ...ADMIN,
    method: 'post',
    path: '/v1/admin/evaluations/{id}/status',
    operationId: 'setEvaluationStatus',
    summary: 'Change an evaluation’s status (suspend, withdraw, cancel, reinstate); republishes',
    request: { params: z.object({ id: pathParam('id', 128, 'Evaluation id') }), body: jsonBody(statusBody) },
    responses: {
      200: changedAnswer({ evaluation: Evaluation }),
      ...problems(['invalid-request', 'Invalid body'], ['malformed-json', 'Not JSON'], ['not-found', 'Unknown evaluation'], ...ADMIN_PROBLEMS),
    },
  }),
  bindStore: createRoute({
    ...ADMIN,
    method: 'put',
    path: '/v1/admin/stores/{platform}/{shopId}',
    operationId: 'bindStore',
    summary: 'Bind a store to an enterprise (create or replace); republishes',
    request: { params: storeParams, body: jsonBody(storeBody) },
    responses: {
      200: changedAnswer({ store: Store }),
      ...problems(['invalid-request', 'Invalid body, platform, shop id, USCC or store url'], ['malformed-json', 'Not JSON'], ['invalid-reference', 'Unknown enterprise'], ...ADMIN_PROBLEMS),
    },
  }),
  unbindStore: createRoute({
    ...ADMIN,
    method: 'delete',
    path: '/v1/admin/stores/{platform}/{shopId}',
    operationId: 'unbindStore',
    summary: 'Remove a store and its listing bindings; republishes',
    request: { params: storeParams },
    responses: {
      200: changedAnswer({ removed: z.string(), listingsRemoved: z.number().int() }),
      ...problems(['invalid-request', 'Invalid platform or shop id'], ['not-found', 'Unknown store'], ...ADMIN_PROBLEMS),
    },
  }),
  bindListing: createRoute({
    ...ADMIN,
    method: 'put',
    path: '/v1/admin/listings/{key}',
    operationId: 'bindListing',
    summary: 'Bind an item listing to a store (and optionally an evaluation); republishes',
    request: { params: listingParams, body: jsonBody(listingBindingBody) },
    responses: {
      200: changedAnswer({ binding: ListingBinding }),
      ...problems(['invalid-request', 'Invalid body or not a canonical item key'], ['malformed-json', 'Not JSON'], ['invalid-reference', 'Unknown store or evaluation, or one of another marketplace or enterprise'], ...ADMIN_PROBLEMS),
    },
  }),
  unbindListing: createRoute({
    ...ADMIN,
    method: 'delete',
    path: '/v1/admin/listings/{key}',
    operationId: 'unbindListing',
    summary: 'Remove a listing binding; republishes',
    request: { params: listingParams },
    responses: { 200: changedAnswer({ removed: z.string() }), ...problems(['invalid-request', 'Key too long'], ['not-found', 'No binding'], ...ADMIN_PROBLEMS) },
  }),
  sanction: createRoute({
    ...ADMIN,
    method: 'post',
    path: '/v1/admin/sanctions',
    operationId: 'addSanction',
    summary: 'Record a sanction against an enterprise; republishes',
    request: { body: jsonBody(sanctionBody) },
    responses: {
      201: changedAnswer({ sanction: Sanction }),
      ...problems(['invalid-request', 'Invalid body or USCC'], ['malformed-json', 'Not JSON'], ['invalid-reference', 'Unknown enterprise'], ...ADMIN_PROBLEMS),
    },
  }),
  publish: createRoute({
    ...ADMIN,
    method: 'post',
    path: '/v1/admin/publish',
    operationId: 'publish',
    summary: 'Publish now, reading everything (for data changed behind the registry’s back)',
    responses: { 200: changedAnswer({}), ...problems(...ADMIN_PROBLEMS) },
  }),
  reports: createRoute({
    ...ADMIN,
    method: 'get',
    path: '/v1/admin/reports',
    operationId: 'listReports',
    summary: 'Reports from the public, newest first',
    request: { query: pageQuery },
    responses: { 200: jsonAnswer('A page of reports', page(Report), ['Cache-Control']), ...problems(['invalid-request', 'Invalid limit or offset'], ...ADMIN_PROBLEMS) },
  }),
  audit: createRoute({
    ...ADMIN,
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'listAudit',
    summary: 'The audit log, newest first',
    request: { query: pageQuery },
    responses: { 200: jsonAnswer('A page of audit entries', page(AuditEntry), ['Cache-Control']), ...problems(['invalid-request', 'Invalid limit or offset'], ...ADMIN_PROBLEMS) },
  }),
};

/** The admin catalogue API under /v1/admin (the admin guard and body limit run first, in app.ts). */
export function adminRoutes(domain: Pick<DomainServices, 'catalogue' | 'reports' | 'audit'>, registry: Pick<RegistryService, 'publish' | 'publishHealth'>): RouteApp {
  const app = routeApp();
  const { catalogue } = domain;

  declare(app, routes.status, async (c) => {
    const body = await readBody(c, statusBody);
    if (!body.ok) return body.response;
    return answerChange(c, registry, () => catalogue.setEvaluationStatus(actorOf(c), c.req.param('id')!, body.value));
  });

  declare(app, routes.bindStore, async (c) => {
    const body = await readBody(c, storeBody);
    if (!body.ok) return body.response;
    const uscc = validateUscc(body.value.uscc);
    if (!uscc.ok) return invalidUscc(c, uscc);
    return answerChange(c, registry, () => catalogue.bindStore(actorOf(c), c.req.param('platform')!, c.req.param('shopId')!, { ...body.value, uscc: uscc.code }));
  });

  declare(app, routes.unbindStore, (c) => answerChange(c, registry, () => catalogue.unbindStore(actorOf(c), c.req.param('platform')!, c.req.param('shopId')!)));

  declare(app, routes.bindListing, async (c) => {
    const body = await readBody(c, listingBindingBody);
    if (!body.ok) return body.response;
    return answerChange(c, registry, () => catalogue.bindListing(actorOf(c), c.req.param('key')!, body.value));
  });

  declare(app, routes.unbindListing, (c) => answerChange(c, registry, () => catalogue.unbindListing(actorOf(c), c.req.param('key')!)));

  declare(app, routes.sanction, async (c) => {
    const body = await readBody(c, sanctionBody);
    if (!body.ok) return body.response;
    const uscc = validateUscc(body.value.uscc);
    if (!uscc.ok) return invalidUscc(c, uscc);
    return answerChange(c, registry, () => catalogue.addSanction(actorOf(c), { ...body.value, uscc: uscc.code }), { status: 201 });
  });

  // "Publish now" is for when data may have changed behind the registry's back: read everything.
  declare(app, routes.publish, (c) => answerChange(c, registry, () => catalogue.publishNow(actorOf(c)), { fullRead: true }));

  declare(app, routes.reports, (c) => {
    const q = pageQuery.parse(c.req.query());
    return c.json(domain.reports.page(q.limit, q.offset));
  });

  declare(app, routes.audit, (c) => {
    const q = pageQuery.parse(c.req.query());
    return c.json(domain.audit.page(q.limit, q.offset));
  });
  return app;
}
