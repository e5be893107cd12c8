import { gzipSync } from 'node:zlib';
import { createMemoryView, openSnapshot, type RegistryData, type RegistryView, type SnapshotVerifier, type TrustedKey } from '@zjmade/sdk';
import { DEFAULT_TTL_HOURS, publishSnapshot, type PublishResult } from './publish/publish.js';
import { DEFAULT_META } from './store/meta.js';
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
   * Publishes a new sequence and swaps it in. Publishes run one at a time, in call order. `changed`
   * names what was written since the last publish: whole tables, or single rows (re-read alone and
   * put in place of the old row); the rest comes from memory. Default: everything.
   */
  publish(changed?: readonly Change[]): Promise<PublishResult>;
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
}

export type DataTable = Exclude<keyof RegistryData, 'meta'>;
/** One row an admin change wrote (upserted or deleted). */
export type RowChange = { table: 'evaluations'; id: string } | { table: 'bindings'; key: string };
export type Change = DataTable | RowChange;
const TABLES: readonly DataTable[] = ['enterprises', 'standards', 'evaluations', 'stores', 'bindings', 'sanctions'];

export interface ServiceOptions {
  keyDir: string;
  ttlHours?: number;
  onError?: (error: unknown) => void;
  /** Called after each publish with its split times. */
  onPublish?: (result: PublishResult) => void;
}

async function openCurrent(stored: StoredSnapshot, keys: TrustedKey[]): Promise<CurrentSnapshot> {
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

function patch<T>(rows: readonly T[], ids: ReadonlySet<string>, idOf: (row: T) => string, read: (id: string) => T | undefined): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = idOf(row);
    if (!ids.has(id)) {
      out.push(row);
      continue;
    }
    seen.add(id);
    const fresh = read(id);
    if (fresh) out.push(fresh);
  }
  for (const id of ids) {
    if (seen.has(id)) continue;
    const fresh = read(id);
    if (fresh) out.push(fresh);
  }
  return out;
}

export function createService(repos: Repositories, opts: ServiceOptions): RegistryService {
  const ttlHours = opts.ttlHours ?? DEFAULT_TTL_HOURS;
  let current: CurrentSnapshot | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastMs: number | undefined;
  // Each table as last read; a publish re-reads only the tables an admin change wrote.
  const cache: Partial<RegistryData> = {};
  // The data the current snapshot was encoded from (unset when it was loaded from the database).
  let currentData: RegistryData | undefined;
  let coverage: { sequence: number; view: RegistryView } | undefined;
  // Rows changed since the last load, applied to the cached tables at the next load.
  let rowChanges: RowChange[] = [];
  const applyRowChanges = () => {
    const byTable = { evaluations: new Set<string>(), bindings: new Set<string>() };
    for (const r of rowChanges) byTable[r.table].add(r.table === 'evaluations' ? r.id : r.key);
    rowChanges = [];
    // A new array each time: the previous one still backs the current snapshot's coverage view.
    // Upserts keep their rowid (ON CONFLICT DO UPDATE), new rows get the largest: so replacing in
    // place and appending keeps the `ORDER BY rowid` order a full re-read would give.
    if (cache.evaluations && byTable.evaluations.size) cache.evaluations = patch(cache.evaluations, byTable.evaluations, (e) => e.id, repos.evaluations.get);
    if (cache.bindings && byTable.bindings.size) cache.bindings = patch(cache.bindings, byTable.bindings, (b) => b.key, repos.bindings.get);
  };
  const load = (): RegistryData =>
    repos.db.transaction(() => {
      applyRowChanges();
      const data = { meta: repos.meta.get() ?? DEFAULT_META } as RegistryData;
      for (const t of TABLES) {
        const rows = cache[t] ?? repos[t].all();
        (data as unknown as Record<DataTable, unknown>)[t] = rows;
        (cache as Record<DataTable, unknown>)[t] = rows;
      }
      return data;
    })();

  const schedule = () => {
    if (timer) clearTimeout(timer);
    if (!current) return;
    // Republish at half-life so clients always have a fresh snapshot well before expiry.
    const issued = Date.parse(current.stored.issuedAt);
    const expires = Date.parse(current.stored.expiresAt);
    const delay = Math.max(1000, Math.min(issued + (expires - issued) / 2 - Date.now(), 2 ** 31 - 1));
    timer = setTimeout(() => {
      service.publish().catch((e: unknown) => opts.onError?.(e));
    }, delay);
    timer.unref();
  };

  const service: RegistryService = {
    repos,
    keyDir: opts.keyDir,
    current: () => current,
    jwks: () => ({ keys: repos.keys.published() }),
    lastPublishMs: () => lastMs,
    publish(changed = TABLES) {
      // Invalidate now, not when the queued publish runs, so the write just made is never missed.
      for (const c of changed) {
        if (typeof c === 'string') delete cache[c];
        else rowChanges.push(c);
      }
      const run = queue.then(async () => {
        let loaded: RegistryData | undefined;
        const result = await publishSnapshot(repos, { keyDir: opts.keyDir, ttlHours, load: () => (loaded = load()) });
        const t = performance.now();
        current = await openCurrent(result, repos.keys.published());
        currentData = loaded;
        result.ms.open = performance.now() - t;
        result.ms.total += result.ms.open;
        lastMs = result.ms.total;
        opts.onPublish?.(result);
        schedule();
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async start() {
      const latest = repos.snapshots.latest();
      const active = repos.keys.active();
      const halfLife = latest && Date.parse(latest.issuedAt) + (Date.parse(latest.expiresAt) - Date.parse(latest.issuedAt)) / 2;
      if (latest && active && latest.kid === active.kid && latest.auditId >= repos.audit.lastId() && halfLife !== undefined && Date.now() < halfLife) {
        current = await openCurrent(latest, repos.keys.published());
        schedule();
      } else if (active) {
        await service.publish();
      }
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    data: () => currentData,
    async coverageView() {
      // A publish in flight sets the data of the snapshot it installs.
      await queue;
      const cur = current;
      if (!cur) return undefined;
      if (coverage?.sequence !== cur.stored.sequence) {
        // Loaded from the database only when the snapshot was too (start): the two then agree.
        const view = createMemoryView(currentData ?? load());
        coverage = { sequence: cur.stored.sequence, view: { ...view, source: cur.verifier.view.source } };
      }
      return coverage.view;
    },
  };
  return service;
}
