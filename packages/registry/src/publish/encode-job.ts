import { type RegistryData, toCstIso } from '@zjmade/sdk';
import { type DeltaCollection, DigestAccumulator, encodeDelta, encodeSnapshot, importSigningKey, type RegistryDelta, signDelta, signSnapshot, snapshotDigest, stateDigest } from '@zjmade/sdk/publisher';
import Database from 'better-sqlite3';
import { type PublishProblem, publishableData } from '../domain/publishable.js';
import { readPrivateKey } from '../keys/key-files.js';
import type { ChangeEntry } from '../store/change-log.js';
import { createRegistryCache, type RegistryCache } from '../store/registry-cache.js';
import { type Repositories, repositories } from '../store/repositories.js';
import { buildDeltaChanges } from './build-delta.js';
import { DEFAULT_FULL_POLICY, type FullPolicy, needsFull } from './full-policy.js';

/** One publish: read what changed, make its delta, and a full snapshot when the policy says so. */
export interface PublishJob {
  kind: 'publish';
  dbPath: string;
  keyDir: string;
  ttlHours: number;
  nowMs: number;
  /** Read every table again instead of patching from the change log (after an unlogged write); makes a full snapshot. */
  fullRead?: boolean;
  /** Make a full snapshot whatever the policy says. */
  forceFull?: boolean;
  policy?: FullPolicy;
}

/** The full snapshot of a sequence published as a delta only, from the data the worker kept. */
export interface FullJob {
  kind: 'full';
  dbPath: string;
  keyDir: string;
  sequence: number;
}

export type EncodeJob = PublishJob | FullJob;

/** A signed file and its SHA-256, as served. */
export interface SignedFile {
  bytes: Uint8Array;
  sha256: string;
}

/** One published sequence, ready to store: everything in it was read in one transaction. */
export interface EncodedPublish {
  sequence: number;
  kid: string;
  auditId: number;
  logSeq: number;
  issuedAt: string;
  expiresAt: string;
  /** The state digest after this sequence. */
  digest: string;
  /** The full snapshot, when the policy made one. */
  full?: SignedFile;
  /** The signed delta from the previous sequence (absent for the first, or after an unlogged or bulk change). */
  delta?: SignedFile & { base: number; changes: number };
  /** Why a full snapshot was made (absent when none was). */
  fullReason?: string;
  problems: PublishProblem[];
  /**
   * Worker split times: read the data, encode (check the data, the state digest and the delta),
   * snapshot (encode the full snapshot's body, when one is made) and sign (its Ed25519 signature
   * and SHA-256).
   */
  ms: { load: number; encode: number; snapshot: number; sign: number };
}

/** What a delta is made from: the previous sequence and the change-log entries since it. */
export interface DeltaSource {
  base: number;
  entries: readonly ChangeEntry[];
}

/** Past this many change-log entries a delta would not be smaller than the full snapshot. */
export const DELTA_MAX_CHANGES = 20_000;

/** The published data of one sequence, kept to encode its full snapshot when one is asked for. */
export interface RetainedState {
  sequence: number;
  kid: string;
  issuedAt: string;
  expiresAt: string;
  digest: string;
  data: RegistryData;
}

const KEY_FIELD: Record<DeltaCollection, string> = { enterprises: 'uscc', standards: 'code', evaluations: 'id', stores: 'key', bindings: 'key', sanctions: 'id' };
const COLLECTIONS = Object.keys(KEY_FIELD) as DeltaCollection[];

/**
 * The published records of one sequence by key, with its state digest: enough to update the digest
 * for a delta without hashing every record again (at 10× that is seconds per publish).
 */
export interface DigestIndex {
  sequence: number;
  digest: string;
  meta: RegistryData['meta'];
  records: Record<DeltaCollection, Map<string, object>>;
}

