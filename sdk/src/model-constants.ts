import type { BrandType, EvaluationRoute, EvaluationState, ListingKind, ReportReason, SanctionKind, StandardStatus, StoreRole } from './model.js';
import type { ClaimState, UnknownReason } from './verdict.js';

/*
 * The model's enumerations as values, for schemas (the registry's zod schemas and OpenAPI document
 * are built from these). The model types them as unions; `exhaustive` below makes tsc fail when a
 * union gains or loses a member this file does not list. Kept off the root entry (publisher only),
 * so the browser path does not carry them.
 */

export const LISTING_KINDS = ['item', 'shop'] as const satisfies readonly ListingKind[];
export const BRAND_TYPES = ['zhejiang-made', 'zhejiang-service', 'zhejiang-engineering'] as const satisfies readonly BrandType[];
export const SANCTION_KINDS = ['quality-dishonesty-blacklist', 'mark-misuse', 'other'] as const satisfies readonly SanctionKind[];
export const STANDARD_STATUSES = ['current', 'superseded', 'withdrawn'] as const satisfies readonly StandardStatus[];
export const EVALUATION_ROUTES = ['certification', 'self-declaration'] as const satisfies readonly EvaluationRoute[];
/** Every state an evaluation's history can record (`valid` first: the state before any change). */
export const EVALUATION_STATES = ['valid', 'suspended', 'withdrawn', 'cancelled'] as const satisfies readonly EvaluationState[];
export const STORE_ROLES = ['official-flagship', 'authorised'] as const satisfies readonly StoreRole[];
export const REPORT_REASONS = ['unbacked-claim', 'counterfeit-mark', 'wrong-details', 'other'] as const satisfies readonly ReportReason[];
export const CLAIM_STATES = ['none', 'backed', 'unbacked'] as const satisfies readonly ClaimState[];
export const UNKNOWN_REASONS = ['invalid-listing', 'no-snapshot', 'stale', 'signature', 'unreachable', 'error'] as const satisfies readonly UnknownReason[];

type Exhaustive<All extends string, Listed extends readonly string[]> = [All] extends [Listed[number]] ? true : false;
const exhaustive: [
  Exhaustive<ListingKind, typeof LISTING_KINDS>,
  Exhaustive<BrandType, typeof BRAND_TYPES>,
  Exhaustive<SanctionKind, typeof SANCTION_KINDS>,
  Exhaustive<StandardStatus, typeof STANDARD_STATUSES>,
  Exhaustive<EvaluationRoute, typeof EVALUATION_ROUTES>,
  Exhaustive<EvaluationState, typeof EVALUATION_STATES>,
  Exhaustive<StoreRole, typeof STORE_ROLES>,
  Exhaustive<ReportReason, typeof REPORT_REASONS>,
  Exhaustive<ClaimState, typeof CLAIM_STATES>,
  Exhaustive<UnknownReason, typeof UNKNOWN_REASONS>,
] = [true, true, true, true, true, true, true, true, true, true];
void exhaustive;
