export { createSnapshotSync } from './lifecycle.js';
export type { SnapshotSync, SnapshotSyncOptions } from './lifecycle.js';
export type { ChangeListener, DeltaSupport, RegistryLayout, SyncUpdate } from './types.js';
