import { createRoute, z } from '@hono/zod-openapi';
import { CHANGES_MAX_LIMIT } from '../../services/changes.js';
import type { DomainServices } from '../../services/domain.js';
import { ChangesPage } from '../answer-schemas.js';
import { queryInt } from '../schemas.js';
import { COMMON_PROBLEMS, declare, jsonAnswer, problems, type RouteApp, routeApp } from '../openapi-kit.js';

export { CHANGES_MAX_LIMIT };

const changesQuery = z.object({
  since: queryInt('since', 0, Number.MAX_SAFE_INTEGER, 0, 'Log position already seen (`next` or `latest` of an earlier answer)'),
  limit: queryInt('limit', 1, CHANGES_MAX_LIMIT, 500),
  records: z.enum(['true', 'false']).default('true').openapi({ param: { name: 'records', in: 'query' }, description: 'Include each record as it is now' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/changes',
  operationId: 'changes',
  tags: ['snapshot'],
  summary: 'The change log: records changed after a log position, in commit order',
  description: 'For platforms that do not run the SDK. Page with `next` until `more` is false; keep `latest` and ask again later.',
  security: [],
  request: { query: changesQuery },
  responses: {
    200: jsonAnswer('A page of changes', ChangesPage, ['Cache-Control']),
    ...problems(['invalid-request', 'Invalid query'], ...COMMON_PROBLEMS),
  },
});

export function changesRoutes(domain: Pick<DomainServices, 'changes'>): RouteApp {
  const app = routeApp();
  declare(app, route, (c) => {
    const { since, limit, records } = changesQuery.parse(c.req.query());
    return c.json(domain.changes.page(since, limit, records === 'true'), 200, { 'Cache-Control': 'no-cache' });
  });
  return app;
}
