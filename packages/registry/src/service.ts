import { gzipSync } from 'node:zlib';
import { openSnapshot, type RegistryData, type SnapshotVerifier, type TrustedKey } from '@zjmade/sdk';
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
   * names the tables written since the last publish (the rest come from memory); default all.
   */
  publish(changed?: readonly DataTable[]): Promise<PublishResult>;
  /** Loads the latest stored snapshot (or publishes one when none fits) and starts the refresh timer. */
  start(): Promise<void>;
  stop(): void;
  lastPublishMs(): number | undefined;
}

export type DataTable = Exclude<keyof RegistryData, 'meta'>;
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

export function createService(repos: Repositories, opts: ServiceOptions): RegistryService {
  const ttlHours = opts.ttlHours ?? DEFAULT_TTL_HOURS;
  let current: CurrentSnapshot | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastMs: number | undefined;
  // Each table as last read; a publish re-reads only the tables an admin change wrote.
  const cache: Partial<RegistryData> = {};
  const load = (): RegistryData =>
    repos.db.transaction(() => {
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
      for (const t of changed) delete cache[t];
      const run = queue.then(async () => {
        const result = await publishSnapshot(repos, { keyDir: opts.keyDir, ttlHours, load });
        const t = performance.now();
        current = await openCurrent(result, repos.keys.published());
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
  };
  return service;
}
