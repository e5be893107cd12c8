import type { Verdict, VerdictSource } from '../verdict.js';
import { invalidResponse, RegistryError } from './errors.js';
import { isObject, isVerdict } from './guards.js';
import type { TtlCache } from './lru-cache.js';
import type { Send } from './transport.js';

export type Outcome = { verdict: Verdict; error?: undefined } | { error: RegistryError; verdict?: undefined };

/** One listing at one time, shared by every caller that asks for it while it is pending or in flight. */
export interface Slot {
  id: string;
  key: string;
  waiters: number;
  promise: Promise<Outcome>;
  settle: (outcome: Outcome) => void;
  batch?: { ctl: AbortController; slots: Slot[] };
}

interface Group {
  at: string | undefined;
  slots: Slot[];
}

export interface Batcher {
  /** The slot for `key` at `bucket` (one per id), with one more waiter. */
  join(key: string, bucket: string, at: string | undefined): Slot;
  /** A waiter gave up; the request is cancelled once nobody waits for any of its listings. */
  leave(slot: Slot): void;
}

function readResults(keys: readonly string[]) {
  return async (res: Response): Promise<Verdict[]> => {
    const body: unknown = await res.json();
    if (!isObject(body) || !Array.isArray(body.results) || body.results.length !== keys.length) {
      throw invalidResponse('verify response');
    }
    const snap = isObject(body.snapshot) ? body.snapshot : {};
    return body.results.map((v: unknown, i): Verdict => {
      if (!isVerdict(v) || !(v.key === keys[i] || (v.key === null && v.status === 'unknown'))) {
        throw invalidResponse('verdict');
      }
      const { sequence, issuedAt } = snap as { sequence?: number; issuedAt?: string };
      const source: VerdictSource = { kind: 'online', sample: 'sample' in v.source && v.source.sample === true, sequence, issuedAt };
      return { ...v, source };
    });
  };
}

/**
 * Coalesces every `join` made in the same tick into POST /v1/verify requests of at most
 * `maxBatch` listings per distinct `at`, and de-duplicates listings in flight.
 */
export function createBatcher(
  send: Send,
  maxBatch: number,
  cache: TtlCache<Verdict> | undefined,
  clientSignal: AbortSignal | undefined,
): Batcher {
  const inFlight = new Map<string, Slot>();
  let pending = new Map<string, Group>();

  const finish = (slot: Slot, outcome: Outcome) => {
    if (inFlight.get(slot.id) === slot) inFlight.delete(slot.id);
    slot.settle(outcome);
  };

  const post = (at: string | undefined, slots: Slot[]) => {
    const ctl = new AbortController();
    const batch = { ctl, slots };
    for (const s of slots) s.batch = batch;
    const stop = () => ctl.abort();
    clientSignal?.addEventListener('abort', stop);
    const keys = slots.map((s) => s.key);
    const body = JSON.stringify({ listings: keys.map((key) => ({ key })), ...(at ? { at } : {}) });
    send('/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body }, ctl.signal, readResults(keys))
      .then(
        (verdicts) =>
          slots.forEach((s, i) => {
            const verdict = verdicts[i] as Verdict;
            // `unknown` is no answer: asking again soon may get one.
            if (verdict.status !== 'unknown') cache?.set(s.id, verdict);
            finish(s, { verdict });
          }),
        (error: unknown) => {
          const e = error instanceof RegistryError ? error : new RegistryError('network', String(error), { cause: error });
          for (const s of slots) finish(s, { error: e });
        },
      )
      .finally(() => clientSignal?.removeEventListener('abort', stop));
  };

  const flush = () => {
    const groups = pending;
    pending = new Map();
    for (const { at, slots } of groups.values()) {
      const live = slots.filter((s) => s.waiters > 0);
      for (let i = 0; i < live.length; i += maxBatch) post(at, live.slice(i, i + maxBatch));
    }
  };

  return {
    join(key, bucket, at) {
      const id = `${key}|${bucket}`;
      let slot = inFlight.get(id);
      if (!slot) {
        let settle!: (outcome: Outcome) => void;
        const promise = new Promise<Outcome>((resolve) => {
          settle = resolve;
        });
        slot = { id, key, waiters: 0, promise, settle };
        inFlight.set(id, slot);
        let group = pending.get(bucket);
        if (!group) {
          if (pending.size === 0) queueMicrotask(flush);
          group = { at, slots: [] };
          pending.set(bucket, group);
        }
        group.slots.push(slot);
      }
      slot.waiters++;
      return slot;
    },
    leave(slot) {
      if (--slot.waiters > 0) return;
      const batch = slot.batch;
      if (!batch) {
        // Not sent yet: the flush skips it; a later caller must start afresh.
        if (inFlight.get(slot.id) === slot) inFlight.delete(slot.id);
        return;
      }
      if (batch.slots.every((s) => s.waiters <= 0)) {
        for (const s of batch.slots) if (inFlight.get(s.id) === s) inFlight.delete(s.id);
        batch.ctl.abort();
      }
    },
  };
}

/** The cache and de-duplication key of a listing at a time (`now` when absent). */
export const bucketOf = (atMs: number | undefined): string => (atMs === undefined ? 'now' : String(atMs));
