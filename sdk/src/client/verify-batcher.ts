import type { Verdict } from '../verdict.js';
import { decodeVerifyAnswer } from './decode-verify.js';
import { isObject, type RegistryError } from './errors.js';
import type { Send } from './transport.js';
import type { RegistryClientOptions } from './types.js';

export type Outcome = Verdict | RegistryError;

/** One listing at one time, shared by every caller that asks for it while it is pending or in flight. */
export interface Slot {
  id: string;
  key: string;
  waiters: number;
  promise: Promise<Outcome>;
  settle: (outcome: Outcome) => void;
  batch?: { ctl: AbortController; slots: Slot[] };
}

export interface Batcher {
  /** The cached verdict for `key` at `at`, or the promise of its slot, which gains a waiter and is added to `joined`. */
  ask(key: string, at: string | undefined, joined: Slot[]): Verdict | Promise<Outcome>;
  /** A waiter gave up; the request is cancelled once nobody waits for any of its listings. */
  leave(slot: Slot): void;
}

/** The registry's verdicts, in order, for `keys`, from its (compact) answer; their source says they came online. */
const readResults = (keys: readonly string[]) => async (res: Response) => {
  const body: unknown = await res.json();
  const { sequence, issuedAt } = (isObject(body) && isObject(body.snapshot) ? body.snapshot : {}) as { sequence?: number; issuedAt?: string };
  return decodeVerifyAnswer(body, keys).map(
    (v): Verdict => ({ ...v, source: { kind: 'online', sample: (v.source as { sample?: unknown }).sample === true, sequence, issuedAt } }),
  );
};

/**
 * Coalesces every `ask` made in the same tick into POST /v1/verify requests of at most
 * `maxBatch` listings per distinct `at`, de-duplicates listings in flight, and keeps answers in a
 * TTL cache that forgets the least recently used entry when full.
 */
export function createBatcher(send: Send, options: RegistryClientOptions): Batcher {
  const now = options.now ?? Date.now;
  // `cache: false` is a cache that holds nothing.
  const cacheOptions: { ttlMs?: number; maxEntries?: number } = options.cache === false ? { maxEntries: 0 } : (options.cache ?? {});
  const { ttlMs = 60_000, maxEntries = 2000 } = cacheOptions;
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  // Map order is recency: a hit is re-inserted at the young end.
  const cache = new Map<string, [verdict: Verdict, expires: number]>();
  const remember = (id: string, entry: [Verdict, number]) => {
    cache.delete(id);
    cache.set(id, entry);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  };
  const inFlight = new Map<string, Slot>();
  // Slots asked for this tick, by `at`.
  let pending = new Map<string | undefined, Slot[]>();
  const forget = (s: Slot) => inFlight.get(s.id) === s && inFlight.delete(s.id);
  const settle = (s: Slot, outcome: Outcome) => {
    forget(s);
    s.settle(outcome);
  };

  const post = (at: string | undefined, slots: Slot[]) => {
    const ctl = new AbortController();
    const batch = { ctl, slots };
    const keys = slots.map((s) => {
      s.batch = batch;
      return s.key;
    });
    const body = JSON.stringify({ listings: keys.map((key) => ({ key })), at });
    send('/v1/verify', readResults(keys), ctl.signal, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then(
        (verdicts) =>
          slots.forEach((s, i) => {
            const verdict = verdicts[i]!;
            // `unknown` is no answer: asking again soon may get one.
            if (verdict.status !== 'unknown') remember(s.id, [verdict, now() + ttlMs]);
            settle(s, verdict);
          }),
        // RegistryErrors, unless a test seam (`fetch`, `sleep`) throws something else.
        (error: RegistryError) => {
          for (const s of slots) settle(s, error);
        },
      );
  };

  const flush = () => {
    const groups = pending;
    pending = new Map();
    for (const [at, asked] of groups) {
      const slots = asked.filter((s) => s.waiters > 0);
      for (let i = 0; i < slots.length; i += maxBatch) post(at, slots.slice(i, i + maxBatch));
    }
  };

  return {
    ask(key, at, joined) {
      const id = `${key}|${at}`;
      const hit = cache.get(id);
      if (hit && hit[1] > now()) {
        remember(id, hit);
        return hit[0];
      }
      let slot = inFlight.get(id);
      if (!slot) {
        const s = { id, key, waiters: 0 } as Slot;
        s.promise = new Promise((resolve) => {
          s.settle = resolve;
        });
        slot = s;
        inFlight.set(id, s);
        if (!pending.size) queueMicrotask(flush);
        const group = pending.get(at);
        if (group) group.push(s);
        else pending.set(at, [s]);
      }
      slot.waiters++;
      joined.push(slot);
      return slot.promise;
    },
    leave(slot) {
      if (--slot.waiters > 0) return;
      const batch = slot.batch;
      // Not sent yet: the flush skips it and a later caller starts afresh.
      if (!batch) forget(slot);
      else if (batch.slots.every((s) => s.waiters <= 0)) {
        for (const s of batch.slots) forget(s);
        batch.ctl.abort();
      }
    },
  };
}
