import { type RegistryData, toCstIso } from '@zjmade/sdk';
import { encodeSnapshot, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
import Database from 'better-sqlite3';
import { type PublishProblem, publishableData } from '../domain/publishable.js';
import { readPrivateKey } from '../keys/key-files.js';
import { loadRegistryData, repositories } from '../store/repositories.js';

export interface EncodeJob {
  dbPath: string;
  keyDir: string;
  ttlHours: number;
  nowMs: number;
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

/**
 * The work of one publish that can run off the main thread: a read-only connection of its own
 * reads the whole registry in one transaction (WAL: writers go on meanwhile), then encodes and
 * signs. Storing the result is left to the caller's connection, the only one that writes
 * snapshots, so its own writes never look like another process's.
 */
export async function runEncodeJob(job: EncodeJob): Promise<EncodedSnapshot> {
  const t0 = performance.now();
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const repos = repositories(db);
    const read = db.transaction(() => {
      const active = repos.keys.active();
      if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
      return {
        data: loadRegistryData(repos),
        kid: active.kid,
        auditId: repos.audit.lastId(),
        logSeq: repos.changes.lastSeq(),
        sequence: repos.snapshots.lastSequence() + 1,
      };
    })();
    const loadMs = performance.now() - t0;
    const { data, ...meta } = read;
    return await encodeAndSign(data, meta, readPrivateKey(job.keyDir, meta.kid), job.ttlHours, job.nowMs, loadMs);
  } finally {
    db.close();
  }
}
