import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { createMemoryView, openSnapshot, type RegistryData, type RegistryView, type SnapshotVerifier, type TrustedKey } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import { importSigningKey } from '@zjmade/sdk/publisher';
import { type PublishProblem, publishableData } from './domain/publishable.js';
import { readPrivateKey } from './keys/key-files.js';
import { type DigestIndex, type EncodedPublish, encodeFull, type RetainedState } from './publish/encode-job.js';
import { createEncodeThread } from './publish/encode-thread.js';
import { DEFAULT_FULL_POLICY, type FullPolicy } from './publish/full-policy.js';
import { DEFAULT_TTL_HOURS, publishInThread, type PublishResult, storedFull, storeEncoded } from './publish/publish.js';
import { storageErrorCode } from './store/storage-errors.js';
import { createRegistryCache } from './store/registry-cache.js';
import type { Repositories } from './store/repositories.js';
import { etagFor, type PublishedState, type StoredSnapshot } from './store/snapshots.js';

const gzipAsync = promisify(gzipCallback);

/** The newest published state, as `/v1/verify` answers from it. */
export interface CurrentSnapshot {
  /** The head: the newest sequence, whether a full snapshot or a delta carried it. */
  stored: PublishedState & { etag: string };
  /** The published state opened with the SDK and the registry's own keys (a full snapshot plus the deltas since). */
  verifier: SnapshotVerifier;
  /** `{"sequence":…,"issuedAt":…}`, as `/v1/verify` responses carry it. */
  snapshotJson: string;
}

/** A full snapshot file as `/v1/snapshot` serves it, with its gzip made (off the main thread) on first request. */
export interface FullFile {
  snapshot: StoredSnapshot;
  gzip(): Promise<Uint8Array>;
}

export interface RegistryService {
  readonly repos: Repositories;
  readonly keyDir: string;
  current(): CurrentSnapshot | undefined;
  /**
   * The full snapshot of the current state (`/v1/snapshot`): the stored one when the head is a
   * full snapshot, else encoded once per sequence in the encode worker from the data it published.
   */
  fullSnapshot(): Promise<FullFile | undefined>;
  /** A stored full snapshot by sequence (`/v1/snapshots/{sequence}`: what the pointer names). */
  storedFull(sequence: number): FullFile | undefined;
  jwks(): { keys: TrustedKey[] };
  /**
   * Publishes a new sequence and swaps it in. Publishes run one at a time; one that has not
   * started yet is joined. What changed is read from the change log; `fullRead` reads everything
   * (for data changed behind the registry's back).
   */
  publish(opts?: { fullRead?: boolean; forceFull?: boolean }): Promise<PublishResult>;
  /** Loads the latest stored snapshot (or publishes one when none fits) and starts the refresh timer. */
  start(): Promise<void>;
  stop(): void;
  /**
   * A view over exactly the data the current snapshot was made from, with the look-ups brand-owner
   * coverage needs (stores per enterprise, bindings per store) that the snapshot view lacks. Built
   * on first use per snapshot sequence; its `source` is the snapshot's.
   */
  coverageView(): Promise<RegistryView | undefined>;
  /** The data the current snapshot was encoded from, when this process published it. */
  data(): RegistryData | undefined;
  lastPublishMs(): number | undefined;
  /** Whether what is committed is also published, and what publishing had to leave out. */
  publishHealth(): PublishHealth;
}

export interface PublishHealth {
  /** `ok`; `degraded`: published, but some stored records had to be left out or changed; `failing`: the last publish failed. */
  state: 'ok' | 'degraded' | 'failing';
  problems: PublishProblem[];
  /** Committed writes the current snapshot does not include yet (a publish failed or is pending). */
  unpublished: boolean;
  lastSuccessAt: string | null;
  lastFailure: { at: string; message: string; code: string } | null;
  /** When the next attempt after a failure runs. */
  retryAt: string | null;
}

export type { DataTable } from './store/registry-cache.js';

export interface ServiceOptions {
  keyDir: string;
  ttlHours?: number;
  onError?: (error: unknown) => void;
  /** Called after each publish with its split times. */
  onPublish?: (result: PublishResult) => void;
  /** Called once per stored record that publishing had to leave out or change. */
  onProblem?: (problem: PublishProblem) => void;
  /** How often to look for writes made by another process (an `import` while serving); 0 turns it off. */
  watchMs?: number;
  /** How long a publish waits for more writes of the same burst before it reads (default 50 ms). */
  debounceMs?: number;
  /**
   * Read, encode and sign each snapshot in a worker thread with its own read-only connection, so
   * a publish never stalls the server's readers (default: on for a database file).
   */
  encodeInWorker?: boolean;
  /** When a publish also makes a full snapshot (default: daily, or when the deltas since weigh half of it, or 24 of them). */
  fullPolicy?: Partial<FullPolicy>;
}

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
const DEFAULT_WATCH_MS = 2_000;
const DEFAULT_DEBOUNCE_MS = 50;

