import { toEpochMs } from '../business-time.js';
import { parseListingUrl } from '../listing-url.js';
import type { ListingRef } from '../model.js';
import { sha256Hex } from '../snapshot/ed25519.js';
import { openSnapshot } from '../snapshot/open.js';
import { openPointer } from '../snapshot/pointer.js';
import type { SnapshotVerifier } from '../snapshot/types.js';
import type { Verdict, VerdictSource } from '../verdict.js';
import { unknownVerdict } from '../verify-listing.js';
import { abortedError, invalidResponse, isObject, type JsonObject, RegistryError } from './errors.js';
import { createSend } from './transport.js';
import type { CallOptions, ClientVerifyOptions, RegistryClient, RegistryClientOptions, VerifyInput } from './types.js';
import { createBatcher, type Outcome, type Slot } from './verify-batcher.js';

/** Default and maximum age of a "latest" pointer a memoryless client accepts: one hour. */
export const POINTER_WINDOW_MS = 3_600_000;

const KEY_RE = /^[a-z0-9]+:(item|shop):\S+$/;
const NONE: VerdictSource = { kind: 'none' };

interface Target {
  key: string;
  ref: ListingRef | null;
  text?: string | undefined;
}

/**
 * A ref or `{ key }` (by its key); `{ url }`; or a string, as a URL, else as a key. Only the key
 * is ever sent.
 */
function targetOf(input: VerifyInput): Target | undefined {
  const o: JsonObject = isObject(input) ? input : { url: input };
  const own = typeof o.key === 'string';
  const ref = own
    ? 'platform' in o && 'kind' in o
      ? (o as unknown as ListingRef)
      : null
    : typeof o.url === 'string'
      ? parseListingUrl(o.url)
      : null;
  const key = ref?.key ?? (own ? o.key : input);
  return typeof key === 'string' && KEY_RE.test(key)
    ? { key, ref, text: typeof o.text === 'string' ? o.text : undefined }
    : undefined;
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

  let current: SnapshotVerifier | null = null;
  let etag: string | null = null;
  let digest = '';
  let lastError: Error | null = null;
  const store = options.store;
  // The rollback window: a memoryless client accepts a snapshot only when a signed pointer issued
  // within this much of its clock names it. Capped at one hour (issue 15, defect 5).
  const window = Math.min(options.maxPointerAgeMs ?? POINTER_WINDOW_MS, POINTER_WINDOW_MS);
  const refuse = (message: string) => new RegistryError('validation', message);

  async function snapshot(o: CallOptions = {}): Promise<SnapshotVerifier> {
    try {
      const saved = await store?.read();
      // The highest sequence ever accepted: by this object, or by any earlier one sharing the store.
      const floor = Math.max(saved?.sequence ?? 0, current?.info.sequence ?? 0);
      // Without memory of an accepted sequence, only a fresh signed pointer says what is current.
      const pointer = saved
        ? undefined
        : await send('/v1/snapshot/latest', async (res) => openPointer(await res.text(), options.trustedKeys), o.signal);
      if (pointer && !(Math.abs(now() - Date.parse(pointer.issuedAt)) <= window)) throw refuse('Stale');
      const check = (opened: SnapshotVerifier, hash: string) => {
        const { sequence } = opened.info;
        if (sequence < floor) throw refuse(`Rollback: ${sequence} is older than ${floor}`);
        if (pointer && (sequence !== pointer.sequence || hash !== pointer.sha256)) throw refuse('Not the pointer\'s snapshot');
        return opened;
      };
      let bytes: Uint8Array | undefined;
      let hash = digest;
      const next = await send(
        '/v1/snapshot',
        async (res) => {
          if (res.status === 304) {
            if (current) return check(current, digest);
            throw invalidResponse();
          }
          bytes = new Uint8Array(await res.arrayBuffer());
          hash = await sha256Hex(bytes);
          const opened = check(await openSnapshot(bytes, options), hash);
          etag = res.headers.get('etag');
          return opened;
        },
        o.signal,
        // The ETag belongs to the current snapshot: both are set together.
        { headers: etag ? { 'if-none-match': etag } : {} },
        304,
      );
      // Remembered before it is used: a crash right after cannot forget the sequence.
      if (bytes && next.info.sequence > (saved?.sequence ?? -1)) await store?.write({ sequence: next.info.sequence, bytes, etag });
      current = next;
      digest = hash;
      lastError = null;
    } catch (error) {
      lastError = error as Error;
      if (!current) throw error;
    }
    return current;
  }

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
    snapshot,
    currentSnapshot: () => current,
    snapshotAge: () => (current ? now() - Date.parse(current.info.issuedAt) : null),
    get lastError() {
      return lastError;
    },
    enterprise: (uscc, o) => lookup(o, 'uscc', 'enterprises', uscc),
    evaluation: (id, o) => lookup(o, 'id', 'evaluations', id),
    standard: (code, o) => lookup(o, 'code', 'standards', code),
    store: (platform, shopId, o) => lookup(o, 'key', 'stores', platform, shopId),
    listing: (key, o) => lookup(o, 'key', 'listings', key),
  };
}
