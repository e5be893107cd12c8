import { toEpochMs } from '../business-time.js';
import { detectClaims } from '../claims.js';
import { parseListingUrl } from '../listing-url.js';
import type { Enterprise, Evaluation, ListingBinding, ListingRef, Standard, Store } from '../model.js';
import { openSnapshot } from '../snapshot/open.js';
import type { SnapshotVerifier } from '../snapshot/types.js';
import type { Verdict } from '../verdict.js';
import { unknownVerdict } from '../verify-listing.js';
import { abortedError, invalidResponse, RegistryError } from './errors.js';
import { isObject } from './guards.js';
import { createTtlCache } from './lru-cache.js';
import { abortableSleep, createSend } from './transport.js';
import type { ClientVerifyOptions, RegistryClient, RegistryClientOptions, VerifyInput } from './types.js';
import { bucketOf, createBatcher, type Outcome, type Slot } from './verify-batcher.js';

const KEY_RE = /^[a-z0-9]+:(item|shop):\S+$/;

interface Target {
  ref: ListingRef | null;
  key: string;
  text: string | undefined;
}

function targetOf(input: VerifyInput): Target | null {
  if (typeof input === 'string') {
    const ref = parseListingUrl(input);
    if (ref) return { ref, key: ref.key, text: undefined };
    return KEY_RE.test(input) ? { ref: null, key: input, text: undefined } : null;
  }
  const o: unknown = input;
  if (!isObject(o)) return null;
  const text = typeof o.text === 'string' ? o.text : undefined;
  if (typeof o.key === 'string') {
    if (!KEY_RE.test(o.key)) return null;
    return { ref: 'platform' in o && 'kind' in o ? (input as ListingRef) : null, key: o.key, text };
  }
  const ref = typeof o.url === 'string' ? parseListingUrl(o.url) : null;
  return ref ? { ref, key: ref.key, text } : null;
}

/** Ties a per-call signal to the client's, so either cancels. */
function linked(a: AbortSignal | undefined, b: AbortSignal | undefined): [AbortSignal | undefined, () => void] {
  if (!a || !b) return [a ?? b, () => {}];
  const ctl = new AbortController();
  const abort = () => ctl.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener('abort', abort);
  b.addEventListener('abort', abort);
  const unlink = () => {
    a.removeEventListener('abort', abort);
    b.removeEventListener('abort', abort);
  };
  return [ctl.signal, unlink];
}

