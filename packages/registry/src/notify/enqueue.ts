import { randomBytes } from 'node:crypto';
import type { Repositories } from '../store/repositories.js';
import type { WebhookEndpoint } from '../store/webhooks.js';
import { envelope, type NotifyEvent } from './event-schemas.js';

export const newMessageId = (): string => `msg_${randomBytes(12).toString('base64url')}`;

/**
 * Whether `endpoint` gets `event`: it subscribed to the type, and an enterprise endpoint only
 * hears of its own enterprise; a platform endpoint of everything platforms hear (or of its one
 * platform, when it names one and the event has a platform).
 */
export function wants(endpoint: WebhookEndpoint, event: NotifyEvent): boolean {
  if (!endpoint.eventTypes.includes(event.type)) return false;
  if (endpoint.owner === 'enterprise') return event.audience.uscc !== null && endpoint.uscc === event.audience.uscc;
  if (!event.audience.platforms) return false;
  return endpoint.platform === null || event.audience.platform === null || endpoint.platform === event.audience.platform;
}

/**
 * Stores each event once as a message and a pending delivery per endpoint that wants it (in the
 * caller's transaction). Messages nobody wants are not kept.
 */
export function enqueue(repos: Repositories, events: readonly NotifyEvent[], now: number, endpoints: readonly WebhookEndpoint[] = repos.webhooks.enabledEndpoints()): number {
  let deliveries = 0;
  for (const e of events) {
    const to = endpoints.filter((ep) => wants(ep, e));
    if (to.length === 0) continue;
    const id = newMessageId();
    repos.webhooks.addMessage({ id, type: e.type, createdAt: now, payload: envelope(e, new Date(now)) });
    for (const ep of to) repos.webhooks.addDelivery(ep.id, id, now);
    deliveries += to.length;
  }
  return deliveries;
}
