import { type LatestPointer, openPointer, type TrustedKey } from '@zjmade/sdk';
import { snapshotDigest } from '@zjmade/sdk/publisher';
import { advanceCurrent, type CurrentSnapshot, openCurrent } from '../service.js';
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
  /** Bytes fetched by the last update, and whether it took the full snapshot or only deltas. */
  lastUpdate: { via: 'full' | 'deltas'; bytes: number; files: number } | null;
}

const SNAPSHOT_PATH = /^snapshots\/[A-Za-z0-9._-]{1,128}\.zjs$/;
const DELTA_PATH = /^deltas\/[A-Za-z0-9._-]{1,128}\.zjd$/;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Follows another registry's published tree for a read-only `/v1/verify` replica: verifies the
 * signed pointer against pinned keys, then takes the deltas after the sequence it holds when the
 * pointer's chain has them (else the full snapshot and the deltas after it), checks each file's
 * SHA-256 against the pointer and its signature and state digest, refuses anything older than what
 * it holds, and switches only once the whole chain applied: through any failure it keeps the last
 * good state (its own expiry then turns verdicts `unknown`, never stale `verified`).
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
  const health: FollowHealth = { sequence: null, lastCheckAt: null, lastError: null, pointer: null, lastUpdate: null };
  const keys = [...opts.trustedKeys];

  /** A file the pointer names, checked against the SHA-256 it gives. */
  async function file(path: string, pattern: RegExp, sha256: string): Promise<Uint8Array> {
    if (!pattern.test(path)) throw new Error(`the pointer names ${JSON.stringify(path)}, not a file of the tree`);
    const res = await doFetch(new URL(path, base), { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) throw new Error(`${path} answered HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if ((await snapshotDigest(bytes)) !== sha256) throw new Error(`${path} does not match the pointer's SHA-256`);
    return bytes;
  }

  async function fromFull(pointer: LatestPointer): Promise<{ state: CurrentSnapshot; bytes: number }> {
    const path = pointer.snapshot;
    if (typeof path !== 'string') throw new Error('the pointer names no snapshot file of the tree');
    const bytes = await file(path, SNAPSHOT_PATH, pointer.sha256);
    const state = await openCurrent({ sequence: pointer.sequence, bytes, etag: etagFor(pointer.sequence), kid: '', auditId: -1, logSeq: -1, issuedAt: '', expiresAt: '' }, keys);
    if (state.verifier.info.sequence !== pointer.sequence) throw new Error(`${path} holds snapshot ${state.verifier.info.sequence}, not ${pointer.sequence}`);
    state.stored.issuedAt = state.verifier.info.issuedAt;
    state.stored.expiresAt = state.verifier.info.expiresAt;
    return { state, bytes: bytes.byteLength };
  }

  async function applyChain(from: CurrentSnapshot, pointer: LatestPointer): Promise<{ state: CurrentSnapshot; bytes: number; files: number }> {
    let state = from;
    let bytes = 0;
    let files = 0;
    for (const d of pointer.deltas ?? []) {
      if (d.sequence <= state.stored.sequence) continue;
      const b = await file(d.path, DELTA_PATH, d.sha256);
      state = await advanceCurrent(state, b, keys);
      bytes += b.byteLength;
      files++;
    }
    return { state, bytes, files };
  }

  async function refresh(): Promise<'updated' | 'unchanged'> {
    health.lastCheckAt = new Date().toISOString();
    const res = await doFetch(new URL('latest.json', base), { cache: 'no-store', signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`latest.json answered HTTP ${res.status}`);
    const text = await res.text();
    const pointer = await openPointer(text, keys);
    const head = pointer.head ?? pointer.sequence;
    const held = current?.stored.sequence;
    if (held !== undefined && head < held) throw new Error(`refusing pointer to sequence ${head}: older than ${held}`);
    if (held === head) {
      health.pointer = text;
      return 'unchanged';
    }
    let next: { state: CurrentSnapshot; bytes: number; files: number } | undefined;
    let via: 'full' | 'deltas' = 'deltas';
    const first = pointer.deltas?.[0];
    if (current && held !== undefined && first && first.base <= held) {
      try {
        next = await applyChain(current, pointer);
      } catch (e) {
        log(`follow: the delta chain failed (${e instanceof Error ? e.message : String(e)}); fetching the full snapshot`);
      }
    }
    if (!next) {
      via = 'full';
      const full = await fromFull(pointer);
      const rest = await applyChain(full.state, pointer);
      next = { state: rest.state, bytes: full.bytes + rest.bytes, files: 1 + rest.files };
    }
    if (next.state.stored.sequence !== head) throw new Error(`the chain reached ${next.state.stored.sequence}, not the pointer's head ${head}`);
    current = next.state;
    health.sequence = head;
    health.pointer = text;
    health.lastUpdate = { via, bytes: next.bytes, files: next.files };
    log(`following: sequence ${head} via ${via} (${next.bytes} bytes in ${next.files} files)`);
    return 'updated';
  }

  const tick = async () => {
    try {
      await refresh();
      health.lastError = null;
      delay = every;
    } catch (e) {
      health.lastError = e instanceof Error ? e.message : String(e);
      log(`follow: ${health.lastError}; keeping sequence ${current?.stored.sequence ?? 'none'}`);
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
