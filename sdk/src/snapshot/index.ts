export { openSnapshot, readSnapshotInfo } from './open.js';
export { openPointer } from './pointer.js';
export { SnapshotError } from './types.js';
export type { OpenSnapshotOptions, SnapshotInfo, SnapshotVerifier, SnapshotErrorCode, TrustedKey } from './types.js';
export type { LatestPointer, PointerDelta, SignedPointer } from './pointer-format.js';
export { MEDIA_TYPE as SNAPSHOT_MEDIA_TYPE } from './format.js';
export { POINTER_MEDIA_TYPE } from './pointer-format.js';
