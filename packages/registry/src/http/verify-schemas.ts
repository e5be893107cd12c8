import { PLATFORMS, VERDICT_STATUSES, type Verdict, type VerdictEvidence, type VerdictSource } from '@zjmade/sdk';
import {
  BRAND_TYPES,
  CLAIM_STATES,
  EVALUATION_ROUTES,
  EVALUATION_STATES,
  LISTING_KINDS,
  SANCTION_KINDS,
  STANDARD_STATUSES,
  STORE_ROLES,
  UNKNOWN_REASONS,
} from '@zjmade/sdk/publisher';
import { z } from 'zod';

/**
 * POST /v1/verify, request and all three answer forms, typed all the way down. These validate the
 * request (the fast path in fast-verify-body.ts accepts exactly what `verifyBody` accepts), type the
 * answers the writers in verdict-json.ts / batch-answer.ts produce, and declare the route in the
 * OpenAPI document. Model enums are the SDK's constants (@zjmade/sdk/publisher, checked there
 * against the model's unions); the `Same` checks below make tsc fail if a shape drifts.
 */

export const MAX_BATCH = 500;

const text = z.string().max(2000);
export const listingItem = z.union([
  z.string().min(1).max(4096),
  z.object({ key: z.string().min(1).max(256), text: text.optional() }).strict(),
  z.object({ url: z.string().min(1).max(4096), text: text.optional() }).strict(),
]);
export type ListingItem = z.infer<typeof listingItem>;

export const verifyBody = z
  .object({
    listings: z.array(listingItem).max(MAX_BATCH),
    at: z.string().max(64).optional(),
  })
  .strict();
export type VerifyBody = z.infer<typeof verifyBody>;

/** `?evidence=`: `compact` (default) entities once per answer, `full` inline in every verdict, `none` `{}`. */
export const EVIDENCE_FORMS = ['compact', 'full', 'none'] as const;
export type EvidenceForm = (typeof EVIDENCE_FORMS)[number];
export const verifyQuery = z.object({ evidence: z.enum(EVIDENCE_FORMS).optional() }).strict();

// The registry model, as verdict evidence carries it.
const instant = z.string();
const businessDate = z.string();
export const platformSchema = z.enum(PLATFORMS);
export const listingRefSchema = z.object({
  platform: platformSchema,
  kind: z.enum(LISTING_KINDS),
  id: z.string(),
  key: z.string(),
  url: z.string(),
});
export const enterpriseSchema = z.object({ uscc: z.string(), name: z.string(), nameEn: z.string().optional(), region: z.string() });
export const sanctionSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  kind: z.enum(SANCTION_KINDS),
  reason: z.string().optional(),
  from: businessDate,
  until: businessDate.optional(),
});
export const standardSchema = z.object({
  code: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  issuer: z.string(),
  status: z.enum(STANDARD_STATUSES),
  successor: z.string().optional(),
});
const evaluationState = z.enum(EVALUATION_STATES);
export const evaluationSchema = z.object({
  id: z.string(),
  route: z.enum(EVALUATION_ROUTES),
  brand: z.enum(BRAND_TYPES),
  uscc: z.string(),
  products: z.array(z.object({ name: z.string(), model: z.string().optional(), category: z.string().optional() })),
  standard: z.string(),
  body: z.string().optional(),
  rule: z.string().optional(),
  issued: businessDate,
  expires: businessDate,
  coMarks: z.array(z.string()).optional(),
  history: z.array(z.object({ status: evaluationState, at: instant, reason: z.string().optional() })),
});
export const storeSchema = z.object({
  platform: platformSchema,
  shopId: z.string(),
  key: z.string(),
  name: z.string(),
  url: z.string().optional(),
  uscc: z.string(),
  role: z.enum(STORE_ROLES),
  since: businessDate,
  until: businessDate.optional(),
});

// The verdict.
export const verdictSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), sequence: z.number().int(), issuedAt: instant, expiresAt: instant, sample: z.boolean() }),
  z.object({ kind: z.literal('online'), sequence: z.number().int().optional(), issuedAt: instant.optional(), sample: z.boolean() }),
  z.object({ kind: z.literal('memory'), sample: z.boolean() }),
  z.object({ kind: z.literal('none') }),
]);
export const verdictStatusSchema = z.enum(VERDICT_STATUSES);
export const claimStateSchema = z.enum(CLAIM_STATES);
export const unknownReasonSchema = z.enum(UNKNOWN_REASONS);

