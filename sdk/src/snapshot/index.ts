export { openSnapshot, readSnapshotInfo } from './open.js';
export { SnapshotError } from './types.js';
export type { OpenSnapshotOptions, SnapshotInfo, SnapshotVerifier, SnapshotErrorCode, TrustedKey } from './types.js';
export { MEDIA_TYPE as SNAPSHOT_MEDIA_TYPE } from './format.js';
