import { z } from '@hono/zod-openapi';
import { EVALUATION_ROUTES, STORE_ROLES } from '@zjmade/sdk/publisher';
import { CoverageReport, Enterprise, ListingBinding, orNull, Store } from '../http/answer-schemas.js';
import { platformSchema } from '../http/verify-schemas.js';
import { ROW_PROBLEM_CODES, ROW_PROBLEMS } from '../domain/listing-row-problems.js';
import type { PortalService, Published } from '../services/portal-service.js';

/**
 * The portal's and the claim review's answers (routes.ts, admin-routes.ts), typed member by member
 * so /openapi.json describes each one all the way down. The drift checks at the end make tsc fail
 * when a schema stops describing what the portal service returns.
 */

const count = z.number().int().min(0);
const paged = { limit: z.number().int(), offset: z.number().int() };
const CLAIM_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
const EVIDENCE_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
const ROW_STATES = ['ready', 'refused', 'invalid', 'duplicate'] as const;

/** What a publishing write adds (services/portal-service.ts `Published`): the change is committed either way. */
const published = {
  snapshot: orNull(z.object({ sequence: z.number().int(), issuedAt: z.string() }))
    .optional()
    .openapi({ description: 'The snapshot that carries the change (absent when nothing changed); null when publishing failed (then see `publishing`)' }),
  publishing: z
    .object({ state: z.literal('failing'), code: z.string(), retryAt: z.string().nullable() })
    .optional()
    .openapi({ description: 'Present when publishing failed; it is retried' }),
};

// Store claims
export const PortalClaim = z
  .object({
    id: z.string(),
    uscc: z.string(),
    storeKey: z.string(),
    platform: platformSchema,
    shopId: z.string(),
    url: z.string().openapi({ description: 'The URL as the claimant pasted it' }),
    name: z.string(),
    role: z.enum(STORE_ROLES),
    state: z.enum(CLAIM_STATES),
    reason: z.string().nullable().openapi({ description: 'Why it was rejected (or a note on approval)' }),
    claimant: z.string(),
    reviewer: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    evidence: z
      .object({ fileName: z.string(), mediaType: z.enum(EVIDENCE_TYPES).openapi({ description: 'Sniffed from the bytes at upload' }), size: count, sha256: z.string() })
      .nullable(),
  })
  .openapi('PortalClaim');
export const PortalClaims = z.object({ items: z.array(PortalClaim), total: count, ...paged }).openapi('PortalClaims');
/** The staff list: a page of claims in one state (no total). */
export const ClaimReviewPage = z.object({ items: z.array(PortalClaim), ...paged }).openapi('ClaimReviewPage');
export const ClaimDecision = z
  .object({ claim: PortalClaim, store: orNull(Store).openapi({ description: 'The store an approval registered; null on rejection' }), ...published })
  .openapi('ClaimDecision');

// Overview
const renewalDays = z.union([z.literal(30), z.literal(60), z.literal(90)]);
const EvaluationSummary = z.object({
  id: z.string(),
  route: z.enum(EVALUATION_ROUTES),
  status: z.enum(['valid', 'not-yet-issued', 'expired', 'suspended', 'withdrawn', 'cancelled']).openapi({ description: 'The standing at the time asked' }),
  statusReason: z.string().nullable(),
  standard: z.object({ code: z.string(), title: z.string().nullable(), status: z.enum(['current', 'superseded', 'withdrawn']).nullable() }),
  products: z.array(z.object({ name: z.string(), model: z.string().optional(), category: z.string().optional() })),
  issued: z.string(),
  expires: z.string(),
  daysToExpiry: z.number().int().openapi({ description: 'Whole days from today (UTC+8) to the expiry date; negative once expired' }),
  alert: orNull(renewalDays).openapi({ description: 'The smallest reminder threshold (90/60/30 days) the evaluation is within, while valid' }),
});
export const PortalOverview = z
  .object({
    enterprise: Enterprise,
    date: z.string().openapi({ description: 'Today (UTC+8), YYYY-MM-DD' }),
    evaluations: z.array(EvaluationSummary),
    alerts: z.array(z.object({ evaluationId: z.string(), days: renewalDays, daysToExpiry: z.number().int(), expires: z.string() })),
    stores: z.array(Store),
    coverage: CoverageReport.shape.totals
      .extend({ snapshotSequence: z.number().int().nullable() })
      .nullable()
      .openapi({ description: 'From the current snapshot’s coverage; null before the first publish' }),
  })
  .openapi('PortalOverview');

