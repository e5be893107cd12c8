import { isRegistryDate, isRegistryInstant, REGISTRY_DATE_MAX, REGISTRY_DATE_MIN } from '@zjmade/sdk/publisher';
import { z } from 'zod';

export { listingItem, type ListingItem, MAX_BATCH, verifyBody } from './verify-schemas.js';

export const REPORT_REASONS = ['unbacked-claim', 'counterfeit-mark', 'wrong-details', 'other'] as const;

export const reportBody = z
  .object({
    listing: z.string().min(1).max(2048),
    reason: z.enum(REPORT_REASONS),
    note: z.string().max(1000).optional(),
  })
  .strict();

// One date rule for every entry point: the snapshot encoder's own domain (registry-dates.ts).
const date = z.string().max(10).refine(isRegistryDate, `expected a real date YYYY-MM-DD from ${REGISTRY_DATE_MIN} to ${REGISTRY_DATE_MAX}`);
const instant = z.string().max(40).refine(isRegistryInstant, `expected an ISO 8601 time with an offset, on a real date from ${REGISTRY_DATE_MIN} to ${REGISTRY_DATE_MAX}`);
/** `until` (inclusive) must not come before `since`/`from`. */
const ordered = (from: string, until: string) => <T extends Record<string, unknown>>(v: T, ctx: z.RefinementCtx) => {
  const a = v[from];
  const b = v[until];
  if (typeof a === 'string' && typeof b === 'string' && b < a) ctx.addIssue({ code: 'custom', path: [until], message: `must not be before ${from}` });
};

export const statusBody = z
  .object({
    status: z.enum(['suspended', 'withdrawn', 'cancelled', 'valid']),
    reason: z.string().min(1).max(1000),
    effectiveAt: instant.optional(),
  })
  .strict();

export const storeBody = z
  .object({
    uscc: z.string().length(18),
    name: z.string().min(1).max(200),
    url: z.url().max(2048).optional(),
    role: z.enum(['official-flagship', 'authorised']),
    since: date,
    until: date.optional(),
  })
  .strict()
  .superRefine(ordered('since', 'until'));

export const listingBindingBody = z
  .object({
    store: z.string().min(1).max(256),
    evaluationId: z.string().min(1).max(128).optional(),
    since: date.optional(),
    until: date.optional(),
  })
  .strict()
  .superRefine(ordered('since', 'until'));

export const sanctionBody = z
  .object({
    id: z.string().min(1).max(128).optional(),
    uscc: z.string().length(18),
    kind: z.enum(['quality-dishonesty-blacklist', 'mark-misuse', 'other']),
    reason: z.string().max(1000).optional(),
    from: date,
    until: date.optional(),
  })
  .strict()
  .superRefine(ordered('from', 'until'));

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const tokenBody = z
  .object({
    label: z.string().min(1).max(200).optional(),
  })
  .strict();
