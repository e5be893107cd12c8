import { randomBytes } from 'node:crypto';
import { PLATFORMS } from '@zjmade/sdk';
import { enqueue } from '../notify/enqueue.js';
import type { EventType } from '../notify/event-schemas.js';
import type { NotifyOptions } from '../notify/options.js';
import { newSecret } from '../notify/signing.js';
import { urlReason } from '../notify/url-guard.js';
import type { Repositories } from '../store/repositories.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../store/webhooks.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

/** Whose endpoints a request manages: staff the platforms', an enterprise its own. */
export type WebhookScope = { kind: 'platform' } | { kind: 'enterprise'; uscc: string };

export interface EndpointInput {
  url: string;
  eventTypes: Exclude<EventType, 'webhook.test'>[];
  description?: string | undefined;
  /** Platform endpoints only: hear only of this platform's listings and stores. */
  platform?: string | undefined;
}

/** An endpoint as answered: never its secrets. */
export interface EndpointView {
  id: string;
  owner: WebhookEndpoint['owner'];
  uscc: string | null;
  platform: string | null;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  /** Until when the secret before the last rotation still signs. */
  previousSecretUntil: string | null;
  createdAt: string;
  createdBy: string;
}

export interface DeliveryView {
  id: number;
  messageId: string;
  type: string;
  state: WebhookDelivery['state'];
  attempts: { attempt: number; at: string; status: number | null; durationMs: number; error: string | null }[];
  nextAttemptAt: string | null;
  createdAt: string;
  replayOf: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function endpointView(e: WebhookEndpoint, now: number): EndpointView {
  return {
    id: e.id,
    owner: e.owner,
    uscc: e.uscc,
    platform: e.platform,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    consecutiveFailures: e.consecutiveFailures,
    failingSince: iso(e.failingSince),
    previousSecretUntil: e.previousUntil !== null && e.previousUntil > now ? iso(e.previousUntil) : null,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
  };
}

const attemptView = (a: WebhookAttempt) => ({ attempt: a.attempt, at: new Date(a.at).toISOString(), status: a.status, durationMs: a.durationMs, error: a.error });

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/**
 * Webhook endpoints as their owners manage them: create (the secret is answered once), rotate,
 * enable/disable, the delivery log, replay and a test event. Every change is audited; secrets
 * never reach the audit log or a list answer. An endpoint outside the caller's scope is "not
 * found", so an enterprise cannot even learn another's ids.
 */
export function webhookService(repos: Repositories, options: Pick<NotifyOptions, 'allowLoopback' | 'rotationOverlapMs' | 'now'>, kick: () => void = () => {}) {
  const w = repos.webhooks;

  function own(scope: WebhookScope, id: string): WebhookEndpoint {
    const e = w.endpoint(id);
    const mine = e && (scope.kind === 'platform' ? e.owner === 'platform' : e.owner === 'enterprise' && e.uscc === scope.uscc);
    if (!e || !mine) throw new Rejection('not-found', `No webhook endpoint ${id}.`);
    return e;
  }

  const view = (e: WebhookEndpoint) => endpointView(e, options.now());

  return {
    list(scope: WebhookScope): EndpointView[] {
      return w.endpoints(scope.kind === 'platform' ? null : scope.uscc).map(view);
    },
    get(scope: WebhookScope, id: string): EndpointView {
      return view(own(scope, id));
    },
    create(actor: Actor, scope: WebhookScope, input: EndpointInput): { endpoint: EndpointView; secret: string } {
      const why = urlReason(input.url, { allowLoopback: options.allowLoopback });
      if (why) throw new Rejection('invalid-request', `The endpoint URL is refused: ${why}.`, [{ path: '/url', message: why }]);
      if (input.platform !== undefined && scope.kind !== 'platform') throw new Rejection('invalid-request', 'Only platform endpoints name a platform.', [{ path: '/platform', message: 'not allowed here' }]);
      if (input.platform !== undefined && !PLATFORM_SET.has(input.platform)) throw new Rejection('invalid-request', `Unknown platform ${input.platform}.`, [{ path: '/platform', message: 'unknown platform' }]);
      const id = `ep_${randomBytes(12).toString('base64url')}`;
      const secret = newSecret();
      const uscc = scope.kind === 'enterprise' ? scope.uscc : null;
      return auditedChange(repos, actor, 'webhook.create', `webhook:${id}`, () => {
        if (uscc && !repos.enterprises.get(uscc)) throw new Rejection('not-found', `Enterprise ${uscc} is not in the registry.`);
        w.createEndpoint({
          id,
          owner: scope.kind,
          uscc,
          platform: input.platform ?? null,
          url: input.url,
          description: input.description ?? '',
          eventTypes: [...new Set(input.eventTypes)],
          secret,
          createdAt: new Date(options.now()).toISOString(),
          createdBy: actor,
        });
        const endpoint = view(w.endpoint(id)!);
        return { before: null, after: endpoint, result: { endpoint, secret } };
      });
    },
    rotate(actor: Actor, scope: WebhookScope, id: string): { endpoint: EndpointView; secret: string } {
      own(scope, id);
      const secret = newSecret();
      const until = options.now() + options.rotationOverlapMs;
      return auditedChange(repos, actor, 'webhook.rotate', `webhook:${id}`, () => {
        w.rotateSecret(id, secret, until);
        const endpoint = view(w.endpoint(id)!);
        return { before: null, after: { previousSecretUntil: endpoint.previousSecretUntil }, result: { endpoint, secret } };
      });
    },
    setEnabled(actor: Actor, scope: WebhookScope, id: string, enabled: boolean): EndpointView {
      const before = own(scope, id);
      const out = auditedChange(repos, actor, enabled ? 'webhook.enable' : 'webhook.disable', `webhook:${id}`, () => {
        w.setEnabled(id, enabled, enabled ? null : `disabled by ${actor}`);
        const after = view(w.endpoint(id)!);
        return { before: { enabled: before.enabled, disabledReason: before.disabledReason }, after: { enabled: after.enabled, disabledReason: after.disabledReason }, result: after };
      });
      if (enabled) kick();
      return out;
    },
    deliveries(scope: WebhookScope, id: string, limit: number, offset: number): { items: DeliveryView[]; total: number } {
      own(scope, id);
      const page = w.deliveries(id, limit, offset);
      return {
        total: page.total,
        items: page.items.map((d) => ({
          id: d.id,
          messageId: d.messageId,
          type: w.message(d.messageId)?.type ?? 'unknown',
          state: d.state,
          attempts: w.attempts(d.id).map(attemptView),
          nextAttemptAt: d.state === 'pending' ? iso(d.nextAt) : null,
          createdAt: new Date(d.createdAt).toISOString(),
          replayOf: d.replayOf,
        })),
      };
    },
    /** A new delivery of the same message (same webhook-id, so receivers de-duplicate). */
    replayDelivery(actor: Actor, scope: WebhookScope, id: string, deliveryId: number): { deliveries: number } {
      own(scope, id);
      const d = w.delivery(deliveryId);
      if (!d || d.endpointId !== id) throw new Rejection('not-found', `No delivery ${deliveryId} of endpoint ${id}.`);
      const out = auditedChange(repos, actor, 'webhook.replay', `webhook:${id}`, () => {
        w.addDelivery(id, d.messageId, options.now(), d.id);
        return { before: null, after: { delivery: deliveryId }, result: { deliveries: 1 } };
      });
      kick();
      return out;
    },
    /** Sends again every message the endpoint was sent (first time, not replays) since `since`. */
    replaySince(actor: Actor, scope: WebhookScope, id: string, since: Date): { deliveries: number } {
      own(scope, id);
      const out = auditedChange(repos, actor, 'webhook.replay', `webhook:${id}`, () => {
        const originals = w.deliveriesSince(id, since.getTime());
        for (const d of originals) w.addDelivery(id, d.messageId, options.now(), d.id);
        return { before: null, after: { since: since.toISOString(), deliveries: originals.length }, result: { deliveries: originals.length } };
      });
      kick();
      return out;
    },
    /** Queues a `webhook.test` event to this endpoint alone (enabled or not: it waits until enabled). */
    test(actor: Actor, scope: WebhookScope, id: string): { messageId: string; deliveryId: number } {
      const e = own(scope, id);
      const out = auditedChange(repos, actor, 'webhook.test', `webhook:${id}`, () => {
        const now = options.now();
        const ep = { ...e, eventTypes: ['webhook.test'] };
        enqueue(repos, [{ type: 'webhook.test', data: { endpointId: id, message: 'A test event from the zjmade registry.' }, audience: { uscc: e.uscc, platform: e.platform, platforms: true } }], now, [ep]);
        const last = w.deliveries(id, 1, 0).items[0]!;
        return { before: null, after: { delivery: last.id }, result: { messageId: last.messageId, deliveryId: last.id } };
      });
      kick();
      return out;
    },
  };
}
export type WebhookService = ReturnType<typeof webhookService>;