// Listing upload
const suggestion = z.object({
  evaluationId: z.string(),
  score: z.number().min(0).max(1),
  matched: z.array(z.string()).openapi({ description: 'The words of the title that matched the scope' }),
  ambiguous: z.boolean().optional().openapi({ description: 'Only on the first: two evaluations fit about equally, a person should choose' }),
});
export const RowProblemCode = z
  .enum(ROW_PROBLEM_CODES)
  .openapi('RowProblemCode', {
    description: `Why a row cannot be bound, as a stable code (the \`reason\` beside it is English text that may change): ${ROW_PROBLEM_CODES.map((c) => `\`${c}\`: ${ROW_PROBLEMS[c]}`).join(' ')}`,
    'x-enum-descriptions': ROW_PROBLEM_CODES.map((c) => ROW_PROBLEMS[c]),
  });
const uploadRow = z.object({
  row: z.number().int().openapi({ description: 'Row number in the file (header rows counted), or the position in a pasted list' }),
  listing: z.string(),
  title: z.string().nullable(),
  key: z.string().nullable(),
  store: z.string().nullable(),
  state: z.enum(ROW_STATES),
  code: orNull(RowProblemCode).openapi({ description: 'Null when ready' }),
  reason: z.string().nullable().openapi({ description: 'The problem in English; null when ready' }),
  binding: z.object({ evaluationId: z.string().nullable() }).nullable().openapi({ description: 'The listing’s current binding, when it is one of yours' }),
  suggestions: z.array(suggestion).openapi({ description: 'Best first; the first is the one to accept' }),
});
const uploadSource = z.union([
  z.object({ kind: z.literal('pasted') }),
  z.object({
    kind: z.literal('file'),
    name: z.string(),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gb18030']).nullable(),
    headerRow: z.number().int(),
    columns: z.object({ url: z.string(), itemId: z.string(), sku: z.string(), title: z.string(), shop: z.string(), platform: z.string() }).partial(),
  }),
]);
export const PortalUpload = z
  .object({
    source: uploadSource,
    rows: z.array(uploadRow),
    totals: z.object({ rows: count, ready: count, refused: count, invalid: count, duplicate: count, suggested: count }),
  })
  .openapi('PortalUpload');

// Bindings
export const PortalBulk = z
  .object({
    results: z.array(z.object({ key: z.string(), outcome: z.enum(['bound', 'unchanged', 'unbound', 'refused']), reason: z.string().optional() })),
    totals: z.object({ bound: count, unchanged: count, unbound: count, refused: count }),
    ...published,
  })
  .openapi('PortalBulkBindings');
export const PortalBindings = z
  .object({ items: z.array(ListingBinding.extend({ storeName: z.string() })), total: count, ...paged })
  .openapi('PortalBindings');

// Drift checks: what the service returns must be what the schema says (assignable to it), and the
// schema no looser than the service's type where the service types a member exactly.
type Svc = PortalService;
type Out<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;
type Fits<A, B> = [A] extends [B] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type UploadSource = z.infer<typeof uploadSource>;
const drift: [
  Same<Out<Svc['claim']>, z.infer<typeof PortalClaim>>,
  Same<Out<Svc['claims']> & { limit: number; offset: number }, z.infer<typeof PortalClaims>>,
  Same<{ items: Out<Svc['claimsInState']>; limit: number; offset: number }, z.infer<typeof ClaimReviewPage>>,
  Fits<Out<Svc['decideClaim']>, z.infer<typeof ClaimDecision>>,
  Fits<Published, Pick<z.infer<typeof ClaimDecision>, 'snapshot' | 'publishing'>>,
  // EvaluationSummary types `status` as a string; the schema names the standings it can hold.
  Fits<z.infer<typeof PortalOverview>, Out<Svc['overview']>>,
  Fits<Omit<Out<Svc['overview']>, 'evaluations'>, Omit<z.infer<typeof PortalOverview>, 'evaluations'>>,
  Same<{ source: UploadSource } & Out<Svc['resolveListings']>, z.infer<typeof PortalUpload>>,
  Fits<Out<Svc['bind']>, z.infer<typeof PortalBulk>>,
  Fits<Out<Svc['unbind']>, z.infer<typeof PortalBulk>>,
  Same<Out<Svc['bindings']>, z.infer<typeof PortalBindings>>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void drift;
