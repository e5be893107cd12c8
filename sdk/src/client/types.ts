import type { Enterprise, Evaluation, ListingBinding, ListingRef, Platform, Standard, Store } from '../model.js';
import type { SnapshotVerifier, TrustedKey } from '../snapshot/types.js';
import type { Verdict } from '../verdict.js';
import type { ClientStore } from './store.js';

export interface RegistryClientOptions {
  /** e.g. `https://registry.example.cn` (no trailing path needed). */
  baseUrl: string;
  /** Trust anchors for snapshots; configured by the integrator, never fetched from the registry. */
  trustedKeys: readonly TrustedKey[];
  fetch?: typeof fetch;
  /** Per attempt, body included. Default 8000. */
  timeoutMs?: number;
  /** Retries after the first attempt (network errors, timeouts, 5xx, 429 with Retry-After). Default 3. */
  retries?: number;
  /** Online verdict cache; default `{ ttlMs: 60000, maxEntries: 2000 }`. */
  cache?: { ttlMs: number; maxEntries?: number } | false;
  /** Cancels everything the client does. */
  signal?: AbortSignal;
  /** Listings per POST /v1/verify. Default 500, the server's maximum. */
  maxBatch?: number;
  /** Longest Retry-After worth waiting for (ms); longer ones fail at once. Default 30000. */
  maxRetryAfterMs?: number;
  /**
   * Where the client remembers the highest snapshot sequence it accepted (and the snapshot), so a
   * new client object or a restart never accepts an older one. Without a store (or while it is
   * still empty) every `snapshot()` first fetches the signed pointer `GET /v1/snapshot/latest`
   * and accepts only the snapshot it names, if the pointer was issued within `maxPointerAgeMs`.
   */
  store?: ClientStore;
  /** Rollback window for a client without memory (ms): default and maximum 3600000 (one hour). */
  maxPointerAgeMs?: number;
  /** Test seams: the clock, jitter and the backoff wait. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: never;
}

/** A listing to verify: a URL, a canonical key, a parsed ref, or either with the listing's text (feeds `claim` only, never sent). */
export type VerifyInput = string | ListingRef | { key: string; text?: string } | { url: string; text?: string };

export interface ClientVerifyOptions {
  /** The time to answer for (Date, epoch ms, ISO instant or business date). Default: now. */
  at?: Date | number | string;
  signal?: AbortSignal;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RegistryClient {
  /**
   * Verdicts in input order. Never rejects for transport failures: listings the registry could not
   * answer are `unknown` (reason `unreachable` or `error`), never `not-found` or `verified`.
   */
  verify(listings: readonly VerifyInput[], options?: ClientVerifyOptions): Promise<Verdict[]>;
  /** Like `verify`, but rejects with the `RegistryError` instead of degrading to `unknown`. */
  verifyStrict(listings: readonly VerifyInput[], options?: ClientVerifyOptions): Promise<Verdict[]>;
  /**
   * Downloads the signed snapshot (If-None-Match: a 304 keeps the current one), verifies it and
   * makes it current. A snapshot that fails, or is older than the current one, never replaces it:
   * the last good one is returned and the failure is in `lastError`. Rejects only when there is
   * no good snapshot at all.
   */
  snapshot(options?: CallOptions): Promise<SnapshotVerifier>;
  currentSnapshot(): SnapshotVerifier | null;
  /** Milliseconds since the current snapshot was issued, or null without one. */
  snapshotAge(): number | null;
  /** Why the last `snapshot()` did not install a new snapshot; null after a success or a 304. */
  readonly lastError: Error | null;
  /** Look-ups: the record, or null when the registry does not know it (404). */
  enterprise(uscc: string, options?: CallOptions): Promise<Enterprise | null>;
  evaluation(id: string, options?: CallOptions): Promise<Evaluation | null>;
  standard(code: string, options?: CallOptions): Promise<Standard | null>;
  store(platform: Platform, shopId: string, options?: CallOptions): Promise<Store | null>;
  listing(key: string, options?: CallOptions): Promise<ListingBinding | null>;
}