const headOf = (s: PublishedState): CurrentSnapshot['stored'] => ({
  sequence: s.sequence,
  kid: s.kid,
  auditId: s.auditId,
  logSeq: s.logSeq,
  issuedAt: s.issuedAt,
  expiresAt: s.expiresAt,
  etag: etagFor(s.sequence),
});

function currentOf(head: PublishedState, verifier: SnapshotVerifier): CurrentSnapshot {
  return { stored: headOf(head), verifier, snapshotJson: JSON.stringify({ sequence: head.sequence, issuedAt: head.issuedAt }) };
}

/** Opens a full snapshot (a `/v1/verify` replica's or the registry's on start). */
export async function openCurrent(stored: StoredSnapshot, keys: readonly TrustedKey[]): Promise<CurrentSnapshot> {
  return currentOf(stored, await openSnapshot(stored.bytes, { trustedKeys: keys }));
}

/**
 * Moves `current` on by one signed delta: checked (signature, base, expiry, state digest) and
 * applied over the state held, never re-opening a full snapshot. What a delta costs the main
 * thread is what it changes, not the registry's size.
 */
export async function advanceCurrent(current: CurrentSnapshot, bytes: Uint8Array, keys: readonly TrustedKey[], state?: PublishedState): Promise<CurrentSnapshot> {
  const opened = await openDelta(bytes, { trustedKeys: keys });
  const next = await applyDelta(current.verifier, opened);
  return currentOf(state ?? { sequence: opened.sequence, kid: '', auditId: -1, logSeq: -1, issuedAt: opened.issuedAt, expiresAt: opened.expiresAt }, next);
}

export function fullFile(snapshot: StoredSnapshot): FullFile {
  let gz: Promise<Uint8Array> | undefined;
  return {
    snapshot,
    gzip: () => {
      gz ??= gzipAsync(snapshot.bytes, { level: 6 }).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      return gz;
    },
  };
}

