import { invalidResponse, RegistryError } from '../client/errors.js';
import type { ClientStore } from '../client/store.js';
import type { Send } from '../client/transport.js';
import { sha256Hex } from '../snapshot/ed25519.js';
import { openSnapshot } from '../snapshot/open.js';
import { openPointer } from '../snapshot/pointer.js';
import type { LatestPointer } from '../snapshot/pointer-format.js';
import type { SnapshotVerifier, TrustedKey } from '../snapshot/types.js';
import { type ChainLink, chainFrom, headOf, pointerPath, underBase } from './paths.js';
import type { ChangeListener, DeltaSupport, RegistryLayout, SyncUpdate } from './types.js';

export interface SnapshotSyncOptions {
  /** Without a trailing slash, as the transport joins it. */
  baseUrl: string;
  trustedKeys: readonly TrustedKey[];
  store?: ClientStore | undefined;
  deltas?: DeltaSupport | undefined;
  /** Default: the API, and the published tree's `latest.json` when the API path answers 404. */
  layout?: RegistryLayout | undefined;
  /** Oldest pointer accepted (ms). */
  window: number;
  /** Longest chain walked by `/v1/deltas/{n}` when the pointer lists none. Default 48. */
  maxChain?: number | undefined;
  now: () => number;
}

/** The state held: the verifier and the signed files it was built from. */
interface Held {
  verifier: SnapshotVerifier;
  snapshot: Uint8Array;
  deltas: Uint8Array[];
}

const refuse = (message: string): never => {
  throw new RegistryError('validation', message);
};

/**
 * The one snapshot lifecycle: signed pointer → delta chain or full snapshot → verified state,
 * kept whole through the store. Every step is checked before anything replaces the state held:
 * a refresh ends with the new state complete or the old one untouched.
 */
