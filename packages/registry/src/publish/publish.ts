import { type RegistryData, toCstIso } from '@zjmade/sdk';
import { encodeSnapshot, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
import { publishableData } from '../domain/publishable.js';
import { readPrivateKey } from '../keys/key-files.js';
import { loadRegistryData, type Repositories } from '../store/repositories.js';
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
  /** Split times: read the data, `encodeSnapshot`, sign, store; `open` (set by the service) is opening it for `/v1/verify`. */
  ms: { load: number; encode: number; sign: number; store: number; total: number; open?: number };
}

/**
 * Builds RegistryData from the DB, encodes it with the next sequence, signs it with the active key
 * and stores it. Callers serialise publishes (see `createPublisher`) so sequences stay monotonic.
 */
export async function publishSnapshot(repos: Repositories, opts: PublishOptions): Promise<PublishResult> {
  const t0 = performance.now();
  const active = repos.keys.active();
  if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
  const signer = await importSigningKey(readPrivateKey(opts.keyDir, active.kid));
  const { data, auditId, logSeq } = opts.load
    ? opts.load()
    : repos.db.transaction(() => ({ data: publishableData(loadRegistryData(repos)).data, auditId: repos.audit.lastId(), logSeq: repos.changes.lastSeq() }))();
  const t1 = performance.now();
  const nowMs = (opts.now ?? Date.now)();
  const ttlMs = (opts.ttlHours ?? DEFAULT_TTL_HOURS) * 3600_000;
  const sequence = repos.snapshots.lastSequence() + 1;
  const issuedAt = toCstIso(nowMs);
  const expiresAt = toCstIso(nowMs + ttlMs);
  const body = encodeSnapshot(data, { sequence, issuedAt, expiresAt });
  const t2 = performance.now();
  const bytes = await signSnapshot(body, signer);
  const t3 = performance.now();
  const stored: StoredSnapshot = { sequence, bytes, etag: etagFor(sequence), kid: active.kid, auditId, logSeq, issuedAt, expiresAt };
  repos.snapshots.save(stored);
  const t4 = performance.now();
  return { ...stored, ms: { load: t1 - t0, encode: t2 - t1, sign: t3 - t2, store: t4 - t3, total: t4 - t0 } };
}
