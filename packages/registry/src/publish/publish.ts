import type { RegistryData } from '@zjmade/sdk';
import { readPrivateKey } from '../keys/key-files.js';
import { loadRegistryData, type Repositories } from '../store/repositories.js';
import { etagFor, type PublishedState, type StoredSnapshot } from '../store/snapshots.js';
import { type DigestIndex, deltaSource, type EncodedPublish, encodeAndSign, policyInput, type RetainedState } from './encode-job.js';
import type { FullPolicy } from './full-policy.js';

export const DEFAULT_TTL_HOURS = 72;

export interface PublishOptions {
  keyDir: string;
  ttlHours?: number;
  now?: () => number;
  /**
   * Supplies the data (e.g. from a cache) and the newest audit id it includes, read together;
   * default: read everything from the DB in one transaction.
   */
  load?: () => { data: RegistryData; auditId: number; logSeq: number };
  /** When to make a full snapshot besides the delta; default: always (a hand-run `publish`). */
  policy?: FullPolicy;
  /** A full snapshot whatever the policy says. */
  forceFull?: boolean;
  /** The data changed behind the change log's back: no delta. */
  fullRead?: boolean;
  /** Kept across publishes by the caller: the previous sequence's records, to update the state digest from the changes alone. */
  held?: { index?: DigestIndex };
}

export interface PublishResult extends PublishedState {
  digest: string;
  /** The full snapshot, when this publish made one. */
  full?: StoredSnapshot;
  /** Why it made one: first, forced, period, weight or chain. */
  fullReason?: string;
  /** The delta from the previous sequence: its base, size in bytes, SHA-256 and change-log entries. */
  delta?: { base: number; bytes: number; sha256: string; changes: number };
  /** Deltas and full snapshots retention removed. */
  pruned: { fulls: number; deltas: number };
  /**
   * Split times: read the data, encode (check the data, digest and delta), snapshot (encode the
   * full snapshot, when made), sign (its signature and hash), store; `open` (set by the service) is
   * moving `/v1/verify` onto it.
   */
  ms: { load: number; encode: number; snapshot: number; sign: number; store: number; total: number; open?: number };
}

/**
 * Reads the registry (or takes `load`'s data), makes the next sequence's delta and — always, or
 * when `policy` says so — its full snapshot, signs them with the active key and stores them in
 * one transaction. Callers serialise publishes so sequences stay monotonic.
 */
export async function publishInThread(repos: Repositories, opts: PublishOptions): Promise<{ result: PublishResult; retained: RetainedState }> {
  const t0 = performance.now();
  const active = repos.keys.active();
  if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
  const forceFull = opts.forceFull === true || opts.fullRead === true || opts.policy === undefined;
  const { data, auditId, logSeq, deltaFrom, weigh } = repos.db.transaction(() => {
    const read = opts.load ? opts.load() : { data: loadRegistryData(repos), auditId: repos.audit.lastId(), logSeq: repos.changes.lastSeq() };
    return { ...read, deltaFrom: opts.fullRead ? undefined : deltaSource(repos, read.logSeq), weigh: policyInput(repos, opts.policy, forceFull) };
  })();
  const loadMs = performance.now() - t0;
  const { encoded, retained } = await encodeAndSign(
    data,
    { sequence: repos.snapshots.lastSequence() + 1, kid: active.kid, auditId, logSeq },
    readPrivateKey(opts.keyDir, active.kid),
    opts.ttlHours ?? DEFAULT_TTL_HOURS,
    (opts.now ?? Date.now)(),
    loadMs,
    deltaFrom,
    weigh,
    opts.held,
  );
  return { result: storeEncoded(repos, encoded, opts.policy?.chain), retained };
}

/** Publishes a full snapshot (and the delta to it): `zjmade-registry publish`. */
export async function publishSnapshot(repos: Repositories, opts: PublishOptions): Promise<PublishResult & StoredSnapshot> {
  const { result } = await publishInThread(repos, { ...opts, forceFull: true });
  return { ...result, ...result.full! };
}

/** The stored form of a full snapshot that was just encoded. */
export function storedFull(enc: EncodedPublish): StoredSnapshot | undefined {
  if (!enc.full) return undefined;
  const { sequence, kid, auditId, logSeq, issuedAt, expiresAt } = enc;
  return { sequence, bytes: enc.full.bytes, etag: etagFor(sequence), kid, auditId, logSeq, issuedAt, expiresAt, sha256: enc.full.sha256 };
}

/** Stores one sequence's delta and full snapshot together and prunes (this connection alone writes them). */
export function storeEncoded(repos: Repositories, enc: EncodedPublish, chain?: number): PublishResult {
  const t = performance.now();
  const { sequence, kid, auditId, logSeq, issuedAt, expiresAt, digest } = enc;
  const state: PublishedState = { sequence, kid, auditId, logSeq, issuedAt, expiresAt };
  const full = storedFull(enc);
  const pruned = repos.db.transaction(() => {
    if (full) repos.snapshots.save(full);
    if (enc.delta) repos.snapshots.saveDelta({ ...state, base: enc.delta.base, bytes: enc.delta.bytes, sha256: enc.delta.sha256 });
    return repos.snapshots.prune(chain);
  })();
  const store = performance.now() - t;
  return {
    ...state,
    digest,
    ...(full ? { full, fullReason: enc.fullReason ?? 'forced' } : {}),
    ...(enc.delta ? { delta: { base: enc.delta.base, bytes: enc.delta.bytes.byteLength, sha256: enc.delta.sha256, changes: enc.delta.changes } } : {}),
    pruned,
    ms: { ...enc.ms, store, total: enc.ms.load + enc.ms.encode + enc.ms.snapshot + enc.ms.sign + store },
  };
}
