import type { Db } from './db.js';

/** A signed full snapshot, as stored and as `/v1/snapshots/{sequence}` serves it. */
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
  /** Lower-case hex SHA-256 of `bytes` ('' when stored before it was recorded). */
  sha256?: string;
}

/** What one published sequence is, whether a full snapshot or a delta carries it. */
export interface PublishedState {
  sequence: number;
  kid: string;
  auditId: number;
  logSeq: number;
  issuedAt: string;
  expiresAt: string;
}

/** A signed delta from `base` to `sequence`, with the state it leads to. */
export interface StoredDelta extends PublishedState {
  base: number;
  bytes: Uint8Array;
  sha256: string;
}

/** A delta without its bytes: what the pointer lists. */
export type DeltaEntry = Omit<StoredDelta, 'bytes'> & { size: number };

interface SnapshotRow {
  sequence: number;
  bytes: Buffer;
  etag: string;
  kid: string;
  audit_id: number;
  log_seq: number;
  issued_at: string;
  expires_at: string;
  sha256: string;
}

interface DeltaRow {
  sequence: number;
  base: number;
  bytes?: Buffer;
  size?: number;
  kid: string;
  audit_id: number;
  log_seq: number;
  issued_at: string;
  expires_at: string;
  sha256: string;
}

/**
 * Retention: full snapshots kept (the newest and two before it, for clients mid-download), and
 * deltas kept beyond those after the newest full snapshot (which the server needs to rebuild its
 * state) — the pointer's chain. The publish policy makes a full snapshot before the deltas since
 * the last one reach `CHAIN_LENGTH`, so at most about 2 × CHAIN_LENGTH deltas are ever stored.
 */
export const KEEP_FULLS = 3;
export const CHAIN_LENGTH = 24;

/** A strong ETag derived from the sequence: one sequence, one exact byte string. */
export function etagFor(sequence: number): string {
  return `"zjm-${sequence}"`;
}

const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function snapshotOf(r: SnapshotRow): StoredSnapshot {
  return {
    sequence: r.sequence,
    bytes: view(r.bytes),
    etag: r.etag,
    kid: r.kid,
    auditId: r.audit_id,
    logSeq: r.log_seq,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    ...(r.sha256 ? { sha256: r.sha256 } : {}),
  };
}

function stateOf(r: Pick<DeltaRow, 'sequence' | 'kid' | 'audit_id' | 'log_seq' | 'issued_at' | 'expires_at'>): PublishedState {
  return { sequence: r.sequence, kid: r.kid, auditId: r.audit_id, logSeq: r.log_seq, issuedAt: r.issued_at, expiresAt: r.expires_at };
}

function deltaOf(r: DeltaRow): StoredDelta {
  return { ...stateOf(r), base: r.base, bytes: view(r.bytes!), sha256: r.sha256 };
}

