// The delta entry (`@zjmade/sdk/delta`): state digests, opening and applying signed deltas. Kept
// out of the root entry so that pages which only verify against full snapshots never ship it.
export { recordDigestInput } from './delta/canonical.js';
export type { DigestEntity } from './delta/canonical.js';
export { DigestAccumulator, stateDigest } from './delta/digest.js';
export { DeltaError } from './delta/errors.js';
export type { DeltaErrorCode } from './delta/errors.js';
export { DELTA_FORMAT_VERSION, DELTA_MEDIA_TYPE } from './delta/format.js';
export type { RegistryDelta, DeltaUpserts, DeltaRemovals, DeltaCollection } from './delta/format.js';
export { openDelta } from './delta/open.js';
export type { OpenDeltaOptions } from './delta/open.js';
export { applyDelta } from './delta/apply.js';
export type { ApplyDeltaOptions } from './delta/apply.js';
export { deltaProblem } from './delta/validate.js';
export { readSnapshotData } from './delta/snapshot-records.js';