function indexOf(data: RegistryData, sequence: number, digest: string): DigestIndex {
  const records = {} as DigestIndex['records'];
  for (const c of COLLECTIONS) records[c] = new Map((data[c] as readonly object[]).map((r) => [(r as Record<string, string>)[KEY_FIELD[c]]!, r]));
  return { sequence, digest, meta: data.meta, records };
}

/** The digest after `changes`, from the previous one: minus each record replaced or removed, plus each new one; updates `index` to match. */
async function advanceDigest(index: DigestIndex, changes: Pick<RegistryDelta, 'upsert' | 'remove' | 'meta'>, sequence: number): Promise<string> {
  const acc = new DigestAccumulator(index.digest);
  for (const c of COLLECTIONS) {
    const m = index.records[c];
    for (const r of (changes.upsert[c] ?? []) as object[]) {
      const k = (r as Record<string, string>)[KEY_FIELD[c]]!;
      const old = m.get(k);
      if (old) acc.remove(c, old);
      acc.add(c, r);
      m.set(k, r);
    }
    for (const k of changes.remove[c] ?? []) {
      const old = m.get(k);
      if (old) acc.remove(c, old);
      m.delete(k);
    }
  }
  if (changes.meta) {
    acc.remove('meta', index.meta);
    acc.add('meta', changes.meta);
    index.meta = changes.meta;
  }
  index.digest = await acc.value();
  index.sequence = sequence;
  return index.digest;
}

type CheckedTable = 'evaluations' | 'stores' | 'bindings' | 'sanctions';
const CHECKED_TABLES: readonly CheckedTable[] = ['evaluations', 'stores', 'bindings', 'sanctions'];

/** What `publishableData` made of each table last time, by the table's array (the registry cache makes a new one for every changed table). */
export type PublishableMemo = Partial<Record<CheckedTable, { rows: readonly object[]; out: readonly object[]; problems: PublishProblem[] }>>;

/**
 * `publishableData`, table by table (it checks each table alone), reusing the previous result for
 * every table whose array is the one checked last time: a suspension then checks the evaluations,
 * not the 1,500,000 bindings of a 10× registry (seconds a publish at load).
 */
export function publishableTables(data: RegistryData, memo: PublishableMemo | undefined): { data: RegistryData; problems: PublishProblem[] } {
  if (!memo) return publishableData(data);
  const none = { ...data, evaluations: [], stores: [], bindings: [], sanctions: [] } as RegistryData;
  const out = { ...data } as Record<CheckedTable, readonly object[]>;
  const problems: PublishProblem[] = [];
  for (const t of CHECKED_TABLES) {
    let m = memo[t];
    if (m?.rows !== data[t]) {
      const one = publishableData({ ...none, [t]: data[t] });
      m = { rows: data[t], out: one.data[t], problems: one.problems };
      memo[t] = m;
    }
    out[t] = m.out;
    problems.push(...m.problems);
  }
  return { data: out as unknown as RegistryData, problems };
}

/** The previous full snapshot, as the policy weighs it. */
export interface PolicyInput {
  policy: FullPolicy;
  lastFull?: { sequence: number; issuedAt: string; size: number; kid: string };
  /** The key this publish signs with. */
  activeKid?: string;
  /** Deltas published after `lastFull`, and their bytes. */
  since: { count: number; bytes: number };
  forceFull: boolean;
}

/**
 * Encodes and signs sequence `meta.sequence` of `data`: its state digest, the delta from
 * `deltaFrom` when there is one, and the full snapshot when the policy asks for one (shared by the
 * worker and the in-thread path).
 */
