import { toEpochMs } from '../business-time.js';
import { listingOf } from '../listing-key.js';
import type { ListingRef } from '../model.js';
import { createSnapshotSync } from '../sync/lifecycle.js';
import type { Verdict, VerdictSource } from '../verdict.js';
import { unknownVerdict } from '../verify-listing.js';
import { abortedError, invalidResponse, isObject, RegistryError } from './errors.js';
import { createSend } from './transport.js';
import type { CallOptions, ClientVerifyOptions, RegistryClient, RegistryClientOptions, VerifyInput } from './types.js';
import { createBatcher, type Outcome, type Slot } from './verify-batcher.js';

/** Default and maximum age of a "latest" pointer a memoryless client accepts: one hour. */
export const POINTER_WINDOW_MS = 3_600_000;

const NONE: VerdictSource = { kind: 'none' };

interface Target {
  key: string;
  ref: ListingRef | null;
  text?: string | undefined;
}

/** Any `ListingInput`, read as every verifier reads it (`listingOf`). Only the key is ever sent. */
function targetOf(input: VerifyInput): Target | undefined {
  const { ref, text } = listingOf(input);
  return ref ? { key: ref.key, ref, text } : undefined;
}

/**
 * An online registry client: batched, coalesced, de-duplicated and cached verification that
 * degrades to `unknown`, signed snapshot downloads that keep the last good one, and look-ups.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const now = options.now ?? Date.now;
  const send = createSend(options);
  const batcher = createBatcher(send, options);

  async function run(inputs: readonly VerifyInput[], o: ClientVerifyOptions, strict: boolean): Promise<Verdict[]> {
    const answerAt = toEpochMs(o.at, now);
    // null for an invalid or out-of-range `at`; undefined lets the registry use its own clock.
    const at = o.at === undefined ? undefined : new Date(answerAt).toJSON();
    const signal = o.signal;
    const targets = inputs.map(targetOf);
    const joined: Slot[] = [];
    let outcomes: Array<Outcome | undefined>;
    try {
      if (at === null) throw new RegistryError('validation', 'Invalid `at`');
      if (options.signal?.aborted || signal?.aborted) throw abortedError();
      outcomes = await new Promise((resolve, reject) => {
        const onAbort = () => {
          joined.forEach(batcher.leave);
          reject(abortedError());
        };
        signal?.addEventListener('abort', onAbort);
        Promise.all(targets.map((t) => t && batcher.ask(t.key, at, joined))).then((done) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(done);
        });
      });
    } catch (error) {
      outcomes = targets.map(() => error as RegistryError);
    }
    return targets.map((t, i) => {
      if (!t) return unknownVerdict(null, 'invalid-listing', 'Not a listing', answerAt, NONE);
      const out = outcomes[i]!;
      const failed = out instanceof Error;
      if (failed && strict) throw out;
      const unreachable = failed && (out.kind === 'network' || out.kind === 'timeout' || out.status! >= 500 || out.status === 429);
      // The verdict for a failure; for an answer, only its claims (found locally in the text) are used.
      const local = unknownVerdict(t.ref, unreachable ? 'unreachable' : 'error', failed ? out.message : '', answerAt, NONE, t.text);
      return failed
        ? { ...local, key: t.key }
        : {
            ...out,
            ref: t.ref ?? out.ref,
            claims: local.claims,
            claim: out.status === 'verified' && local.claims.length ? 'backed' : local.claim,
          };
    });
  }

  // The rollback window: a snapshot or delta chain is accepted only when a signed pointer issued
  // within this much of the client's clock names it. Capped at one hour (issue 15, defect 5).
  const sync = createSnapshotSync(send, {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    trustedKeys: options.trustedKeys,
    store: options.store,
    deltas: options.deltas,
    layout: options.layout,
    window: Math.min(options.maxPointerAgeMs ?? POINTER_WINDOW_MS, POINTER_WINDOW_MS),
    maxChain: options.maxChain,
    now,
  });
  const current = sync.current;

  /** GET a record: null on 404; it must at least carry its identity field. */
  const lookup = <T>(o: CallOptions | undefined, idField: string, ...segments: string[]): Promise<T | null> =>
    send(
      `/v1/${segments.map(encodeURIComponent).join('/')}`,
      async (res) => {
        if (res.status === 404) return null;
        const body: unknown = await res.json();
        if (!isObject(body) || typeof body[idField] !== 'string') throw invalidResponse();
        return body as T;
      },
      o?.signal,
      {},
      404,
    );

  return {
    verify: (listings, o = {}) => run(listings, o, false),
    verifyStrict: (listings, o = {}) => run(listings, o, true),
    snapshot: (o = {}) => sync.refresh(o.signal),
    restoreSnapshot: sync.load,
    currentSnapshot: current,
    snapshotAge: () => {
      const v = current();
      return v ? now() - Date.parse(v.info.issuedAt) : null;
    },
    onChange: sync.onChange,
    get lastError() {
      return sync.lastError;
    },
    get lastUpdate() {
      return sync.lastUpdate;
    },
    enterprise: (uscc, o) => lookup(o, 'uscc', 'enterprises', uscc),
    evaluation: (id, o) => lookup(o, 'id', 'evaluations', id),
    standard: (code, o) => lookup(o, 'code', 'standards', code),
    store: (platform, shopId, o) => lookup(o, 'key', 'stores', platform, shopId),
    listing: (key, o) => lookup(o, 'key', 'listings', key),
    report: (r, o) =>
      send(
        '/v1/reports',
        async (res) => {
          const body: unknown = await res.json();
          if (!isObject(body) || typeof body.id !== 'string') throw invalidResponse();
          return { id: body.id, duplicate: body.duplicate === true };
        },
        o?.signal,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) },
      ),
  };
}
