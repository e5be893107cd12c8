import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { RequireAccount } from '../accounts/index.js';
import type { RegistryService } from '../service.js';
import { portalService } from '../services/portal-service.js';
import { claimReviewRoutes } from './admin-routes.js';
import { calendarRoutes } from './calendar-routes.js';
import { portalRoutes } from './routes.js';

/**
 * Mounts the portal API (/v1/portal/*), staff claim review (/v1/admin/claims/*) and the calendar
 * feed (/v1/calendar/*). Call before the /v1/admin bearer guard: claim review also takes staff
 * sessions, and `requireAccount` checks the admin token itself.
 */
export function mountPortal<E extends Env>(app: OpenAPIHono<E>, registry: RegistryService, requireAccount: RequireAccount): void {
  const portal = portalService(registry);
  app.route('/', claimReviewRoutes(portal, requireAccount) as never);
  app.route('/', portalRoutes(portal, requireAccount) as never);
  app.route('/', calendarRoutes(portal));
}