export function createService(repos: Repositories, opts: ServiceOptions): RegistryService {
  const ttlHours = opts.ttlHours ?? DEFAULT_TTL_HOURS;
  const debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const policy: FullPolicy = { ...DEFAULT_FULL_POLICY, ...opts.fullPolicy };
  const thread = (opts.encodeInWorker ?? !repos.db.memory) ? createEncodeThread() : undefined;
  const dbPath = repos.db.name;
  let current: CurrentSnapshot | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // The publish queued behind the running one, until it starts.
  let waiting: Promise<PublishResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let watchTimer: NodeJS.Timeout | undefined;
  let retryDelay = RETRY_MIN_MS;
  let lastMs: number | undefined;
  let stopped = false;
  const health: PublishHealth = { state: 'ok', problems: [], unpublished: false, lastSuccessAt: null, lastFailure: null, retryAt: null };
  const reported = new Set<string>();
  // The registry as last read, patched from the change log (the in-thread path and coverage).
  const cache = createRegistryCache(repos, { watchDataVersion: true });
  const load = () => cache.read();
  // Set when another connection wrote: the worker's next read must be a full one.
  let fullReadNext = false;
  // Set when the state held could not follow a delta: the next publish makes a full snapshot.
  let forceFullNext = false;
  // The data the current snapshot was encoded from (unset when it was loaded from the database).
  let currentData: RegistryData | undefined;
  // The in-thread path's counterpart of the worker's kept state, for full snapshots on request.
  let retainedHere: RetainedState | undefined;
  const heldHere: { index?: DigestIndex } = {};
  // The full snapshot of the head, when it was published as a delta and someone asked for it.
  let fullOfHead: { sequence: number; file: Promise<FullFile> } | undefined;
  let coverage: { sequence: number; view: RegistryView } | undefined;
  const keys = () => repos.keys.published();

  /** The worker reads, encodes and signs; this thread only stores the bytes (it alone writes snapshots). */
  const encodeInWorker = async (fullRead: boolean, forceFull: boolean): Promise<EncodedPublish> => {
    const enc = await thread!.run({ kind: 'publish', dbPath, keyDir: opts.keyDir, ttlHours, nowMs: Date.now(), fullRead, forceFull, policy });
    noteProblems(enc.problems);
    return enc;
  };

  /** The state after `result`: its full snapshot opened when it made one (a rebase), else its delta applied to the state held. */
  const advance = async (result: PublishResult, deltaBytes: Uint8Array | undefined): Promise<CurrentSnapshot> => {
    // A full snapshot rebases the state held: the overlay of the deltas since the last one (copied
    // on every apply) would otherwise grow until a restart.
    if (result.full) {
      try {
        return await openCurrent(result.full, keys());
      } catch (e) {
        // Never expected (it was just signed with a published key): the delta, if any, still applies.
        opts.onError?.(e);
      }
    }
    if (deltaBytes && current && result.delta?.base === current.stored.sequence) {
      try {
        return await advanceCurrent(current, deltaBytes, keys(), result);
      } catch (e) {
        // Never expected (the registry made the delta from what it published); the full snapshot, if any, is the truth.
        opts.onError?.(e);
      }
    }
    forceFullNext = true;
    throw new Error(`sequence ${result.sequence} could not be applied to the state held; the next publish makes a full snapshot`);
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    if (!current || stopped) return;
    // Republish at half-life so clients always have a fresh state well before expiry (a renewal is a tiny delta).
    const issued = Date.parse(current.stored.issuedAt);
    const expires = Date.parse(current.stored.expiresAt);
    const delay = Math.max(1000, Math.min(issued + (expires - issued) / 2 - Date.now(), 2 ** 31 - 1));
    timer = setTimeout(() => {
      service.publish().catch(() => undefined);
    }, delay);
    timer.unref();
  };

  const noteProblems = (problems: PublishProblem[]) => {
    health.problems = problems;
    for (const p of problems) {
      const id = `${p.record}|${p.field}|${p.value}`;
      if (reported.has(id)) continue;
      reported.add(id);
      opts.onProblem?.(p);
    }
  };

  // After a failed publish the committed writes are not yet visible: try again with backoff.
  const retryLater = () => {
    if (retryTimer || stopped) return;
    const delay = retryDelay;
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
    health.retryAt = new Date(Date.now() + delay).toISOString();
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      service.publish().catch(() => undefined);
    }, delay);
    retryTimer.unref();
  };

  const watch = () => {
    const every = opts.watchMs ?? DEFAULT_WATCH_MS;
    if (every <= 0) return;
    watchTimer = setInterval(() => {
      try {
        if (cache.externalWrites()) {
          fullReadNext = true;
          health.unpublished = true;
          service.publish().catch(() => undefined);
        }
      } catch (e) {
        opts.onError?.(e);
      }
    }, every);
    watchTimer.unref();
  };

  /** The stored full snapshot and the deltas after it, applied in order: the head as last published. */
  const rebuild = async (): Promise<CurrentSnapshot | undefined> => {
    const full = repos.snapshots.latest();
    if (!full) return undefined;
    let state = await openCurrent(full, keys());
    for (const d of repos.snapshots.deltasAfter(full.sequence)) state = await advanceCurrent(state, d.bytes, keys(), d);
    return state;
  };

  /** Encodes the head's full snapshot from the data its publish kept (in the worker, or here without one). */
  const encodeHeadFull = async (head: CurrentSnapshot['stored']): Promise<FullFile> => {
    let enc: EncodedPublish | undefined;
    try {
      if (thread) enc = await thread.run({ kind: 'full', dbPath, keyDir: opts.keyDir, sequence: head.sequence });
      else if (retainedHere?.sequence === head.sequence) {
        const full = await encodeFull(retainedHere, await importSigningKey(readPrivateKey(opts.keyDir, retainedHere.kid)));
        enc = { ...head, digest: retainedHere.digest, full, problems: [], ms: { load: 0, encode: 0, snapshot: 0, sign: 0 } };
      }
    } catch {
      // The worker was restarted, or published since: a full publish below.
    }
    const stored = enc && storedFull({ ...enc, auditId: head.auditId, logSeq: head.logSeq });
    if (stored) return fullFile(stored);
    // Nothing kept for this sequence (a restart since): publish a full snapshot now.
    const result = await service.publish({ forceFull: true });
    return fullFile(result.full!);
  };

  const service: RegistryService = {
    repos,
    keyDir: opts.keyDir,
    current: () => current,
    jwks: () => ({ keys: repos.keys.published() }),
    lastPublishMs: () => lastMs,
    publishHealth: () => ({ ...health, problems: [...health.problems] }),
    storedFull(sequence) {
      const stored = repos.snapshots.full(sequence);
      return stored && fullFile(stored);
    },
    async fullSnapshot() {
      // After the publish in flight, if any: the newest state is what a client asking now wants.
      await queue;
      const head = current?.stored;
      if (!head) return undefined;
      const stored = repos.snapshots.full(head.sequence);
      if (stored) return fullFile(stored);
      if (fullOfHead?.sequence !== head.sequence) {
        const entry = { sequence: head.sequence, file: encodeHeadFull(head) };
        fullOfHead = entry;
        entry.file.catch(() => {
          if (fullOfHead === entry) fullOfHead = undefined;
        });
      }
      return fullOfHead.file;
    },
    publish(publishOpts = {}) {
      // Invalidate now, not when the queued publish runs, so the write just made is never missed.
      if (publishOpts.fullRead) {
        cache.drop();
        fullReadNext = true;
      }
      if (publishOpts.forceFull) forceFullNext = true;
      health.unpublished = true;
      // A publish that has not started yet will read everything committed before it starts, this
      // caller's write included: join it. A burst of writes makes one publish, not one each.
      if (waiting) return waiting;
      const run = queue.then(async () => {
        // Gather the rest of a burst before reading: its writes join this publish meanwhile.
        if (debounceMs > 0) await new Promise((r) => setTimeout(r, debounceMs));
        waiting = undefined;
        const fullRead = fullReadNext;
        const forceFull = forceFullNext;
        fullReadNext = forceFullNext = false;
        let loaded: RegistryData | undefined;
        let result: PublishResult;
        try {
          let deltaBytes: Uint8Array | undefined;
          if (thread) {
            const enc = await encodeInWorker(fullRead, forceFull);
            deltaBytes = enc.delta?.bytes;
            result = storeEncoded(repos, enc, policy.chain);
          } else {
            const done = await publishInThread(repos, {
              keyDir: opts.keyDir,
              ttlHours,
              policy,
              forceFull,
              fullRead,
              held: heldHere,
              load: () => {
                const { data, auditId, logSeq } = load();
                const checked = publishableData(data);
                noteProblems(checked.problems);
                loaded = checked.data;
                return { data: checked.data, auditId, logSeq };
              },
            });
            result = done.result;
            retainedHere = done.retained;
            deltaBytes = result.delta && repos.snapshots.delta(result.sequence)?.bytes;
          }
          const t = performance.now();
          current = await advance(result, deltaBytes);
          result.ms.open = performance.now() - t;
          result.ms.total += result.ms.open;
        } catch (e) {
          // What was read may be half-applied to the cache: read everything again next time.
          cache.drop();
          fullReadNext = true;
          health.state = 'failing';
          health.lastFailure = { at: new Date().toISOString(), message: e instanceof Error ? e.message : String(e), code: storageErrorCode(e) ?? 'publish-failed' };
          opts.onError?.(e);
          retryLater();
          throw e;
        }
        currentData = loaded;
        lastMs = result.ms.total;
        retryDelay = RETRY_MIN_MS;
        if (retryTimer) clearTimeout(retryTimer);
        retryTimer = undefined;
        health.retryAt = null;
        health.state = health.problems.length ? 'degraded' : 'ok';
        health.lastSuccessAt = new Date().toISOString();
        // Writes queued behind this publish are still unpublished until their own publish runs.
        health.unpublished = result.auditId < repos.audit.lastId();
        opts.onPublish?.(result);
        schedule();
        return result;
      });
      waiting = run;
      queue = run.catch(() => undefined);
      return run;
    },
    async start() {
      stopped = false;
      const head = repos.snapshots.head();
      const active = repos.keys.active();
      const halfLife = head && Date.parse(head.issuedAt) + (Date.parse(head.expiresAt) - Date.parse(head.issuedAt)) / 2;
      const fresh = head && active && head.kid === active.kid && head.auditId >= repos.audit.lastId() && head.logSeq === repos.changes.lastSeq() && halfLife !== undefined && Date.now() < halfLife;
      let rebuilt: CurrentSnapshot | undefined;
      try {
        rebuilt = await rebuild();
      } catch (e) {
        // A stored chain that does not apply: publish a full snapshot.
        opts.onError?.(e);
        forceFullNext = true;
      }
      if (rebuilt && fresh && rebuilt.stored.sequence === head.sequence) {
        current = rebuilt;
        schedule();
      } else if (active) {
        // Deltas apply to the state held: hold the stored one first, or start from a full snapshot.
        if (rebuilt && rebuilt.stored.sequence === head?.sequence) current = rebuilt;
        else forceFullNext = true;
        try {
          await service.publish();
        } catch {
          // Serve the last stored state rather than nothing: it is signed and says when it
          // expires, and clients treat it as stale after that. Health says publishing fails.
          current ??= rebuilt;
        }
      } else {
        current = rebuilt;
      }
      watch();
    },
    stop() {
      stopped = true;
      void thread?.close();
      for (const t of [timer, retryTimer]) if (t) clearTimeout(t);
      if (watchTimer) clearInterval(watchTimer);
      timer = retryTimer = watchTimer = undefined;
    },
    data: () => currentData,
    async coverageView() {
      // A publish in flight sets the data of the snapshot it installs.
      await queue;
      const cur = current;
      if (!cur) return undefined;
      if (coverage?.sequence !== cur.stored.sequence) {
        // Loaded from the database only when the snapshot was too (start): the two then agree.
        const view = createMemoryView(currentData ?? publishableData(load().data).data);
        coverage = { sequence: cur.stored.sequence, view: { ...view, source: cur.verifier.view.source } };
      }
      return coverage.view;
    },
  };
  return service;
}