export async function encodeAndSign(
  data: RegistryData,
  meta: { sequence: number; kid: string; auditId: number; logSeq: number },
  signingKey: JsonWebKey,
  ttlHours: number,
  nowMs: number,
  loadMs: number,
  deltaFrom: DeltaSource | undefined,
  weigh: PolicyInput,
  /** The previous sequence's records by key (kept by the caller across publishes): the digest is then updated, not recomputed. */
  held?: { index?: DigestIndex; publishable?: PublishableMemo },
): Promise<{ encoded: EncodedPublish; retained: RetainedState }> {
  const t1 = performance.now();
  const checked = publishableTables(data, held?.publishable);
  const issuedAt = toCstIso(nowMs);
  const expiresAt = toCstIso(nowMs + ttlHours * 3600_000);
  // The state digest goes into the delta and the full snapshot's signed header: a client that
  // applies the delta to the previous state proves it holds exactly this. With the previous
  // sequence's records at hand it is updated from the changes alone.
  const signer = await importSigningKey(signingKey);
  const changes = deltaFrom && deltaFrom.entries.length <= DELTA_MAX_CHANGES ? buildDeltaChanges(checked.data, deltaFrom.entries) : undefined;
  const incremental = changes && held?.index?.sequence === deltaFrom!.base;
  let digest = incremental ? await advanceDigest(held!.index!, changes, meta.sequence) : await stateDigest(checked.data);
  let delta: EncodedPublish['delta'];
  if (changes) {
    const bytes = await signDelta(encodeDelta({ base: deltaFrom!.base, sequence: meta.sequence, issuedAt, expiresAt, digest, ...changes }), signer);
    delta = { base: deltaFrom!.base, bytes, sha256: await snapshotDigest(bytes), changes: deltaFrom!.entries.length };
  }
  let reason = needsFull({ ...weigh, forceFull: weigh.forceFull || !delta }, delta?.bytes.byteLength ?? 0, nowMs);
  // Every full snapshot checks the updated digest against one of every record: should they ever
  // differ, the full snapshot (and its true digest) is what clients get, and no delta.
  if (reason && incremental) {
    const whole = await stateDigest(checked.data);
    if (whole !== digest) {
      digest = whole;
      delta = undefined;
      reason = 'digest-check';
    }
  }
  if (held && (!incremental || reason === 'digest-check')) held.index = indexOf(checked.data, meta.sequence, digest);
  const t2 = performance.now();
  const retained: RetainedState = { sequence: meta.sequence, kid: meta.kid, issuedAt, expiresAt, digest, data: checked.data };
  const full = reason ? await encodeFullTimed(retained, signer) : undefined;
  const encoded: EncodedPublish = {
    ...meta,
    issuedAt,
    expiresAt,
    digest,
    ...(full ? { full: full.file, fullReason: reason } : {}),
    ...(delta ? { delta } : {}),
    problems: checked.problems,
    ms: { load: loadMs, encode: t2 - t1, snapshot: full?.encodeMs ?? 0, sign: full?.signMs ?? 0 },
  };
  return { encoded, retained };
}

/** The full snapshot of a retained state: byte for byte what a full publish of it would have made. */
export async function encodeFull(state: RetainedState, signer: { privateKey: CryptoKey; kid: string }): Promise<SignedFile> {
  return (await encodeFullTimed(state, signer)).file;
}

/** `encodeFull`, timing the body's encoding apart from its signature and hash (one signature over a hash is microseconds; the encoding is not). */
async function encodeFullTimed(state: RetainedState, signer: { privateKey: CryptoKey; kid: string }): Promise<{ file: SignedFile; encodeMs: number; signMs: number }> {
  const t0 = performance.now();
  const body = encodeSnapshot(state.data, { sequence: state.sequence, issuedAt: state.issuedAt, expiresAt: state.expiresAt, digest: state.digest });
  const t1 = performance.now();
  const bytes = await signSnapshot(body, signer);
  const file = { bytes, sha256: await snapshotDigest(bytes) };
  return { file, encodeMs: t1 - t0, signMs: performance.now() - t1 };
}

