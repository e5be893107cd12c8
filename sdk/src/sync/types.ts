import type { RegistryDelta } from '../delta/format.js';
import type { SnapshotVerifier, TrustedKey } from '../snapshot/types.js';

/**
 * What the lifecycle needs to follow deltas: `{ openDelta, applyDelta }` from `@zjmade/sdk/delta`.
 * (Typed here without importing them, so the root entry's types need no WebCrypto.) Passed in rather than imported so that a page that only ever downloads one full snapshot (the
 * badge) never ships the delta code; without it every update is a full snapshot.
 */
export interface DeltaSupport {
  openDelta(file: Uint8Array, options: { trustedKeys: readonly TrustedKey[] }): Promise<RegistryDelta>;
  applyDelta(current: SnapshotVerifier, delta: RegistryDelta, options: { now?: () => number }): Promise<SnapshotVerifier>;
}

/** Where the registry's files are: its HTTP API, or a published tree on a static host (`zjmade-registry export`). */
export type RegistryLayout = 'api' | 'tree';

/** How a refresh ended. `bytes` counts the bodies downloaded for it (pointer included). */
export interface SyncUpdate {
  /** `delta`: the chain was applied; `full`: a full snapshot replaced the state; `unchanged`: the pointer named what is held. */
  kind: 'delta' | 'full' | 'unchanged';
  sequence: number;
  /** Sequence held before (null: none). */
  from: number | null;
  bytes: number;
  /** Delta files applied. */
  deltas: number;
  /** Why a full snapshot was fetched although a state was held (a chain that could not be used). */
  fallback?: string;
}

export type ChangeListener = (verifier: SnapshotVerifier, update: SyncUpdate) => void;
