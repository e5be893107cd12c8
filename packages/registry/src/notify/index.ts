import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { RequireAccount } from '../accounts/index.js';
import type { RegistryService } from '../service.js';
import { webhookService } from '../services/webhooks.js';
import type { Notifier } from './notifier.js';
import { DEFAULT_NOTIFY_OPTIONS } from './options.js';
import { webhookRouteSets, webhookRoutes } from './routes.js';

export { startNotifier, type Notifier } from './notifier.js';
export { type NotifyOptions, type NotifyOptionsInput, DEFAULT_NOTIFY_OPTIONS } from './options.js';
export { EVENT_DATA, EVENT_TYPES, type EventType } from './event-schemas.js';

/**
 * Mounts /v1/console/webhooks/* (staff; reviewers read; the admin token as staff) and
 * /v1/portal/webhooks/* (an enterprise's own). Without a running notifier (an app made without
 * the server) deliveries are queued in the database and sent by whichever registry runs one.
 */
export function mountWebhooks<E extends Env>(app: OpenAPIHono<E>, registry: RegistryService, requireAccount: RequireAccount, notifier?: Notifier): void {
  const o = notifier?.options ?? DEFAULT_NOTIFY_OPTIONS;
  const service = webhookService(registry.repos, o, () => notifier?.kick());
  const sets = webhookRouteSets(requireAccount);
  app.route('/', webhookRoutes(service, sets.console) as never);
  app.route('/', webhookRoutes(service, sets.portal) as never);
}
