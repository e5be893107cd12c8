import type { ListingInput } from '../listing-key.js';
import type { Enterprise, Evaluation, ListingBinding, Platform, ReportReason, Standard, Store } from '../model.js';
import type { SnapshotVerifier, TrustedKey } from '../snapshot/types.js';
import type { Verdict } from '../verdict.js';
import type { ChangeListener, DeltaSupport, RegistryLayout, SyncUpdate } from '../sync/types.js';
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
   * Where the client keeps its last good state (the signed snapshot and the deltas applied on
   * top) and the highest sequence it accepted, so a new client object or a restart starts from it
   * and never accepts an older one. Every `snapshot()` first fetches the signed pointer and
   * accepts only what it names, if it was issued within `maxPointerAgeMs`.
   */
  store?: ClientStore;
  /** Oldest signed pointer accepted (ms): default and maximum 3600000 (one hour). */
  maxPointerAgeMs?: number;
  /**
   * `{ openDelta, applyDelta }` from `@zjmade/sdk/delta`: `snapshot()` then follows the registry
   * by signed deltas. Without it every update downloads the full snapshot.
   */
  deltas?: DeltaSupport;
  /**
   * `api` (the registry: `/v1/snapshot/latest`, `/v1/deltas/{n}`, `/v1/snapshot`) or `tree` (a
   * static host serving `zjmade-registry export`: `latest.json` and the files it names). Default:
   * the API, and the tree when the API's pointer path answers 404.
   */
  layout?: RegistryLayout;
  /**
   * Longest chain walked through `/v1/deltas/{n}` when the pointer lists no chain (a registry that
   * lists one says itself how far back it reaches). Default 48. Independently, once the deltas held
   * and fetched outweigh the snapshot under them, the full snapshot is fetched instead.
   */
  maxChain?: number;
  /** Test seams: the clock, jitter and the backoff wait. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: never;
}

/** A listing to verify: any `ListingInput` (a URL, share text, key, ref, `{ url | key, text? }`); the text feeds `claim` only and is never sent. */
export type VerifyInput = ListingInput;

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
   * Brings the offline state up to date: the signed pointer, then the chain of signed deltas from
   * the sequence held (with `deltas`), or the full snapshot when nothing is held, the chain is
   * longer or heavier than the snapshot, or anything in it cannot be trusted. Nothing replaces
   * the state held until the new one is complete and verified; it is then written to the store
   * and `onChange` listeners are called. Concurrent calls share one run. Returns the state held
   * afterwards (the last good one when this run failed: see `lastError`); rejects only when there
   * is no good state at all.
   */
  snapshot(options?: CallOptions): Promise<SnapshotVerifier>;
  /**
   * The state the store holds, re-verified (signatures, chain, digest), without asking the
   * network: what a waking service worker answers with before its next refresh. Null when none.
   */
  restoreSnapshot(): Promise<SnapshotVerifier | null>;
  /** Called with the new verifier after each change of state (re-verify what is on screen). Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void;
  /** How the last successful `snapshot()` ended (delta, full or unchanged, and the bytes it downloaded). */
  readonly lastUpdate: SyncUpdate | null;
  currentSnapshot(): SnapshotVerifier | null;
  /** Milliseconds since the current snapshot was issued, or null without one. */
  snapshotAge(): number | null;
  /** Why the last `snapshot()` failed; null after a success. */
  readonly lastError: Error | null;
  /** Look-ups: the record, or null when the registry does not know it (404). */
  enterprise(uscc: string, options?: CallOptions): Promise<Enterprise | null>;
  evaluation(id: string, options?: CallOptions): Promise<Evaluation | null>;
  standard(code: string, options?: CallOptions): Promise<Standard | null>;
  store(platform: Platform, shopId: string, options?: CallOptions): Promise<Store | null>;
  listing(key: string, options?: CallOptions): Promise<ListingBinding | null>;
  /** Reports a listing (POST /v1/reports): its URL or key, the reason, an optional note. Identical reports within a day are counted as duplicates. */
  report(report: { listing: string; reason: ReportReason; note?: string }, options?: CallOptions): Promise<{ id: string; duplicate: boolean }>;
}