export function createSnapshotSync(send: Send, o: SnapshotSyncOptions) {
  const { trustedKeys, store, now } = o;
  const maxChain = o.maxChain ?? 48;
  let layout = o.layout;
  let held: Held | null = null;
  let restored = false;
  let floor = 0;
  let inFlight: Promise<SnapshotVerifier> | null = null;
  let lastError: Error | null = null;
  let lastUpdate: SyncUpdate | null = null;
  const listeners = new Set<ChangeListener>();

  const bytesOf = (signal?: AbortSignal) => (path: string) =>
    send(path, async (res) => new Uint8Array(await res.arrayBuffer()), signal);

  /**
   * Applies delta files in order on top of `base`. Links before the last are checked against
   * their own issue time: a later delta supersedes them, and the pointer (or the stored chain)
   * vouches for the whole. The last must be unexpired by the real clock, unless `keepStale`
   * (restoring what was held: its staleness then shows as `unknown` verdicts, not as no state).
   */
  async function applyChain(base: SnapshotVerifier, files: readonly Uint8Array[], keepStale: boolean): Promise<SnapshotVerifier> {
    let v = base;
    for (let i = 0; i < files.length; i++) {
      const d = await o.deltas!.openDelta(files[i]!, { trustedKeys });
      let frozen: number | undefined = i < files.length - 1 || keepStale ? Date.parse(d.issuedAt) : undefined;
      v = await o.deltas!.applyDelta(v, d, { now: () => frozen ?? now() });
      frozen = undefined;
    }
    return v;
  }

  async function restore(): Promise<void> {
    const saved = await store?.read();
    // Only once it was read: an unreadable store fails every refresh rather than being guessed past.
    restored = true;
    if (!saved) return;
    floor = saved.sequence;
    if (!saved.bytes) return;
    try {
      const snap = await openSnapshot(saved.bytes, { trustedKeys, now });
      const deltas = saved.deltas ?? [];
      if (deltas.length && !o.deltas) return;
      const verifier = await applyChain(snap, deltas, true);
      // A state below the floor is an older one the store kept by mistake: never start from it.
      if (verifier.info.sequence >= floor) held = { verifier, snapshot: saved.bytes, deltas };
    } catch {
      // A stored state that no longer verifies (keys rotated away, damage) is no state.
    }
  }

  async function fetchPointer(signal?: AbortSignal): Promise<[LatestPointer, number]> {
    const get = (l: RegistryLayout) =>
      send(
        pointerPath(l),
        async (res) => {
          const text = await res.text();
          return [await openPointer(text, trustedKeys), text.length] as [LatestPointer, number];
        },
        signal,
      );
    if (layout) return get(layout);
    try {
      const got = await get('api');
      layout = 'api';
      return got;
    } catch (error) {
      if ((error as RegistryError).status !== 404) throw error;
      const got = await get('tree');
      layout = 'tree';
      return got;
    }
  }

  /** Fetches, checks against the pointer and applies the links in order on top of `from`. */
  async function follow(from: SnapshotVerifier, links: readonly ChainLink[], budget: number, signal?: AbortSignal): Promise<[SnapshotVerifier, Uint8Array[], number]> {
    if (links.length && !o.deltas) refuse('The registry state needs deltas');
    const get = bytesOf(signal);
    const files: Uint8Array[] = [];
    let weight = 0;
    for (const l of links) {
      const file = await get(underBase(o.baseUrl, layout!, l.path) ?? refuse('Bad delta path'));
      if (l.sha256 && (await sha256Hex(file)) !== l.sha256) refuse("Not the pointer's delta");
      weight += file.length;
      // Deltas held and fetched past the size of the snapshot under them: the full one is cheaper.
      if (weight >= budget) refuse('Chain heavier than the snapshot');
      files.push(file);
    }
    const verifier = await applyChain(from, files, false);
    if (verifier.info.sequence !== (links.at(-1)?.sequence ?? from.info.sequence)) refuse("Not the pointer's sequence");
    return [verifier, files, weight];
  }

  /** The full snapshot the pointer names, then every delta it lists after it. */
  async function full(pointer: LatestPointer, signal?: AbortSignal): Promise<[Held, number, number]> {
    const path = (pointer.snapshot === undefined && layout === 'api' ? '/v1/snapshot' : underBase(o.baseUrl, layout!, pointer.snapshot)) ?? refuse('The pointer names no snapshot file');
    const bytes = await bytesOf(signal)(path);
    if ((await sha256Hex(bytes)) !== pointer.sha256) refuse("Not the pointer's snapshot");
    const snap = await openSnapshot(bytes, { trustedKeys, now });
    if (snap.info.sequence !== pointer.sequence) refuse("Not the pointer's snapshot");
    const links = chainFrom(pointer, pointer.sequence, layout!, Number.POSITIVE_INFINITY);
    if (typeof links === 'string') return refuse(links);
    const [verifier, deltas, weight] = await follow(snap, links, Number.POSITIVE_INFINITY, signal);
    return [{ verifier, snapshot: bytes, deltas }, bytes.length + weight, deltas.length];
  }

  /** The deltas after the state held, when the pointer's chain starts at or before it. */
  async function chain(from: Held, pointer: LatestPointer, signal?: AbortSignal): Promise<[Held, number, number]> {
    const links = chainFrom(pointer, from.verifier.info.sequence, layout!, maxChain);
    if (typeof links === 'string') return refuse(links);
    // What the store keeps stays smaller than two snapshots: the held deltas count against the chain.
    const budget = from.snapshot.length - from.deltas.reduce((n, d) => n + d.length, 0);
    const [verifier, files, weight] = await follow(from.verifier, links, budget, signal);
    return [{ verifier, snapshot: from.snapshot, deltas: [...from.deltas, ...files] }, weight, files.length];
  }

  async function run(signal?: AbortSignal): Promise<SnapshotVerifier> {
    try {
      if (!restored) await restore();
      const [pointer, pointerBytes] = await fetchPointer(signal);
      if (!(Math.abs(now() - Date.parse(pointer.issuedAt)) <= o.window)) refuse('Stale pointer');
      const have = held?.verifier.info.sequence ?? null;
      const head = headOf(pointer);
      const highest = Math.max(floor, have ?? 0);
      if (head < highest) refuse(`Rollback: ${head} is older than ${highest}`);
      let update: SyncUpdate = { kind: 'unchanged', sequence: head, from: have, bytes: pointerBytes, deltas: 0 };
      if (have !== head) {
        let next: Held | undefined;
        let fallback: string | undefined;
        if (held && o.deltas) {
          try {
            const [state, bytes, n] = await chain(held, pointer, signal);
            next = state;
            update = { ...update, kind: 'delta', bytes: update.bytes + bytes, deltas: n };
          } catch (error) {
            // A chain that cannot be used for any reason is never partly applied: the full snapshot instead.
            if ((error as Error).name === 'AbortError' || signal?.aborted) throw error;
            fallback = (error as Error).message;
          }
        }
        if (!next) {
          const [state, bytes, n] = await full(pointer, signal);
          next = state;
          update = { ...update, kind: 'full', bytes: update.bytes + bytes, deltas: n, ...(fallback === undefined ? {} : { fallback }) };
        }
        // Remembered before it is used: a crash right after cannot forget the sequence.
        const saved = await store?.read();
        await store?.write({ ...saved, sequence: head, bytes: next.snapshot, deltas: next.deltas, etag: null });
        floor = head;
        held = next;
        for (const listener of listeners) {
          try {
            listener(next.verifier, update);
          } catch {
            // A listener's failure is its own.
          }
        }
      }
      lastUpdate = update;
      lastError = null;
    } catch (error) {
      lastError = error instanceof Error ? error : invalidResponse();
      if (!held) throw lastError;
    }
    return held!.verifier;
  }

  return {
    /**
     * Brings the state up to the registry's signed pointer. Concurrent calls share one run (the
     * first caller's signal governs it). Resolves with the state held afterwards (the last good
     * one when this run failed: see `lastError`); rejects only when there is none.
     */
    refresh(signal?: AbortSignal): Promise<SnapshotVerifier> {
      inFlight ??= run(signal).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    current: () => held?.verifier ?? null,
    /** The stored state, re-verified, without asking the network (null: none held). Once per sync. */
    async load(): Promise<SnapshotVerifier | null> {
      if (!restored) await (inFlight?.catch(() => null) ?? restore());
      return held?.verifier ?? null;
    },
    onChange(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get lastError() {
      return lastError;
    },
    get lastUpdate() {
      return lastUpdate;
    },
  };
}

export type SnapshotSync = ReturnType<typeof createSnapshotSync>;
