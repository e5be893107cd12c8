import { openPointer, type TrustedKey } from '@zjmade/sdk';
import { snapshotDigest } from '@zjmade/sdk/publisher';
import { type CurrentSnapshot, openCurrent } from '../service.js';
import { etagFor } from '../store/snapshots.js';

export interface FollowOptions {
  /** Base URL of a published tree (`export DIR` served statically), e.g. `https://cdn.example.cn/zjmade/`. */
  url: string;
  /** Pinned public keys; never taken from the tree being followed. */
  trustedKeys: readonly TrustedKey[];
  /** How often to look at `latest.json` (default 30 s); failures back off up to 10 minutes. */
  intervalMs?: number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
}

export interface FollowHealth {
  sequence: number | null;
  lastCheckAt: string | null;
  lastError: string | null;
  /** The upstream pointer as last verified (its text, relayed unchanged to clients). */
  pointer: string | null;
}

const SNAPSHOT_PATH = /^snapshots\/[A-Za-z0-9._-]{1,128}\.zjs$/;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Follows another registry's published tree for a read-only `/v1/verify` replica: verifies the
 * signed pointer against pinned keys, fetches the snapshot file it names, checks its SHA-256 and
 * signature, refuses anything older than what it holds, and keeps the last good snapshot through
 * any failure (its own expiry then turns verdicts `unknown`, never stale `verified`).
 */
export function createFollower(opts: FollowOptions) {
  const base = opts.url.endsWith('/') ? opts.url : `${opts.url}/`;
  const doFetch = opts.fetch ?? fetch;
  const log = opts.log ?? (() => {});
  const every = opts.intervalMs ?? 30_000;
  let current: CurrentSnapshot | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = every;
  let stopped = false;
  const health: FollowHealth = { sequence: null, lastCheckAt: null, lastError: null, pointer: null };

  async function refresh(): Promise<'updated' | 'unchanged'> {
    health.lastCheckAt = new Date().toISOString();
    const res = await doFetch(new URL('latest.json', base), { cache: 'no-store', signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`latest.json answered HTTP ${res.status}`);
    const text = await res.text();
    const pointer = await openPointer(text, opts.trustedKeys);
    const held = current?.stored.sequence;
    if (held !== undefined && pointer.sequence < held) throw new Error(`refusing pointer to snapshot ${pointer.sequence}: older than ${held}`);
    if (held === pointer.sequence) {
      health.pointer = text;
      return 'unchanged';
    }
    const path = pointer.snapshot;
    if (typeof path !== 'string' || !SNAPSHOT_PATH.test(path)) throw new Error('the pointer names no snapshot file of the tree');
    const file = await doFetch(new URL(path, base), { signal: AbortSignal.timeout(120_000) });
    if (!file.ok) throw new Error(`${path} answered HTTP ${file.status}`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if ((await snapshotDigest(bytes)) !== pointer.sha256) throw new Error(`${path} does not match the pointer's SHA-256`);
    const next = await openCurrent(
      { sequence: pointer.sequence, bytes, etag: etagFor(pointer.sequence), kid: '', auditId: -1, logSeq: -1, issuedAt: '', expiresAt: '' },
      [...opts.trustedKeys],
    );
    if (next.verifier.info.sequence !== pointer.sequence) throw new Error(`${path} holds snapshot ${next.verifier.info.sequence}, not ${pointer.sequence}`);
    next.stored.issuedAt = next.verifier.info.issuedAt;
    next.stored.expiresAt = next.verifier.info.expiresAt;
    current = next;
    health.sequence = pointer.sequence;
    health.pointer = text;
    log(`following: snapshot ${pointer.sequence} (${bytes.byteLength} bytes)`);
    return 'updated';
  }

  const tick = async () => {
    try {
      await refresh();
      health.lastError = null;
      delay = every;
    } catch (e) {
      health.lastError = e instanceof Error ? e.message : String(e);
      log(`follow: ${health.lastError}; keeping snapshot ${current?.stored.sequence ?? 'none'}`);
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  return {
    current: () => current,
    health: (): FollowHealth => ({ ...health }),
    refresh,
    /** First look now (its failure is reported in health, not thrown), then on the interval. */
    async start(): Promise<void> {
      await tick();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
export type Follower = ReturnType<typeof createFollower>;