export function snapshotRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO snapshots (sequence, bytes, etag, kid, audit_id, log_seq, issued_at, expires_at, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const latest = db.prepare('SELECT * FROM snapshots ORDER BY sequence DESC LIMIT 1');
  // Without the bytes: the head is read on every publish, and at 10× the blob is tens of MB.
  const latestState = db.prepare('SELECT sequence, kid, audit_id, log_seq, issued_at, expires_at FROM snapshots ORDER BY sequence DESC LIMIT 1');
  const bySequence = db.prepare('SELECT * FROM snapshots WHERE sequence = ?');
  const latestInfo = db.prepare('SELECT sequence, issued_at, length(bytes) AS size, sha256, kid FROM snapshots ORDER BY sequence DESC LIMIT 1');
  const lastSeq = db.prepare('SELECT MAX(COALESCE((SELECT MAX(sequence) FROM snapshots), 0), COALESCE((SELECT MAX(sequence) FROM deltas), 0)) AS n');
  const fullCount = db.prepare('SELECT COUNT(*) AS n FROM snapshots');
  const fullSequences = db.prepare('SELECT sequence FROM snapshots ORDER BY sequence DESC');
  const pruneFulls = db.prepare('DELETE FROM snapshots WHERE sequence < ?');
  const insertDelta = db.prepare(
    'INSERT INTO deltas (sequence, base, bytes, kid, audit_id, log_seq, issued_at, expires_at, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const getDelta = db.prepare('SELECT * FROM deltas WHERE sequence = ?');
  const lastDelta = db.prepare('SELECT sequence, kid, audit_id, log_seq, issued_at, expires_at FROM deltas ORDER BY sequence DESC LIMIT 1');
  const deltasAfter = db.prepare('SELECT * FROM deltas WHERE sequence > ? ORDER BY sequence');
  const newestDeltas = db.prepare(
    'SELECT sequence, base, length(bytes) AS size, kid, audit_id, log_seq, issued_at, expires_at, sha256 FROM deltas ORDER BY sequence DESC LIMIT ?',
  );
  const deltaBytesAfter = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(length(bytes)), 0) AS bytes FROM deltas WHERE sequence > ?');
  const oldestDelta = db.prepare('SELECT MIN(sequence) AS n FROM deltas');
  const pruneDeltas = db.prepare('DELETE FROM deltas WHERE sequence <= ?');
  const deltaCount = db.prepare('SELECT COUNT(*) AS n FROM deltas');

  const repo = {
    /** The newest published sequence, full or delta (0 before the first publish). */
    lastSequence(): number {
      return (lastSeq.get() as { n: number }).n;
    },
    /** The newest FULL snapshot. */
    latest(): StoredSnapshot | undefined {
      const r = latest.get() as SnapshotRow | undefined;
      return r && snapshotOf(r);
    },
    /** The newest full snapshot without its bytes. */
    latestInfo(): { sequence: number; issuedAt: string; size: number; sha256: string; kid: string } | undefined {
      const r = latestInfo.get() as { sequence: number; issued_at: string; size: number; sha256: string; kid: string } | undefined;
      return r && { sequence: r.sequence, issuedAt: r.issued_at, size: r.size, sha256: r.sha256, kid: r.kid };
    },
    full(sequence: number): StoredSnapshot | undefined {
      const r = bySequence.get(sequence) as SnapshotRow | undefined;
      return r && snapshotOf(r);
    },
    /** The newest published state: the newest delta's, or the newest full snapshot's when that is newer. */
    head(): PublishedState | undefined {
      const full = latestState.get() as DeltaRow | undefined;
      const delta = lastDelta.get() as DeltaRow | undefined;
      if (delta && (!full || delta.sequence > full.sequence)) return stateOf(delta);
      return full && stateOf(full);
    },
    /** Stores the signed delta that leads to `d.sequence`. */
    saveDelta(d: StoredDelta): void {
      insertDelta.run(d.sequence, d.base, Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength), d.kid, d.auditId, d.logSeq, d.issuedAt, d.expiresAt, d.sha256, new Date().toISOString());
    },
    delta(sequence: number): StoredDelta | undefined {
      const r = getDelta.get(sequence) as DeltaRow | undefined;
      return r && deltaOf(r);
    },
    /** Every stored delta after `sequence`, oldest first (the server rebuilds its state from them). */
    deltasAfter(sequence: number): StoredDelta[] {
      return (deltasAfter.all(sequence) as DeltaRow[]).map(deltaOf);
    },
    /** The newest `n` deltas without their bytes, oldest first (what the pointer lists). */
    newestDeltas(n: number): DeltaEntry[] {
      return (newestDeltas.all(n) as DeltaRow[]).reverse().map((r) => ({ ...stateOf(r), base: r.base, sha256: r.sha256, size: r.size! }));
    },
    /** How many deltas, and how many bytes of them, were published after `sequence`. */
    deltasSince(sequence: number): { count: number; bytes: number } {
      const r = deltaBytesAfter.get(sequence) as { n: number; bytes: number };
      return { count: r.n, bytes: r.bytes };
    },
    /** The sequence of the oldest delta kept (clients older than its base need a full snapshot). */
    oldestDelta(): number | undefined {
      return (oldestDelta.get() as { n: number | null }).n ?? undefined;
    },
    save(s: StoredSnapshot): void {
      insert.run(s.sequence, Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength), s.etag, s.kid, s.auditId, s.logSeq, s.issuedAt, s.expiresAt, s.sha256 ?? '', new Date().toISOString());
    },
    /**
     * Deletes what no one needs any more: full snapshots beyond the newest `KEEP_FULLS`, and the
     * deltas that are neither after the newest full snapshot nor among the newest `chain`.
     */
    prune(chain = CHAIN_LENGTH): { fulls: number; deltas: number } {
      const fulls = (fullSequences.all() as { sequence: number }[]).map((r) => r.sequence);
      let prunedFulls = 0;
      if (fulls.length > KEEP_FULLS) prunedFulls = pruneFulls.run(fulls[KEEP_FULLS - 1]!).changes;
      const newest = newestDeltas.all(chain) as DeltaRow[];
      const oldestInChain = newest.length ? newest[newest.length - 1]!.sequence : Number.POSITIVE_INFINITY;
      const keepFrom = Math.min(oldestInChain, (fulls[0] ?? 0) + 1);
      const prunedDeltas = Number.isFinite(keepFrom) ? pruneDeltas.run(keepFrom - 1).changes : 0;
      return { fulls: prunedFulls, deltas: prunedDeltas };
    },
    /** How many full snapshots and deltas are stored (retention tests, health). */
    counts(): { fulls: number; deltas: number } {
      return { fulls: (fullCount.get() as { n: number }).n, deltas: (deltaCount.get() as { n: number }).n };
    },
  };
  return repo;
}
export type SnapshotRepo = ReturnType<typeof snapshotRepo>;
