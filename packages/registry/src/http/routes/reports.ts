import { createRoute, z } from '@hono/zod-openapi';
import type { DomainServices } from '../../services/domain.js';
import { readBody } from '../body.js';
import { rejectionAnswer } from '../change-answer.js';
import { declare, jsonAnswer, jsonBody, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { BODY_LIMITS } from '../limits.js';
import { reportBody } from '../schemas.js';

export { REPORT_DEDUPE_WINDOW_MS } from '../../services/reports.js';

const route = createRoute({
  method: 'post',
  path: '/v1/reports',
  operationId: 'report',
  tags: ['reports'],
  summary: 'Report a listing that shows the mark without backing (or other wrong details)',
  description:
    'Limited per client (IPv6 per /64, IPv4-mapped as IPv4) and across all clients together; both answer 429 with Retry-After. A report with the same listing key, reason and note as one stored in the last 24 h is counted against that one (200, `duplicate: true`) and not stored again.',
  security: [],
  request: { body: jsonBody(reportBody) },
  responses: {
    201: jsonAnswer('Recorded', z.object({ id: z.string(), duplicate: z.literal(false) })),
    200: jsonAnswer(
      'An identical report was recorded in the last 24 h: counted against it, nothing new stored',
      z.object({ id: z.string().openapi({ description: 'The earlier report' }), duplicate: z.literal(true), duplicates: z.number().int() }),
    ),
    ...problems(
      ['invalid-request', 'Invalid body or not a listing'],
      ['malformed-json', 'Not JSON'],
      ['payload-too-large', `Body over ${BODY_LIMITS.reports} bytes`],
      ['rate-limited', 'Too many reports from this client, or from all clients together (see Retry-After and `detail`)'],
      ['busy', 'Another write holds the database (see Retry-After); nothing was stored'],
      ['storage-full', 'The registry cannot store more; nothing was stored'],
      ['method-not-allowed', 'The path does not answer this method (see Allow)'],
    ),
  },
});

export function reportRoutes(domain: Pick<DomainServices, 'reports'>): RouteApp {
  const app = routeApp();
  declare(app, route, async (c) => {
    const body = await readBody(c, reportBody);
    if (!body.ok) return body.response;
    let r: ReturnType<DomainServices['reports']['submit']>;
    try {
      r = domain.reports.submit(body.value);
    } catch (e) {
      return rejectionAnswer(c, e);
    }
    // 200, not 201: nothing new was created; the answer says which report it was counted against.
    if (r.duplicate) return c.json({ id: r.id, duplicate: true, duplicates: r.duplicates }, 200);
    return c.json({ id: r.id, duplicate: false }, 201);
  });
  return app;
}
