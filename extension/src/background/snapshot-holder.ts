import { createRegistryClient, type RegistryClient, SnapshotError, type SnapshotVerifier, type SyncUpdate, type UnknownReason } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import type { Settings } from '../shared/settings.js';
import { classifySnapshotError, type SnapshotProblemInfo } from '../shared/snapshot-problem.js';
import { type ExtensionStore, indexedDbStore } from './snapshot-store.js';

export interface SnapshotProblem {
  reason: UnknownReason;
  detail: string;
}

export type RefreshOutcome = 'updated' | 'unchanged' | 'failed';

const FETCH_TIMEOUT_MS = 30_000;

function problemOf(error: unknown): SnapshotProblem {
  if (error instanceof SnapshotError) {
    return { reason: error.code === 'corrupt' || error.code === 'unsupported-format' ? 'error' : 'signature', detail: `${error.code}: ${error.message}` };
  }
  const e = error as { kind?: string; message?: string };
  return { reason: e?.kind === 'validation' ? 'error' : 'unreachable', detail: e?.message ?? String(error) };
}

/**
 * The extension's view of the SDK client's snapshot lifecycle (pointer, deltas or full snapshot,
 * signatures, digest, no rollback, last good state in IndexedDB): one client per registry and
 * trusted keys. With no good state, every verdict is `unknown` with the failure as its reason.
 */
export class SnapshotHolder {
  problem: SnapshotProblem | null = null;
  /** Why the last refresh failed, by the SDK's error code (null after a good one). */
  lastFailure: SnapshotProblemInfo | null = null;
  lastCheck: number | null = null;
  savedAt: number | null = null;
  registryUrl: string | null = null;
  private client: RegistryClient | null = null;
  private store: ExtensionStore | null = null;
  private keysFingerprint = '';

  /** `changed` runs after each new state (a delta applied, a full snapshot), for re-verifying what tabs show. */
  constructor(private readonly changed: (verifier: SnapshotVerifier, update: SyncUpdate) => void = () => {}) {}

  get verifier(): SnapshotVerifier | null {
    return this.client?.currentSnapshot() ?? null;
  }

  /** How the last successful refresh ended (delta, full or unchanged, bytes downloaded). */
  get lastUpdate(): SyncUpdate | null {
    return this.client?.lastUpdate ?? null;
  }

  /** A client for the configured registry, starting from the state stored for it (no network). */
  async restore(settings: Settings): Promise<void> {
    this.problem = null;
    this.lastFailure = null;
    this.registryUrl = settings.registryUrl;
    this.keysFingerprint = JSON.stringify(settings.trustedKeys);
    this.store = indexedDbStore(settings.registryUrl);
    const client = createRegistryClient({
      baseUrl: settings.registryUrl,
      trustedKeys: settings.trustedKeys,
      store: this.store,
      deltas: { openDelta, applyDelta },
      timeoutMs: FETCH_TIMEOUT_MS,
      retries: 1,
    });
    this.client = client;
    client.onChange((verifier, update) => {
      if (this.client === client) this.changed(verifier, update);
    });
    try {
      const restored = await client.restoreSnapshot();
      this.savedAt = await this.store.savedAt();
      if (!restored) this.problem = { reason: 'no-snapshot', detail: 'No snapshot from this registry yet.' };
    } catch (error) {
      this.problem = { reason: 'error', detail: `Could not read the stored snapshot: ${String(error)}` };
    }
  }

  /** True when the trusted keys changed since the client was made. */
  keysChanged(settings: Settings): boolean {
    return JSON.stringify(settings.trustedKeys) !== this.keysFingerprint;
  }

  /** One run of the lifecycle; throws when it failed (the last good state stays). */
  async refresh(settings: Settings): Promise<RefreshOutcome> {
    if (!this.client || this.registryUrl !== settings.registryUrl || this.keysChanged(settings)) await this.restore(settings);
    const client = this.client!;
    this.lastCheck = Date.now();
    const before = client.currentSnapshot();
    await client.snapshot().catch(() => undefined);
    const error = client.lastError;
    // A client replaced while this run was on the wire (the settings changed) reports nothing.
    if (this.client !== client) return 'unchanged';
    if (error) {
      this.lastFailure = classifySnapshotError(error, { trustedKeys: settings.trustedKeys.length });
      if (!client.currentSnapshot()) this.problem = problemOf(error);
      const unreachable = problemOf(error).reason === 'unreachable';
      const what = unreachable ? error.message : `The registry's snapshot failed verification (${error.message})`;
      throw new Error(client.currentSnapshot() ? `${what}; keeping the last good one.` : what);
    }
    this.problem = null;
    this.lastFailure = null;
    if (client.currentSnapshot() === before) return 'unchanged';
    this.savedAt = (await this.store?.savedAt()) ?? Date.now();
    return 'updated';
  }

  /** Reports a listing through the same client (POST /v1/reports). */
  report(settings: Settings, listing: string, note?: string): Promise<{ id: string; duplicate: boolean }> {
    const client =
      this.client && this.registryUrl === settings.registryUrl
        ? this.client
        : createRegistryClient({ baseUrl: settings.registryUrl, trustedKeys: settings.trustedKeys, retries: 1 });
    return client.report({ listing, reason: 'unbacked-claim', ...(note ? { note } : {}) }, { signal: AbortSignal.timeout(15_000) });
  }
}