/** The policy's inputs, read in the caller's transaction. */
export function policyInput(repos: Repositories, policy: FullPolicy | undefined, forceFull: boolean): PolicyInput {
  const lastFull = repos.snapshots.latestInfo();
  const activeKid = repos.keys.active()?.kid;
  return {
    policy: policy ?? DEFAULT_FULL_POLICY,
    ...(lastFull ? { lastFull } : {}),
    ...(activeKid ? { activeKid } : {}),
    since: repos.snapshots.deltasSince(lastFull?.sequence ?? 0),
    forceFull,
  };
}

/** A full read at least this often, whatever the change log says. */
const FULL_READ_EVERY_MS = 3600_000;
interface Reader {
  repos: Repositories;
  cache: RegistryCache;
  fullAt: number;
  retained?: RetainedState;
  held: { index?: DigestIndex; publishable?: PublishableMemo };
}
const readers = new Map<string, Reader>();

function readerFor(dbPath: string): Reader {
  let reader = readers.get(dbPath);
  if (!reader) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const repos = repositories(db);
    reader = { repos, cache: createRegistryCache(repos, { watchDataVersion: false }), fullAt: 0, held: { publishable: {} } };
    readers.set(dbPath, reader);
  }
  return reader;
}

/**
 * The work of one publish that can run off the main thread: a read-only connection of its own,
 * kept with its registry cache across jobs, reads what the change log says changed (WAL: writers
 * go on meanwhile), then encodes and signs. Storing the result is left to the caller's
 * connection, the only one that writes snapshots. A `full` job encodes the full snapshot of the
 * sequence this worker last published, from the data it kept.
 */
export async function runEncodeJob(job: EncodeJob): Promise<EncodedPublish> {
  const reader = readerFor(job.dbPath);
  if (job.kind === 'full') {
    const state = reader.retained;
    if (state?.sequence !== job.sequence) throw new Error(`the encode worker no longer holds sequence ${job.sequence}`);
    const { file: full, encodeMs, signMs } = await encodeFullTimed(state, await importSigningKey(readPrivateKey(job.keyDir, state.kid)));
    return { sequence: state.sequence, kid: state.kid, auditId: -1, logSeq: -1, issuedAt: state.issuedAt, expiresAt: state.expiresAt, digest: state.digest, full, problems: [], ms: { load: 0, encode: 0, snapshot: encodeMs, sign: signMs } };
  }
  const t0 = performance.now();
  const { repos, cache } = reader;
  if (job.fullRead || Date.now() - reader.fullAt > FULL_READ_EVERY_MS) {
    cache.drop();
    reader.fullAt = Date.now();
  }
  if (job.fullRead) {
    // Nothing kept is of use after an unlogged write (no delta, every digest input anew), and the
    // data read now would otherwise live beside the copy kept since the previous publish: two
    // copies of the registry at the peak, every time.
    reader.retained = undefined;
    reader.held = { publishable: {} };
  }
  const read = repos.db.transaction(() => {
    const active = repos.keys.active();
    if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
    const { data, auditId, logSeq } = cache.read();
    // After an unlogged write the log does not say everything that changed: no delta then.
    const deltaFrom = job.fullRead ? undefined : deltaSource(repos, logSeq);
    return { data, kid: active.kid, auditId, logSeq, sequence: repos.snapshots.lastSequence() + 1, deltaFrom, weigh: policyInput(repos, job.policy, job.forceFull === true || job.fullRead === true) };
  })();
  const loadMs = performance.now() - t0;
  const { data, deltaFrom, weigh, ...meta } = read;
  const { encoded, retained } = await encodeAndSign(data, meta, readPrivateKey(job.keyDir, meta.kid), job.ttlHours, job.nowMs, loadMs, deltaFrom, weigh, reader.held);
  reader.retained = retained;
  return encoded;
}

/**
 * The previous sequence and the change-log entries between it and `logSeq` (read in the caller's
 * transaction), or undefined when no delta can be made: nothing published yet, a sequence from
 * before the change log, or more changes than a delta is worth.
 */
export function deltaSource(repos: Repositories, logSeq: number): DeltaSource | undefined {
  const prev = repos.snapshots.head();
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
