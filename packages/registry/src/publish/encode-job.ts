import { type RegistryData, toCstIso } from '@zjmade/sdk';
import { encodeSnapshot, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
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
  problems: PublishProblem[];
  ms: { load: number; encode: number; sign: number };
}

/** Encodes and signs `data` as snapshot `sequence` (shared by the worker and the in-thread path). */
export async function encodeAndSign(
  data: RegistryData,
  meta: { sequence: number; kid: string; auditId: number; logSeq: number },
  signingKey: JsonWebKey,
  ttlHours: number,
  nowMs: number,
  loadMs: number,
): Promise<EncodedSnapshot> {
  const checked = publishableData(data);
  const issuedAt = toCstIso(nowMs);
  const expiresAt = toCstIso(nowMs + ttlHours * 3600_000);
  const t1 = performance.now();
  const body = encodeSnapshot(checked.data, { sequence: meta.sequence, issuedAt, expiresAt });
  const t2 = performance.now();
  const bytes = await signSnapshot(body, await importSigningKey(signingKey));
  const t3 = performance.now();
  return { ...meta, issuedAt, expiresAt, bytes, problems: checked.problems, ms: { load: loadMs, encode: t2 - t1, sign: t3 - t2 } };
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
    return { data, kid: active.kid, auditId, logSeq, sequence: repos.snapshots.lastSequence() + 1 };
  })();
  const loadMs = performance.now() - t0;
  const { data, ...meta } = read;
  return encodeAndSign(data, meta, readPrivateKey(job.keyDir, meta.kid), job.ttlHours, job.nowMs, loadMs);
}

/** Closes the worker's connections (tests, shutdown). */
export function closeEncodeReaders(): void {
  for (const r of readers.values()) r.repos.db.close();
  readers.clear();
}
