import { createRoute, z } from '@hono/zod-openapi';
import type { PublishedService } from '../../services/published.js';
import { COMMON_PROBLEMS, type RouteApp, declare, jsonAnswer, problems, routeApp } from '../openapi-kit.js';
import { problem } from '../problem.js';

const SignedAdapters = z
  .object({
    kid: z.string(),
    payload: z.string().openapi({ description: 'base64url of the JSON adapter document' }),
    sig: z.string().openapi({ description: 'Ed25519 over "zjmade-adapters/1\\n" + payload' }),
  })
  .openapi('SignedAdapters');

const route = createRoute({
  method: 'get',
  path: '/v1/adapters',
  operationId: 'adapters',
  tags: ['snapshot'],
  summary: 'The signed adapter document (selectors and placement per marketplace) for the browser extension',
  security: [],
  responses: {
    200: jsonAnswer('The signed adapter document', SignedAdapters, ['Cache-Control']),
    ...problems(['not-found', 'None published: the extension uses its built-in adapters'], ...COMMON_PROBLEMS),
  },
});

/** The signed adapter document the extension takes remote selector fixes from (data, never code). */
export function adapterRoutes(published: PublishedService): RouteApp {
  const app = routeApp();
  declare(app, route, (c) => {
    const doc = published.adapters();
    if (!doc) return problem(c, 'not-found', 'No adapter document has been published; the extension uses its built-in adapters.');
    // Short-lived: a fix for a redesigned marketplace page should reach extensions within minutes.
    return c.body(doc, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' });
  });
  return app;
}
