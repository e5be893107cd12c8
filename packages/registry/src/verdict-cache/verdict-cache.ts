import { refFromKey } from '@zjmade/sdk';
import type { Result } from '../http/batch-answer.js';
import type { CurrentSnapshot } from '../service.js';
import { intervalOf, listingBoundaries } from './boundaries.js';

/**
 * Compact result bytes of key-only listings, by (snapshot, interval of `at`, key). Safe because a
 * verdict is a pure function of the snapshot, the listing and `at`, and within one snapshot it
 * only changes at the listing's boundaries (boundaries.ts): any two instants in one interval give
 * the same verdict, hence the same bytes. Compact results carry neither `at` nor `source` (both
 * written once at the answer's top level), so nothing request-specific is kept. Held for one
 * `CurrentSnapshot` object only: a new one (a publish, a delta, a replica's follow) empties it.
 * Bounded by bytes, least recently used first out.
 */
interface Entry {
  boundaries: Float64Array;
  /** Result by interval index; an entry holds the few intervals asked for. */
  slots: Map<number, Result>;
  bytes: number;
  /** Asked for since eviction last passed it (second chance: a hit costs no map operations). */
  used: boolean;
  /** The interval last answered, [lo, hi) in ms, and its result: most requests ask for "now" again. */
  lo: number;
  hi: number;
  last: Result | undefined;
}

/** What one entry costs beyond its result bytes (maps, arrays, the key): a rough bound. */
const ENTRY_OVERHEAD = 256;
const SLOT_OVERHEAD = 64;
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export interface VerdictCache {
  /** The cached result of `key` at `atMs` for `current`, if any. */
  get(current: CurrentSnapshot, key: string, atMs: number): Result | undefined;
  /** Keeps `result`, computed for `key` at `atMs` over `current`. */
  set(current: CurrentSnapshot, key: string, atMs: number, result: Result): void;
  /** Whether the cache may answer now: a stale snapshot (decided by the clock, not `at`) answers `unknown`, always computed. */
  usable(current: CurrentSnapshot, nowMs: number): boolean;
  readonly stats: { hits: number; misses: number; bytes: number; entries: number; clears: number };
}

/** Interval `i` of `e` (boundaries[i-1] ≤ at < boundaries[i]) is the one to try first next time. */
function remember(e: Entry, i: number, r: Result): void {
  e.lo = i === 0 ? -Infinity : e.boundaries[i - 1]!;
  e.hi = i === e.boundaries.length ? Infinity : e.boundaries[i]!;
  e.last = r;
}

export function createVerdictCache(maxBytes = DEFAULT_CACHE_BYTES): VerdictCache {
  let owner: CurrentSnapshot | undefined;
  let expiresMs = NaN;
  let entries = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0, bytes: 0, entries: 0, clears: 0 };

  const own = (current: CurrentSnapshot): void => {
    if (current === owner) return;
    owner = current;
    expiresMs = Date.parse(current.stored.expiresAt);
    entries = new Map();
    stats.bytes = 0;
    stats.entries = 0;
    stats.clears++;
  };

  // CLOCK (second chance), an approximation of least recently used: from the oldest, an entry
  // used since the last pass moves to the back once; the others go until the bytes fit.
  const evict = (): void => {
    while (stats.bytes > maxBytes && entries.size > 0) {
      for (const [k, e] of entries) {
        if (stats.bytes <= maxBytes) break;
        entries.delete(k);
        if (e.used) {
          e.used = false;
          entries.set(k, e);
          continue;
        }
        stats.bytes -= e.bytes;
        stats.entries--;
      }
    }
  };

  return {
    stats,
    usable(current, nowMs) {
      own(current);
      return nowMs < expiresMs;
    },
    get(current, key, atMs) {
      own(current);
      const e = entries.get(key);
      if (e === undefined) {
        stats.misses++;
        return undefined;
      }
      if (e.last !== undefined && atMs >= e.lo && atMs < e.hi) {
        stats.hits++;
        e.used = true;
        return e.last;
      }
      const i = intervalOf(e.boundaries, atMs);
      const r = e.slots.get(i);
      if (r === undefined) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      e.used = true;
      remember(e, i, r);
      return r;
    },
    set(current, key, atMs, result) {
      own(current);
      let e = entries.get(key);
      if (e === undefined) {
        const ref = refFromKey(key);
        if (!ref) return;
        e = { boundaries: listingBoundaries(current.verifier.view, ref, expiresMs), slots: new Map(), bytes: ENTRY_OVERHEAD, used: false, lo: 0, hi: 0, last: undefined };
        entries.set(key, e);
        stats.entries++;
        stats.bytes += ENTRY_OVERHEAD;
      }
      const i = intervalOf(e.boundaries, atMs);
      if (e.slots.has(i)) return;
      const cost = result.closed.length + SLOT_OVERHEAD;
      e.slots.set(i, result);
      remember(e, i, result);
      e.bytes += cost;
      stats.bytes += cost;
      if (stats.bytes > maxBytes) evict();
    },
  };
}