/**
 * An online registry client: batched, coalesced, de-duplicated and cached verification that
 * degrades to `unknown`, signed snapshot downloads that keep the last good one, and look-ups.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const now = options.now ?? Date.now;
  const send = createSend({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 8000,
    retries: options.retries ?? 3,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
  });
  const cacheOptions = options.cache ?? { ttlMs: 60_000 };
  const cache = cacheOptions ? createTtlCache<Verdict>(cacheOptions.ttlMs, cacheOptions.maxEntries ?? 2000, now) : undefined;
  const clientSignal = options.signal;
  const batcher = createBatcher(send, Math.max(1, options.maxBatch ?? 500), cache, clientSignal);

  async function run(inputs: readonly VerifyInput[], o: ClientVerifyOptions, strict: boolean): Promise<Verdict[]> {
    const atMs = o.at === undefined ? undefined : toEpochMs(o.at, now);
    const answerAt = atMs ?? now();
    const targets = inputs.map(targetOf);
    const slots: Slot[] = [];
    let outcomes: Array<Outcome | undefined>;
    if (atMs !== undefined && !Number.isFinite(atMs)) {
      outcomes = targets.map(() => ({ error: new RegistryError('validation', 'Invalid `at`.') }));
    } else if (clientSignal?.aborted || o.signal?.aborted) {
      outcomes = targets.map(() => ({ error: abortedError() }));
    } else {
      const bucket = bucketOf(atMs);
      const at = atMs === undefined ? undefined : new Date(atMs).toISOString();
      const waits = targets.map((target) => {
        if (!target) return undefined;
        const verdict = cache?.get(`${target.key}|${bucket}`);
        if (verdict) return { verdict };
        const slot = batcher.join(target.key, bucket, at);
        slots.push(slot);
        return slot.promise;
      });
      outcomes = await new Promise((resolve) => {
        const signal = o.signal;
        const onAbort = () => {
          for (const s of slots) batcher.leave(s);
          resolve(targets.map(() => ({ error: abortedError() })));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        Promise.all(waits).then((done) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(done);
        });
      });
    }
    return targets.map((target, i) => {
      if (!target) return unknownVerdict(null, 'invalid-listing', 'Not a listing.', answerAt, { kind: 'none' });
      const outcome = outcomes[i] as Outcome;
      const { ref, text } = target;
      if (outcome.error) {
        if (strict) throw outcome.error;
        const e = outcome.error;
        const unreachable = e.kind === 'network' || e.kind === 'timeout' || (e.status ?? 0) >= 500 || e.status === 429;
        const v = unknownVerdict(ref, unreachable ? 'unreachable' : 'error', e.message, answerAt, { kind: 'none' }, text);
        return { ...v, key: target.key };
      }
      const claims = text ? detectClaims(text).map((c) => c.text) : [];
      const v = outcome.verdict;
      return {
        ...v,
        ref: ref ?? v.ref,
        claims,
        claim: claims.length === 0 ? 'none' : v.status === 'verified' ? 'backed' : 'unbacked',
      };
    });
  }

  let current: SnapshotVerifier | null = null;
  let etag: string | null = null;
  let lastError: Error | null = null;

  async function snapshot(o: { signal?: AbortSignal } = {}): Promise<SnapshotVerifier> {
    const [signal, unlink] = linked(clientSignal, o.signal);
    try {
      const got = await send(
        '/v1/snapshot',
        { headers: current && etag ? { 'if-none-match': etag } : {} },
        signal,
        async (res) =>
          res.status === 304 ? null : { bytes: new Uint8Array(await res.arrayBuffer()), etag: res.headers.get('etag') },
        [304],
      );
      if (!got) {
        if (!current) throw invalidResponse('304 without a snapshot');
        lastError = null;
        return current;
      }
      const opened = await openSnapshot(got.bytes, { trustedKeys: options.trustedKeys, now });
      if (current && opened.info.sequence < current.info.sequence) {
        throw new RegistryError(
          'validation',
          `Rollback: sequence ${opened.info.sequence} is older than ${current.info.sequence}.`,
        );
      }
      current = opened;
      etag = got.etag;
      lastError = null;
      return opened;
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
      if (current) return current;
      throw lastError;
    } finally {
      unlink();
    }
  }

  /** GET a record: null on 404; it must at least carry its identity field. */
  async function lookup<T>(path: string, idField: string, o: { signal?: AbortSignal } = {}): Promise<T | null> {
    const [signal, unlink] = linked(clientSignal, o.signal);
    try {
      return await send(
        path,
        {},
        signal,
        async (res) => {
          if (res.status === 404) return null;
          const body: unknown = await res.json();
          if (!isObject(body) || typeof body[idField] !== 'string') throw invalidResponse('record');
          return body as T;
        },
        [404],
      );
    } finally {
      unlink();
    }
  }
  const enc = encodeURIComponent;

  return {
    verify: (listings, o = {}) => run(listings, o, false),
    verifyStrict: (listings, o = {}) => run(listings, o, true),
    snapshot,
    currentSnapshot: () => current,
    snapshotAge: () => (current ? now() - Date.parse(current.info.issuedAt) : null),
    get lastError() {
      return lastError;
    },
    enterprise: (uscc, o) => lookup<Enterprise>(`/v1/enterprises/${enc(uscc)}`, 'uscc', o),
    evaluation: (id, o) => lookup<Evaluation>(`/v1/evaluations/${enc(id)}`, 'id', o),
    standard: (code, o) => lookup<Standard>(`/v1/standards/${enc(code)}`, 'code', o),
    store: (platform, shopId, o) => lookup<Store>(`/v1/stores/${enc(platform)}/${enc(shopId)}`, 'key', o),
    listing: (key, o) => lookup<ListingBinding>(`/v1/listings/${enc(key)}`, 'key', o),
  };
}
