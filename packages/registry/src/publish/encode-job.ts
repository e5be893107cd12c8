import { type RegistryData, toCstIso } from '@zjmade/sdk';
import { encodeDelta, encodeSnapshot, importSigningKey, signDelta, signSnapshot, stateDigest } from '@zjmade/sdk/publisher';
import type { ChangeEntry } from '../store/change-log.js';
import { buildDeltaChanges } from './build-delta.js';
import Database from 'better-sqlite3';
import { type PublishProblem, publishableData } from '../domain/publishable.js';
import { readPrivateKey } from '../keys/key-files.js';
import { createRegistryCache, type RegistryCache } from '../store/registry-cache.js';
import { type Repositories, repositories } from '../store/repositories.js';

export interface EncodeJob {
  dbPath: string;
  keyDir: string;
  ttlHours: number;
  nowMs: number;
  /** Read every table again instead of patching from the change log (after an unlogged write). */
  fullRead?: boolean;
}

/** A signed snapshot, ready to store: everything in it was read in one transaction. */
export interface EncodedSnapshot {
  sequence: number;
  kid: string;
  auditId: number;
  logSeq: number;
  issuedAt: string;
  expiresAt: string;
  bytes: Uint8Array;
  /** The signed delta from the previous snapshot (absent for the first, or after a bulk change). */
  delta?: { base: number; bytes: Uint8Array; changes: number };
  problems: PublishProblem[];
  ms: { load: number; encode: number; sign: number };
}

/** What a delta is made from: the previous snapshot and the change-log entries since it. */
export interface DeltaSource {
  base: number;
  entries: readonly ChangeEntry[];
}

/** Past this many change-log entries a delta would not be smaller than the full snapshot. */
export const DELTA_MAX_CHANGES = 20_000;

/** Encodes and signs `data` as snapshot `sequence` (shared by the worker and the in-thread path). */
export async function encodeAndSign(
  data: RegistryData,
  meta: { sequence: number; kid: string; auditId: number; logSeq: number },
  signingKey: JsonWebKey,
  ttlHours: number,
  nowMs: number,
  loadMs: number,
  deltaFrom?: DeltaSource,
): Promise<EncodedSnapshot> {
  const checked = publishableData(data);
  const issuedAt = toCstIso(nowMs);
  const expiresAt = toCstIso(nowMs + ttlHours * 3600_000);
  const t1 = performance.now();
  // The state digest goes into the snapshot's signed header and into the delta: a client that
  // applies the delta to the previous state proves it holds exactly this.
  const digest = await stateDigest(checked.data);
  const body = encodeSnapshot(checked.data, { sequence: meta.sequence, issuedAt, expiresAt, digest });
  const t2 = performance.now();
  const signer = await importSigningKey(signingKey);
  const bytes = await signSnapshot(body, signer);
  let delta: EncodedSnapshot['delta'];
  if (deltaFrom && deltaFrom.entries.length <= DELTA_MAX_CHANGES) {
    const changes = buildDeltaChanges(checked.data, deltaFrom.entries);
    const deltaBody = encodeDelta({ base: deltaFrom.base, sequence: meta.sequence, issuedAt, expiresAt, digest, ...changes });
    delta = { base: deltaFrom.base, bytes: await signDelta(deltaBody, signer), changes: deltaFrom.entries.length };
  }
  const t3 = performance.now();
  return { ...meta, issuedAt, expiresAt, bytes, ...(delta ? { delta } : {}), problems: checked.problems, ms: { load: loadMs, encode: t2 - t1, sign: t3 - t2 } };
}

/** A full read at least this often, whatever the change log says. */
const FULL_READ_EVERY_MS = 3600_000;
const readers = new Map<string, { repos: Repositories; cache: RegistryCache; fullAt: number }>();

/**
 * The work of one publish that can run off the main thread: a read-only connection of its own,
 * kept with its registry cache across jobs, reads what the change log says changed (WAL: writers
 * go on meanwhile), then encodes and signs. Storing the result is left to the caller's
 * connection, the only one that writes snapshots.
 */
export async function runEncodeJob(job: EncodeJob): Promise<EncodedSnapshot> {
  const t0 = performance.now();
  let reader = readers.get(job.dbPath);
  if (!reader) {
    const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const repos = repositories(db);
    reader = { repos, cache: createRegistryCache(repos, { watchDataVersion: false }), fullAt: 0 };
    readers.set(job.dbPath, reader);
  }
  const { repos, cache } = reader;
  if (job.fullRead || Date.now() - reader.fullAt > FULL_READ_EVERY_MS) {
    cache.drop();
    reader.fullAt = Date.now();
  }
  const read = repos.db.transaction(() => {
    const active = repos.keys.active();
    if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
    const { data, auditId, logSeq } = cache.read();
    return { data, kid: active.kid, auditId, logSeq, sequence: repos.snapshots.lastSequence() + 1, deltaFrom: deltaSource(repos, logSeq) };
  })();
  const loadMs = performance.now() - t0;
  const { data, deltaFrom, ...meta } = read;
  return encodeAndSign(data, meta, readPrivateKey(job.keyDir, meta.kid), job.ttlHours, job.nowMs, loadMs, deltaFrom);
}

/**
 * The previous snapshot and the change-log entries between it and `logSeq` (read in the caller's
 * transaction), or undefined when no delta can be made: no previous snapshot, one from before the
 * change log, or more changes than a delta is worth.
 */
export function deltaSource(repos: Repositories, logSeq: number): DeltaSource | undefined {
  const prev = repos.snapshots.latest();
  if (!prev || prev.logSeq < 0 || prev.logSeq > logSeq) return undefined;
  const entries = repos.changes.since(prev.logSeq, DELTA_MAX_CHANGES + 1).filter((e) => e.seq <= logSeq);
  if (entries.length > DELTA_MAX_CHANGES) return undefined;
  return { base: prev.sequence, entries };
}

/** Closes the worker's connections (tests, shutdown). */
export function closeEncodeReaders(): void {
  for (const r of readers.values()) r.repos.db.close();
  readers.clear();
}
