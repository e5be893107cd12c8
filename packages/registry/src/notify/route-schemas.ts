import { z } from '@hono/zod-openapi';
import { PLATFORMS } from '@zjmade/sdk';
import { subscribableSchema } from './event-schemas.js';

export const endpointIdParam = z.object({
  id: z
    .string()
    .max(40)
    .regex(/^ep_[A-Za-z0-9_-]{16}$/, 'expected an endpoint id ep_…')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ep_3q2-7wAbCdEfGhIj' }),
});

export const deliveryParams = endpointIdParam.extend({
  deliveryId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'deliveryId', in: 'path' }, example: 42 }),
});

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).openapi({ param: { name: 'offset', in: 'query' } }),
});

const platform = z.enum(PLATFORMS as unknown as [string, ...string[]]);

export const createBody = z
  .object({
    url: z.string().min(1).max(2048).openapi({ description: 'https URL of the receiver (public address)', example: 'https://hooks.example.com/zjmade' }),
    eventTypes: z.array(subscribableSchema).min(1).max(16),
    description: z.string().trim().max(200).optional(),
    platform: platform.optional().openapi({ description: 'Console only: hear only of this platform’s listings and stores' }),
  })
  .strict();

export const replaySinceBody = z.object({ since: z.iso.datetime({ offset: true }).max(40).openapi({ description: 'Send again every message first sent at or after this time' }) }).strict();

export const endpointSchema = z
  .object({
    id: z.string(),
    owner: z.enum(['platform', 'enterprise']),
    uscc: z.string().nullable(),
    platform: z.string().nullable(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({ description: 'Why it is disabled (by whom, or the failures that disabled it)' }),
    consecutiveFailures: z.number().int(),
    failingSince: z.string().nullable(),
    previousSecretUntil: z.string().nullable().openapi({ description: 'During a rotation’s overlap, until when the previous secret still signs (both signatures are sent)' }),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('WebhookEndpoint');

export const ANSWERS = {
  list: z.object({ items: z.array(endpointSchema) }).openapi('WebhookEndpoints'),
  endpoint: endpointSchema,
  withSecret: z
    .object({ endpoint: endpointSchema, secret: z.string().openapi({ description: 'The signing secret (whsec_…): shown this once', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) })
    .openapi('WebhookEndpointSecret'),
  deliveries: z
    .object({
      items: z.array(
        z.object({
          id: z.number().int(),
          messageId: z.string().openapi({ description: 'The webhook-id header: the same for every attempt and replay of one message' }),
          type: z.string(),
          state: z.enum(['pending', 'succeeded', 'failed']),
          attempts: z.array(z.object({ attempt: z.number().int(), at: z.string(), status: z.number().int().nullable(), durationMs: z.number().int(), error: z.string().nullable() })),
          nextAttemptAt: z.string().nullable(),
          createdAt: z.string(),
          replayOf: z.number().int().nullable(),
        }),
      ),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .openapi('WebhookDeliveries'),
  replayed: z.object({ deliveries: z.number().int().openapi({ description: 'Deliveries queued' }) }).openapi('WebhookReplay'),
  test: z.object({ messageId: z.string(), deliveryId: z.number().int() }).openapi('WebhookTest'),
} as const;
