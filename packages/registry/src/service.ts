import { gzipSync } from 'node:zlib';
import { createMemoryView, openSnapshot, type RegistryData, type RegistryView, type SnapshotVerifier, type TrustedKey } from '@zjmade/sdk';
import { type PublishProblem, publishableData } from './domain/publishable.js';
import { createEncodeThread } from './publish/encode-thread.js';
import { DEFAULT_TTL_HOURS, publishSnapshot, type PublishResult, storeEncoded } from './publish/publish.js';
import { storageErrorCode } from './store/storage-errors.js';
import { createRegistryCache, type DataTable, TABLES } from './store/registry-cache.js';
import type { Repositories } from './store/repositories.js';
import type { StoredSnapshot } from './store/snapshots.js';

export interface CurrentSnapshot {
  stored: StoredSnapshot;
  /** The same bytes opened with the SDK and the registry's own keys: `/v1/verify` answers from it. */
  verifier: SnapshotVerifier;
  /** gzip of the bytes, made on first request. */
  gzip(): Uint8Array;
  /** `{"sequence":…,"issuedAt":…}`, as `/v1/verify` responses carry it. */
  snapshotJson: string;
}

export interface RegistryService {
  readonly repos: Repositories;
  readonly keyDir: string;
  current(): CurrentSnapshot | undefined;
  jwks(): { keys: TrustedKey[] };
  /**
   * Publishes a new sequence and swaps it in. Publishes run one at a time; one that has not
   * started yet is joined. What changed is read from the change log; `fullRead` reads everything
   * (for data changed behind the registry's back).
   */
  publish(opts?: { fullRead?: boolean }): Promise<PublishResult>;
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
}

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
const DEFAULT_WATCH_MS = 2_000;
const DEFAULT_DEBOUNCE_MS = 50;

export async function openCurrent(stored: StoredSnapshot, keys: TrustedKey[]): Promise<CurrentSnapshot> {
  const verifier = await openSnapshot(stored.bytes, { trustedKeys: keys });
  let gz: Uint8Array | undefined;
  return {
    stored,
    verifier,
    snapshotJson: JSON.stringify({ sequence: stored.sequence, issuedAt: stored.issuedAt }),
    gzip: () => {
      gz ??= gzipSync(stored.bytes, { level: 6 });
      return gz;
    },
  };
}

export function createService(repos: Repositories, opts: ServiceOptions): RegistryService {
  const ttlHours = opts.ttlHours ?? DEFAULT_TTL_HOURS;
  const debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;
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
  // The data the current snapshot was encoded from (unset when it was loaded from the database).
  let currentData: RegistryData | undefined;
  let coverage: { sequence: number; view: RegistryView } | undefined;
  /** The worker reads, encodes and signs; this thread only stores the bytes (it alone writes snapshots). */
  const publishInWorker = async (): Promise<PublishResult> => {
    const fullRead = fullReadNext;
    fullReadNext = false;
    const enc = await thread!.run({ dbPath, keyDir: opts.keyDir, ttlHours, nowMs: Date.now(), fullRead });
    noteProblems(enc.problems);
    return storeEncoded(repos, enc);
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    if (!current || stopped) return;
    // Republish at half-life so clients always have a fresh snapshot well before expiry.
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

  const service: RegistryService = {
    repos,
    keyDir: opts.keyDir,
    current: () => current,
    jwks: () => ({ keys: repos.keys.published() }),
    lastPublishMs: () => lastMs,
    publishHealth: () => ({ ...health, problems: [...health.problems] }),
    publish(publishOpts = {}) {
      // Invalidate now, not when the queued publish runs, so the write just made is never missed.
      if (publishOpts.fullRead) {
        cache.drop();
        fullReadNext = true;
      }
      health.unpublished = true;
      // A publish that has not started yet will read everything committed before it starts, this
      // caller's write included: join it. A burst of writes makes one publish, not one each.
      if (waiting) return waiting;
      const run = queue.then(async () => {
        // Gather the rest of a burst before reading: its writes join this publish meanwhile.
        if (debounceMs > 0) await new Promise((r) => setTimeout(r, debounceMs));
        waiting = undefined;
        let loaded: RegistryData | undefined;
        let result: PublishResult;
        try {
          if (thread) result = await publishInWorker();
          else result = await publishSnapshot(repos, {
            keyDir: opts.keyDir,
            ttlHours,
            load: () => {
              const { data, auditId, logSeq } = load();
              const checked = publishableData(data);
              noteProblems(checked.problems);
              loaded = checked.data;
              return { data: checked.data, auditId, logSeq };
            },
          });
          const t = performance.now();
          current = await openCurrent(result, repos.keys.published());
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
      const latest = repos.snapshots.latest();
      const active = repos.keys.active();
      const halfLife = latest && Date.parse(latest.issuedAt) + (Date.parse(latest.expiresAt) - Date.parse(latest.issuedAt)) / 2;
      const fresh = latest && active && latest.kid === active.kid && latest.auditId >= repos.audit.lastId() && latest.logSeq === repos.changes.lastSeq() && halfLife !== undefined && Date.now() < halfLife;
      if (latest && fresh) {
        current = await openCurrent(latest, repos.keys.published());
        schedule();
      } else if (active) {
        try {
          await service.publish();
        } catch {
          // Serve the last stored snapshot rather than nothing: it is signed and says when it
          // expires, and clients treat it as stale after that. Health says publishing fails.
          if (latest) {
            try {
              current = await openCurrent(latest, repos.keys.published());
            } catch (e) {
              opts.onError?.(e);
            }
          }
        }
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
