import type { Db } from './db.js';

export interface StoredSnapshot {
  sequence: number;
  bytes: Uint8Array;
  etag: string;
  kid: string;
  /** The newest audit entry the snapshot includes: a newer one means the data changed since. */
  auditId: number;
  /** The newest change-log entry the snapshot includes (-1: unknown, from before the change log). */
  logSeq: number;
  issuedAt: string;
  expiresAt: string;
}

interface Row {
  sequence: number;
  bytes: Buffer;
  etag: string;
  kid: string;
  audit_id: number;
  log_seq: number;
  issued_at: string;
  expires_at: string;
}

/** Older snapshots are pruned beyond this many; clients only ever need the current one. */
const KEEP = 5;
/** Deltas kept: enough for a client that was offline for a week of hourly publishes. */
const KEEP_DELTAS = 24 * 7 * 4;

/** A strong ETag derived from the sequence: one sequence, one exact byte string. */
export function etagFor(sequence: number): string {
  return `"zjm-${sequence}"`;
}

export function snapshotRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO snapshots (sequence, bytes, etag, kid, audit_id, log_seq, issued_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const latest = db.prepare('SELECT * FROM snapshots ORDER BY sequence DESC LIMIT 1');
  const lastSeq = db.prepare('SELECT COALESCE(MAX(sequence), 0) AS n FROM snapshots');
  const prune = db.prepare('DELETE FROM snapshots WHERE sequence <= ?');
  const insertDelta = db.prepare('INSERT INTO deltas (sequence, base, bytes, created_at) VALUES (?, ?, ?, ?)');
  const getDelta = db.prepare('SELECT base, bytes FROM deltas WHERE sequence = ?');
  const oldestDelta = db.prepare('SELECT MIN(sequence) AS n FROM deltas');
  const pruneDeltas = db.prepare('DELETE FROM deltas WHERE sequence <= ?');
  return {
    lastSequence(): number {
      return (lastSeq.get() as { n: number }).n;
    },
    latest(): StoredSnapshot | undefined {
      const r = latest.get() as Row | undefined;
      if (!r) return undefined;
      return {
        sequence: r.sequence,
        bytes: new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength),
        etag: r.etag,
        kid: r.kid,
        auditId: r.audit_id,
        logSeq: r.log_seq,
        issuedAt: r.issued_at,
        expiresAt: r.expires_at,
      };
    },
    /** Stores the signed delta that leads to `sequence`; a week of them is kept (one per publish). */
    saveDelta(sequence: number, base: number, bytes: Uint8Array): void {
      insertDelta.run(sequence, base, Buffer.from(bytes), new Date().toISOString());
      pruneDeltas.run(sequence - KEEP_DELTAS);
    },
    delta(sequence: number): { base: number; bytes: Uint8Array } | undefined {
      const r = getDelta.get(sequence) as { base: number; bytes: Buffer } | undefined;
      return r && { base: r.base, bytes: new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength) };
    },
    /** The sequence of the oldest delta kept (clients older than its base need a full snapshot). */
    oldestDelta(): number | undefined {
      return (oldestDelta.get() as { n: number | null }).n ?? undefined;
    },
    save(s: StoredSnapshot): void {
      insert.run(s.sequence, Buffer.from(s.bytes), s.etag, s.kid, s.auditId, s.logSeq, s.issuedAt, s.expiresAt, new Date().toISOString());
      prune.run(s.sequence - KEEP);
    },
  };
}
