import { createRoute, z } from '@hono/zod-openapi';
import { DELTA_MEDIA_TYPE } from '@zjmade/sdk/publisher';
import type { PublishedService } from '../../services/published.js';
import { COMMON_PROBLEMS, type RouteApp, declare, headersOf, problems, routeApp } from '../openapi-kit.js';
import { problem } from '../problem.js';

const params = z.object({
  sequence: z
    .string()
    .max(15)
    .regex(/^[0-9]{1,15}$/, 'expected digits')
    .openapi({ param: { name: 'sequence', in: 'path' }, description: 'The sequence the delta leads to', example: '42' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/deltas/{sequence}',
  operationId: 'delta',
  tags: ['snapshot'],
  summary: 'The signed delta that takes a client from sequence - 1 to sequence',
  security: [],
  request: { params },
  responses: {
    200: {
      description: 'The signed delta (open with openDelta of @zjmade/sdk/delta); immutable',
      headers: { ...headersOf(['ETag', 'Cache-Control']), 'X-Zjmade-Base': { description: 'The sequence the delta applies to', schema: { type: 'integer' as const } } },
      content: { [DELTA_MEDIA_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems(['invalid-request', 'Not a sequence number'], ['not-found', 'Not kept (or not published): fetch the full snapshot'], ...COMMON_PROBLEMS),
  },
});

/**
 * Signed deltas, one per published sequence: `/v1/deltas/{sequence}` takes a client from
 * `sequence - 1` (its `base`) to `sequence`. Immutable once published, so cacheable forever; a
 * client further behind than the oldest kept delta fetches the full snapshot.
 */
export function deltaRoutes(published: PublishedService): RouteApp {
  const app = routeApp();
  declare(app, route, (c) => {
    const sequence = Number(c.req.param('sequence'));
    const delta = published.delta(sequence);
    if (!delta.found) {
      return problem(c, 'not-found', `No delta to sequence ${sequence}${delta.oldest === undefined ? '' : ` (deltas are kept from ${delta.oldest} on)`}; fetch /v1/snapshot.`);
    }
    return c.body(delta.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': DELTA_MEDIA_TYPE,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"zjd-${sequence}"`,
      'X-Zjmade-Base': String(delta.base),
    });
  });
  return app;
}