/** Evidence written inline (`?evidence=full`; `none` writes `{}`, which this also accepts). */
export const verdictEvidenceSchema = z.object({
  enterprise: enterpriseSchema.optional(),
  evaluation: evaluationSchema.optional(),
  standard: standardSchema.optional(),
  store: storeSchema.optional(),
  sanction: sanctionSchema.optional(),
  lapsedAt: instant.optional(),
  lapseReason: z.string().optional(),
});

const verdictFields = {
  key: z.string().nullable(),
  ref: listingRefSchema.nullable(),
  status: verdictStatusSchema,
  claim: claimStateSchema,
  claims: z.array(z.string()),
  reason: unknownReasonSchema.optional(),
  detail: z.string().optional(),
};

/** A verdict as the SDK's `Verdict` type has it (the full and the `none` forms). */
export const verdictSchema = z.object({ ...verdictFields, evidence: verdictEvidenceSchema, at: instant, source: verdictSourceSchema });

/** The published snapshot the answer was computed from. */
export const snapshotInfoSchema = z.object({ sequence: z.number().int(), issuedAt: instant });

export const fullVerifyAnswer = z.object({ results: z.array(verdictSchema), snapshot: snapshotInfoSchema });
export const noneVerifyAnswer = z.object({
  results: z.array(verdictSchema.extend({ evidence: z.object({}).strict() })),
  snapshot: snapshotInfoSchema,
});

/** Compact evidence: each entity by its identity, looked up in the answer's `entities`. */
export const evidenceRefsSchema = z.object({
  /** USCC, a key of `entities.enterprises`. */
  enterprise: z.string().optional(),
  /** Evaluation id, a key of `entities.evaluations`. */
  evaluation: z.string().optional(),
  /** Canonical standard code, a key of `entities.standards`. */
  standard: z.string().optional(),
  /** Store key, a key of `entities.stores`. */
  store: z.string().optional(),
  /** Sanction id, a key of `entities.sanctions`. */
  sanction: z.string().optional(),
  lapsedAt: instant.optional(),
  lapseReason: z.string().optional(),
});

/**
 * A compact result: the verdict with references for evidence; `at` and `source` only where they
 * differ from the answer's. `ref` is left out when it is the key's own (`{platform}:{kind}:{id}`
 * split, `url` empty; null for a null key), `claim` and `claims` when there is no claim (`none`, `[]`).
 */
export const compactResultSchema = z.object({
  ...verdictFields,
  ref: listingRefSchema.nullable().optional(),
  claim: claimStateSchema.optional(),
  claims: z.array(z.string()).optional(),
  evidence: evidenceRefsSchema,
  at: instant.optional(),
  source: verdictSourceSchema.optional(),
});

/**
 * Every entity the results refer to, once each, keyed by its identity; the members the key gives
 * back are left out (an enterprise's `uscc`, an evaluation's or sanction's `id`, a standard's
 * `code`, a store's `platform`, `shopId` and `key`, its key being `{platform}:shop:{shopId}`).
 */
export const verifyEntitiesSchema = z.object({
  enterprises: z.record(z.string(), enterpriseSchema.partial({ uscc: true })),
  evaluations: z.record(z.string(), evaluationSchema.partial({ id: true })),
  standards: z.record(z.string(), standardSchema.partial({ code: true })),
  stores: z.record(z.string(), storeSchema.partial({ platform: true, shopId: true, key: true })),
  sanctions: z.record(z.string(), sanctionSchema.partial({ id: true })),
});

/** The default answer (`?evidence=compact` or no `evidence`). */
export const compactVerifyAnswer = z.object({
  results: z.array(compactResultSchema),
  /** The time every result answers for, unless it carries its own. */
  at: instant,
  /** Where every result comes from, unless it carries its own. */
  source: verdictSourceSchema,
  entities: verifyEntitiesSchema,
  snapshot: snapshotInfoSchema,
});

export type CompactVerifyAnswer = z.infer<typeof compactVerifyAnswer>;
export type FullVerifyAnswer = z.infer<typeof fullVerifyAnswer>;

// Drift checks: tsc fails when a schema and the SDK type it mirrors stop describing the same values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const verdictMatches: Same<z.infer<typeof verdictSchema>, Verdict> = true;
const sourceMatches: Same<z.infer<typeof verdictSourceSchema>, VerdictSource> = true;
const evidenceMatches: Same<z.infer<typeof verdictEvidenceSchema>, VerdictEvidence> = true;
void [verdictMatches, sourceMatches, evidenceMatches];
