import type { RegistryData } from '@zjmade/sdk';
import { readPrivateKey } from '../keys/key-files.js';
import { loadRegistryData, type Repositories } from '../store/repositories.js';
import { deltaSource, type EncodedSnapshot, encodeAndSign } from './encode-job.js';
import { etagFor, type StoredSnapshot } from '../store/snapshots.js';

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
}

export interface PublishResult extends StoredSnapshot {
  /** The delta from the previous snapshot: its base, size in bytes and change-log entries. */
  delta?: { base: number; bytes: number; changes: number };
  /** Split times: read the data, `encodeSnapshot`, sign, store; `open` (set by the service) is opening it for `/v1/verify`. */
  ms: { load: number; encode: number; sign: number; store: number; total: number; open?: number };
}

/**
 * Reads the registry (or takes `load`'s data), encodes it with the next sequence and its state
 * digest, signs it with the active key, makes the signed delta from the previous snapshot, and
 * stores both in one transaction. Callers serialise publishes so sequences stay monotonic.
 */
export async function publishSnapshot(repos: Repositories, opts: PublishOptions): Promise<PublishResult> {
  const t0 = performance.now();
  const active = repos.keys.active();
  if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
  const { data, auditId, logSeq, deltaFrom } = repos.db.transaction(() => {
    const read = opts.load ? opts.load() : { data: loadRegistryData(repos), auditId: repos.audit.lastId(), logSeq: repos.changes.lastSeq() };
    return { ...read, deltaFrom: deltaSource(repos, read.logSeq) };
  })();
  const loadMs = performance.now() - t0;
  const encoded = await encodeAndSign(
    data,
    { sequence: repos.snapshots.lastSequence() + 1, kid: active.kid, auditId, logSeq },
    readPrivateKey(opts.keyDir, active.kid),
    opts.ttlHours ?? DEFAULT_TTL_HOURS,
    (opts.now ?? Date.now)(),
    loadMs,
    deltaFrom,
  );
  return storeEncoded(repos, encoded);
}

/** Stores a signed snapshot and its delta together (this connection alone writes them). */
export function storeEncoded(repos: Repositories, enc: EncodedSnapshot): PublishResult {
  const t = performance.now();
  const stored: StoredSnapshot = { sequence: enc.sequence, bytes: enc.bytes, etag: etagFor(enc.sequence), kid: enc.kid, auditId: enc.auditId, logSeq: enc.logSeq, issuedAt: enc.issuedAt, expiresAt: enc.expiresAt };
  repos.db.transaction(() => {
    repos.snapshots.save(stored);
    if (enc.delta) repos.snapshots.saveDelta(enc.sequence, enc.delta.base, enc.delta.bytes);
  })();
  const store = performance.now() - t;
  return { ...stored, ...(enc.delta ? { delta: { base: enc.delta.base, bytes: enc.delta.bytes.byteLength, changes: enc.delta.changes } } : {}), ms: { ...enc.ms, store, total: enc.ms.load + enc.ms.encode + enc.ms.sign + store } };
}
