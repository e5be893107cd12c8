import { z } from '@hono/zod-openapi';
import type { EvaluationState } from '@zjmade/sdk';
import { isRegistryDate, isRegistryInstant, REGISTRY_DATE_MAX, REGISTRY_DATE_MIN, REPORT_REASONS, SANCTION_KINDS, STORE_ROLES } from '@zjmade/sdk/publisher';
import { PAGE_LIMIT_MAX } from './limits.js';

/**
 * The request schemas: they validate what routes read and, through the route declarations, are
 * the OpenAPI document's request bodies and parameters. Every string has a maximum; free text
 * that must say something is refused when it is only whitespace.
 */

// The verify request is C's (verify-schemas.ts); re-exported so there is one definition.
export { type ListingItem, listingItem, MAX_BATCH, verifyBody } from './verify-schemas.js';

// The model's enums are the SDK's constants (checked there against its unions), re-exported so
// every schema takes them from one place.
export { REPORT_REASONS, SANCTION_KINDS, STORE_ROLES } from '@zjmade/sdk/publisher';
/** What an admin may set an evaluation's status to (every EvaluationState; `exhaustive` checks). */
export const STATUS_CHANGES = ['suspended', 'withdrawn', 'cancelled', 'valid'] as const satisfies readonly EvaluationState[];
const exhaustive: [EvaluationState] extends [(typeof STATUS_CHANGES)[number]] ? true : false = true;
void exhaustive;

/** Text a person must write: at most `max` characters and not only whitespace. */
export const said = (max: number) => z.string().max(max).refine((s) => s.trim() !== '', 'must not be empty or only whitespace');

export const reportBody = z
  .object({
    listing: z.string().min(1).max(2048).openapi({ description: 'A marketplace listing URL or key' }),
    reason: z.enum(REPORT_REASONS),
    note: z.string().max(1000).optional(),
  })
  .strict()
  .openapi('ReportRequest');

// One date rule for every entry point: the snapshot encoder's own domain (registry-dates.ts).
const date = z
  .string()
  .max(10)
  .refine(isRegistryDate, `expected a real date YYYY-MM-DD from ${REGISTRY_DATE_MIN} to ${REGISTRY_DATE_MAX}`)
  .openapi({ format: 'date', description: `A real calendar date from ${REGISTRY_DATE_MIN} to ${REGISTRY_DATE_MAX}` });
const instant = z
  .string()
  .max(40)
  .refine(isRegistryInstant, `expected an ISO 8601 time with an offset, on a real date from ${REGISTRY_DATE_MIN} to ${REGISTRY_DATE_MAX}`)
  .openapi({ format: 'date-time' });
/** `until` (inclusive) must not come before `since`/`from`. */
const ordered =
  (from: string, until: string) =>
  <T extends Record<string, unknown>>(v: T, ctx: z.RefinementCtx) => {
    const a = v[from];
    const b = v[until];
    if (typeof a === 'string' && typeof b === 'string' && b < a) ctx.addIssue({ code: 'custom', path: [until], message: `must not be before ${from}` });
  };
const uscc = z.string().length(18).openapi({ description: 'Unified social credit code (18 characters)' });

export const statusBody = z
  .object({
    status: z.enum(STATUS_CHANGES),
    reason: said(1000).openapi({ description: 'Why: shown in the evaluation history' }),
    effectiveAt: instant.optional(),
  })
  .strict()
  .openapi('StatusRequest');

export const storeBody = z
  .object({
    uscc,
    name: said(200),
    url: z.url().max(2048).optional(),
    role: z.enum(STORE_ROLES),
    since: date,
    until: date.optional(),
  })
  .strict()
  .superRefine(ordered('since', 'until'))
  .openapi('StoreRequest');

export const listingBindingBody = z
  .object({
    store: z.string().min(1).max(256).openapi({ description: 'Store key {platform}:shop:{id}' }),
    evaluationId: z.string().min(1).max(128).optional(),
    since: date.optional(),
    until: date.optional(),
  })
  .strict()
  .superRefine(ordered('since', 'until'))
  .openapi('ListingRequest');

export const sanctionBody = z
  .object({
    id: z.string().min(1).max(128).optional(),
    uscc,
    kind: z.enum(SANCTION_KINDS),
    reason: said(1000).optional(),
    from: date,
    until: date.optional(),
  })
  .strict()
  .superRefine(ordered('from', 'until'))
  .openapi('SanctionRequest');

/**
 * An integer query parameter. `z.coerce` hides its bounds from the generator, so they are stated
 * for the document too, from the same numbers.
 */
export const queryInt = (name: string, min: number, max: number, dflt: number, description?: string) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .default(dflt)
    .openapi({ param: { name, in: 'query' }, type: 'integer', minimum: min, maximum: max, default: dflt, ...(description ? { description } : {}) });

export const pageQuery = z.object({
  limit: queryInt('limit', 1, PAGE_LIMIT_MAX, 50),
  offset: queryInt('offset', 0, Number.MAX_SAFE_INTEGER, 0),
});
