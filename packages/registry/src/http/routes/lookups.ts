import { createRoute, z } from '@hono/zod-openapi';
import { PLATFORMS } from '@zjmade/sdk';
import type { DomainServices } from '../../services/domain.js';
import { Enterprise, Evaluation, ListingBinding, orNull, Sanction, Standard, Store, Verdict } from '../answer-schemas.js';
import { answer } from '../change-answer.js';
import { COMMON_PROBLEMS, declare, jsonAnswer, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { pathParam } from './admin-common.js';

const LOOKUP = { tags: ['lookup'], security: [] };

const routes = {
  enterprise: createRoute({
    ...LOOKUP,
    method: 'get',
    path: '/v1/enterprises/{uscc}',
    operationId: 'enterprise',
    summary: 'An enterprise with its evaluations, stores and sanctions',
    request: { params: z.object({ uscc: pathParam('uscc', 64, 'Unified social credit code') }) },
    responses: {
      200: jsonAnswer('The enterprise', z.object({ enterprise: Enterprise, evaluations: z.array(Evaluation), stores: z.array(Store), sanctions: z.array(Sanction) })),
      ...problems(['invalid-request', 'Too long'], ['not-found', 'Unknown enterprise'], ...COMMON_PROBLEMS),
    },
  }),
  evaluation: createRoute({
    ...LOOKUP,
    method: 'get',
    path: '/v1/evaluations/{id}',
    operationId: 'evaluation',
    summary: 'An evaluation, its current state, standard and enterprise',
    request: { params: z.object({ id: pathParam('id', 128, 'Certificate or declaration number') }) },
    responses: {
      200: jsonAnswer(
        'The evaluation',
        z.object({ evaluation: Evaluation, state: z.enum(['valid', 'not-yet-issued', 'expired', 'suspended', 'withdrawn', 'cancelled']), standard: orNull(Standard), enterprise: orNull(Enterprise) }),
      ),
      ...problems(['invalid-request', 'Too long'], ['not-found', 'Unknown evaluation'], ...COMMON_PROBLEMS),
    },
  }),
  standard: createRoute({
    ...LOOKUP,
    method: 'get',
    path: '/v1/standards/{code}',
    operationId: 'standard',
    summary: 'A standard and its successor',
    request: { params: z.object({ code: pathParam('code', 64, 'T/ZZB NNNN-YYYY (the slash URL-encoded or not)') }) },
    responses: {
      200: jsonAnswer('The standard', z.object({ standard: Standard, successor: orNull(Standard) })),
      ...problems(['invalid-request', 'Not a standard code'], ['not-found', 'Unknown standard'], ...COMMON_PROBLEMS),
    },
  }),
  store: createRoute({
    ...LOOKUP,
    method: 'get',
    path: '/v1/stores/{platform}/{shopId}',
    operationId: 'store',
    summary: 'A store, its enterprise and how many listings are bound to it',
    request: {
      params: z.object({
        platform: z.string().max(32).openapi({ param: { name: 'platform', in: 'path' }, description: `One of ${PLATFORMS.join(', ')}` }),
        shopId: pathParam('shopId', 128, 'Shop id'),
      }),
    },
    responses: {
      200: jsonAnswer('The store', z.object({ store: Store, enterprise: orNull(Enterprise), listings: z.number().int() })),
      ...problems(['invalid-request', 'Too long'], ['not-found', 'Unknown platform or store'], ...COMMON_PROBLEMS),
    },
  }),
  listing: createRoute({
    ...LOOKUP,
    method: 'get',
    path: '/v1/listings/{key}',
    operationId: 'listing',
    summary: 'A listing’s binding, store and current verdict',
    request: { params: z.object({ key: pathParam('key', 4096, 'Listing key ({space}:item:{id}) or URL-encoded listing URL') }) },
    responses: {
      200: jsonAnswer('The binding and the verdict (null before the first snapshot)', z.object({ key: z.string(), binding: ListingBinding, store: orNull(Store), verdict: orNull(Verdict) })),
      ...problems(['invalid-request', 'Not a listing key or URL'], ['not-found', 'No binding'], ...COMMON_PROBLEMS),
    },
  }),
};

/** Public look-ups of single records. */
export function lookupRoutes(domain: Pick<DomainServices, 'lookups'>): RouteApp {
  const app = routeApp();
  const { lookups } = domain;
  declare(app, routes.enterprise, (c) => answer(c, () => lookups.enterprise(c.req.param('uscc')!)));
  declare(app, routes.evaluation, (c) => answer(c, () => lookups.evaluation(c.req.param('id')!)));
  // The code contains a slash (`T/ZZB 0001-2019`): accept it encoded or not.
  declare(app, routes.standard, (c) => answer(c, () => lookups.standard(c.req.param('code')!)), { honoPath: '/v1/standards/:code{.+}' });
  declare(app, routes.store, (c) => answer(c, () => lookups.store(c.req.param('platform')!, c.req.param('shopId')!)));
  declare(app, routes.listing, (c) => answer(c, () => lookups.listing(c.req.param('key')!)));
  return app;
}
