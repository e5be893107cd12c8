import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import { COMMON_PROBLEMS, headersOf, problems } from '../http/openapi-kit.js';
import { problem } from '../http/problem.js';
import type { PortalService } from '../services/portal-service.js';
import { calendarParam } from './schemas.js';
import { declare, portalApp } from './route-kit.js';

/**
 * The per-enterprise ICS feed: the secret in the URL is the credential (calendar apps cannot send
 * cookies or tokens), 256 bits and stored hashed; rotating it in the portal revokes the old URL.
 */
export function calendarRoutes<E extends Env>(portal: PortalService): OpenAPIHono<E> {
  const app = portalApp<E>();
  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/calendar/{file}',
      operationId: 'calendarFeed',
      tags: ['portal'],
      summary: 'An enterprise’s expiry dates and 90/60/30-day reminders as an iCalendar feed (secret URL from POST /v1/portal/calendar/rotate)',
      security: [],
      request: { params: calendarParam },
      responses: {
        200: { description: 'RFC 5545 calendar (all-day events, UTC+8 business dates); never cached (the URL is the secret)', headers: headersOf(['Cache-Control']), content: { 'text/calendar': { schema: z.string().max(4_000_000) } } },
        ...problems(['invalid-request', 'Not {secret}.ics'], ['not-found', 'No feed with that secret (never made, or rotated)'], ...COMMON_PROBLEMS),
      },
    }),
    (c: Context<E>) => {
      const file = c.req.param('file')!;
      const ics = portal.calendarFeed(file.slice(0, -4));
      if (ics === null) return problem(c, 'not-found', 'No calendar feed at this address (it may have been rotated).');
      return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    },
  );
  return app;
}
