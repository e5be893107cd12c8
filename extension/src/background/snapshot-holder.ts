import { openSnapshot, SnapshotError, type SnapshotVerifier, type UnknownReason } from '@zjmade/sdk';
import type { Settings } from '../shared/settings.js';
import { readStoredSnapshot, type StoredSnapshot, writeStoredSnapshot } from './snapshot-store.js';

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
  const message = error instanceof Error ? error.message : String(error);
  return { reason: 'unreachable', detail: message };
}

/**
 * The verifier over the last good signed snapshot. A snapshot that fails its signature never
 * replaces a good one; with none good, every verdict is `unknown` with the failure as its reason.
 */
export class SnapshotHolder {
  verifier: SnapshotVerifier | null = null;
  stored: StoredSnapshot | null = null;
  problem: SnapshotProblem | null = null;
  lastCheck: number | null = null;
  private keysFingerprint = '';

  /** Opens the persisted snapshot when it belongs to the configured registry. */
  async restore(settings: Settings): Promise<void> {
    this.verifier = null;
    this.problem = null;
    this.keysFingerprint = JSON.stringify(settings.trustedKeys);
    let stored: StoredSnapshot | null = null;
    try {
      stored = await readStoredSnapshot();
    } catch (error) {
      this.problem = { reason: 'error', detail: `Could not read the stored snapshot: ${String(error)}` };
      return;
    }
    if (!stored || stored.registryUrl !== settings.registryUrl) {
      this.stored = null;
      this.problem = { reason: 'no-snapshot', detail: 'No snapshot from this registry yet.' };
      return;
    }
    this.stored = stored;
    try {
      this.verifier = await openSnapshot(stored.bytes, { trustedKeys: settings.trustedKeys });
    } catch (error) {
      this.problem = problemOf(error);
    }
  }

  /** True when the trusted keys changed since the snapshot was opened. */
  keysChanged(settings: Settings): boolean {
    return JSON.stringify(settings.trustedKeys) !== this.keysFingerprint;
  }

  /** Fetches the registry's snapshot (If-None-Match), verifies it, and keeps it when good. */
  async refresh(settings: Settings): Promise<RefreshOutcome> {
    this.lastCheck = Date.now();
    const url = `${settings.registryUrl}/v1/snapshot`;
    const headers: Record<string, string> = { accept: 'application/vnd.zjmade.snapshot' };
    const sameRegistry = this.stored?.registryUrl === settings.registryUrl;
    if (this.verifier && sameRegistry && this.stored?.etag) headers['if-none-match'] = this.stored.etag;
    let bytes: Uint8Array;
    let etag: string | undefined;
    try {
      const res = await fetch(url, { headers, cache: 'no-store', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (res.status === 304) return 'unchanged';
      if (!res.ok) throw new Error(`GET ${url} → HTTP ${res.status}`);
      bytes = new Uint8Array(await res.arrayBuffer());
      etag = res.headers.get('etag') ?? undefined;
    } catch (error) {
      if (!this.verifier) this.problem = problemOf(error);
      throw error;
    }
    let verifier: SnapshotVerifier;
    try {
      verifier = await openSnapshot(bytes, { trustedKeys: settings.trustedKeys });
    } catch (error) {
      const problem = problemOf(error);
      if (!this.verifier) this.problem = problem;
      throw new Error(`The registry's snapshot failed verification (${problem.detail}); keeping the last good one.`);
    }
    if (this.verifier && sameRegistry && verifier.info.sequence < this.verifier.info.sequence) {
      throw new Error(`Refusing snapshot ${verifier.info.sequence}: older than ${this.verifier.info.sequence}.`);
    }
    const stored: StoredSnapshot = { registryUrl: settings.registryUrl, bytes, fetchedAt: Date.now(), ...(etag ? { etag } : {}) };
    await writeStoredSnapshot(stored);
    this.stored = stored;
    this.verifier = verifier;
    this.problem = null;
    return 'updated';
  }
}
