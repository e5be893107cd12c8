export * from './model.js';
export * from './verdict.js';
export { validateUscc, usccCheckChar, orgCheckChar, USCC_CHARSET } from './uscc.js';
export type { UsccResult, UsccError } from './uscc.js';
export { parseStandardCode } from './standard-code.js';
export type { StandardCode } from './standard-code.js';
export { parseListingUrl } from './listing-url.js';
export { refFromKey, resolveListing, listingOf } from './listing-key.js';
export type { ListingInput } from './listing-key.js';
export { detectClaims } from './claims.js';
export type { ClaimKind, ClaimMatch } from './claims.js';
export { verifyListing, evaluationStanding, activeSanction, unknownVerdict } from './verify-listing.js';
export type { VerifyOptions, EvaluationStanding } from './verify-listing.js';
export { createMemoryView } from './memory-view.js';
export {
  businessDayStart,
  businessDayEnd,
  businessDateOf,
  isBusinessDate,
  addBusinessDays,
  toCstIso,
  toEpochMs,
} from './business-time.js';
export * from './snapshot/index.js';
export * from './client/index.js';
