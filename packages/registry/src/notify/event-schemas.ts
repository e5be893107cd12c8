import { z } from '@hono/zod-openapi';

/**
 * What each webhook event carries. The body of every delivery is `{ type, timestamp, data }`
 * (the Standard Webhooks payload structure); `data` is one of these. Documented in
 * docs/webhooks.md; the list is what an endpoint may subscribe to.
 */
const evaluationStatus = z.enum(['valid', 'suspended', 'withdrawn', 'cancelled']);

export const EVENT_DATA = {
  'evaluation.status_changed': z.object({
    evaluationId: z.string(),
    uscc: z.string(),
    status: evaluationStatus,
    previousStatus: evaluationStatus,
    effectiveAt: z.string().nullable().openapi({ description: 'When the change takes effect (null: a reinstatement by clearing history)' }),
    reason: z.string().nullable(),
  }),
  'evaluation.lapsed': z.object({ evaluationId: z.string(), uscc: z.string(), expires: z.string().openapi({ description: 'The last valid day (UTC+8)' }) }),
  'sanction.added': z.object({ sanctionId: z.string(), uscc: z.string(), kind: z.string(), reason: z.string().nullable(), from: z.string(), until: z.string().nullable() }),
  'sanction.lifted': z.object({
    sanctionId: z.string(),
    uscc: z.string(),
    kind: z.string(),
    reason: z.string().nullable(),
    from: z.string(),
    until: z.string().nullable(),
    how: z.enum(['removed', 'ended']).openapi({ description: 'removed from the list, or given an end date' }),
  }),
  'listing.bound': z.object({ listingKey: z.string(), store: z.string(), platform: z.string(), evaluationId: z.string(), uscc: z.string() }),
  'listing.unbound': z.object({ listingKey: z.string(), store: z.string(), platform: z.string(), evaluationId: z.string(), uscc: z.string() }),
  'report.confirmed_misuse': z.object({
    caseId: z.string(),
    subject: z.object({ kind: z.enum(['listing', 'store']), key: z.string(), platform: z.string() }),
    reports: z.number().int(),
    note: z.string().nullable(),
    sanctionId: z.string().nullable(),
    confirmedAt: z.string(),
  }),
  'webhook.test': z.object({ endpointId: z.string(), message: z.string() }),
} as const;

export type EventType = keyof typeof EVENT_DATA;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];
/** What an endpoint subscribes to (`webhook.test` goes to whoever asks for it). */
export const SUBSCRIBABLE = EVENT_TYPES.filter((t) => t !== 'webhook.test') as Exclude<EventType, 'webhook.test'>[];
export const subscribableSchema = z.enum(SUBSCRIBABLE as [Exclude<EventType, 'webhook.test'>, ...Exclude<EventType, 'webhook.test'>[]]);

/** Who an event concerns: the enterprise (its endpoints) and the platform (platform endpoints' filter). */
export interface Audience {
  uscc: string | null;
  platform: string | null;
  /** False when only enterprise endpoints get it. */
  platforms: boolean;
}

export interface NotifyEvent<T extends EventType = EventType> {
  type: T;
  data: EventData<T>;
  audience: Audience;
}

/** The exact JSON body a delivery sends. */
export const envelope = (e: NotifyEvent, at: Date): string => JSON.stringify({ type: e.type, timestamp: at.toISOString(), data: e.data });
