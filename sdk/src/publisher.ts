// The publisher entry (`@zjmade/sdk/publisher`): encoding and signing snapshots. Browsers that only
// verify never need it, so it stays out of the root entry.
export { encodeSnapshot } from './snapshot/encode.js';
export type { EncodeSnapshotOptions } from './snapshot/encode.js';
export { signSnapshot, generateSigningKey, importSigningKey, publicJwkOf, jwkThumbprint } from './snapshot/sign.js';
export { MEDIA_TYPE as SNAPSHOT_MEDIA_TYPE, FORMAT_VERSION as SNAPSHOT_FORMAT_VERSION } from './snapshot/format.js';
export { isRegistryDate, isRegistryInstant, registryDateProblem, REGISTRY_DATE_MIN, REGISTRY_DATE_MAX } from './registry-dates.js';
export { signPointer, snapshotDigest } from './snapshot/sign-pointer.js';
export type { PointerFields } from './snapshot/sign-pointer.js';
export { POINTER_DOMAIN, POINTER_TYPE, POINTER_MEDIA_TYPE } from './snapshot/pointer-format.js';
export type { LatestPointer, PointerDelta, SignedPointer } from './snapshot/pointer-format.js';
// Deltas (issue 10): the state digest and encoding and signing deltas.
export { recordDigestInput } from './delta/canonical.js';
export type { DigestEntity } from './delta/canonical.js';
export { DigestAccumulator, stateDigest } from './delta/digest.js';
export { encodeDelta } from './delta/encode.js';
export { signDelta } from './delta/sign.js';
export { deltaProblem } from './delta/validate.js';
export { DELTA_FORMAT_VERSION, DELTA_MEDIA_TYPE } from './delta/format.js';
export type { RegistryDelta, DeltaUpserts, DeltaRemovals, DeltaCollection } from './delta/format.js';
// Schemas and key checks for registries (issue 14): the model's enums as constants, and whether a
// listing key is canonical by the parser's own route table.
export {
  LISTING_KINDS,
  BRAND_TYPES,
  SANCTION_KINDS,
  STANDARD_STATUSES,
  EVALUATION_ROUTES,
  EVALUATION_STATES,
  STORE_ROLES,
  REPORT_REASONS,
  CLAIM_STATES,
  UNKNOWN_REASONS,
} from './model-constants.js';
export { canonicalKeyProblem } from './listing-canonical.js';
