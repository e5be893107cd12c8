import { createRoute, z } from '@hono/zod-openapi';
import type { RegistryService } from '../../service.js';
import { Health } from '../answer-schemas.js';
import { COMMON_PROBLEMS, declare, jsonAnswer, problems, type RouteApp, routeApp } from '../openapi-kit.js';

const routes = {
  health: createRoute({
    method: 'get',
    path: '/v1/health',
    operationId: 'health',
    tags: ['verify'],
    summary: 'Whether the registry answers, what it serves and whether publishing keeps up',
    security: [],
    responses: {
      200: jsonAnswer('Serving (`degraded`: committed writes not all published, or records left out; see `publishing`)', Health),
      503: jsonAnswer('No snapshot yet', Health),
      ...problems(...COMMON_PROBLEMS),
    },
  }),
  document: createRoute({
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    tags: ['meta'],
    summary: 'This OpenAPI 3.1 document, generated from the route declarations',
    security: [],
    responses: { 200: jsonAnswer('The document', z.record(z.string(), z.unknown())), ...problems(...COMMON_PROBLEMS) },
  }),
};

/** /v1/health and /openapi.json (`document` makes the document of the whole app, once). */
export function healthRoutes(service: Pick<RegistryService, 'current' | 'publishHealth'>, document: () => unknown): RouteApp {
  const app = routeApp();
  declare(app, routes.health, (c) => {
    const current = service.current();
    const publishing = service.publishHealth();
    const status = !current ? 'no-snapshot' : publishing.state === 'ok' && !publishing.unpublished ? 'ok' : 'degraded';
    const answer: z.infer<typeof Health> = {
      status,
      sample: current?.verifier.info.meta.sample ?? null,
      snapshot: current ? { sequence: current.stored.sequence, issuedAt: current.stored.issuedAt, expiresAt: current.stored.expiresAt } : null,
      publishing,
    };
    return c.json(answer, status === 'no-snapshot' ? 503 : 200);
  });
  declare(app, routes.document, (c) => c.json(document()));
  return app;
}
