import { type HttpHandler, HttpResponse, delay, http } from 'msw';
import { toEpochMs } from '../business-time.js';
import { createMemoryView } from '../memory-view.js';
import type { RegistryData } from '../model.js';
import type { TrustedKey } from '../snapshot/types.js';
import { readSnapshotInfo } from '../snapshot/open.js';
import { POINTER_MEDIA_TYPE, type SignedPointer } from '../snapshot/pointer-format.js';
import { signPointer } from '../snapshot/sign-pointer.js';
import type { Verdict } from '../verdict.js';
import { unknownVerdict, verifyListing } from '../verify-listing.js';
import { refFromKey } from '../listing-key.js';
import { verifyAnswer } from './compact-answer.js';

/** A simulated failure. Plans are consumed in order; each applies to `times` matching requests. */
export interface FailurePlan {
  /** Only requests whose path starts with this (e.g. `/v1/verify`). Default: every request. */
  path?: string;
  /** Answer with this status and a problem+json body. */
  status?: number;
  /** How many requests this plan applies to. Default: all of them (e.g. an outage). */
  times?: number;
  /** Retry-After header value sent with `status`: seconds or an HTTP date. */
  retryAfter?: string;
  /** Fail like an unreachable host (fetch rejects). */
  networkError?: boolean;
  /** Wait this long first; alone, the request is then answered normally (a slow registry). */
  delayMs?: number;
}

export interface RegistryHandlersOptions {
  /** The origin the client is configured with, e.g. `http://registry.test`. */
  baseUrl: string;
  /** The registry to answer from; default an empty one (every listing `not-found`). */
  data?: RegistryData;
  /** The signed snapshot file served at GET /v1/snapshot (404 without one). */
  snapshot?: Uint8Array;
  /**
   * Signs a "latest" pointer for the current snapshot on every GET /v1/snapshot/latest (404
   * without it), issued at `pointerIssuedAt()` (default: `now`).
   */
  pointerKey?: { privateKey: CryptoKey; kid: string };
  pointerIssuedAt?: () => number;
  /** Served at GET /v1/snapshot/latest as is, instead of signing one (replays, tampering). */
  pointer?: SignedPointer | string;
  /** Served at /.well-known/jwks.json. */
  trustedKeys?: readonly TrustedKey[];
  /** Batch maximum of POST /v1/verify (default 500, as the real registry). */
  maxBatch?: number;
  /** Reported with verify responses. */
  sequence?: number;
  /** Clock for verifying when the request has no `at`; default Date.now. */
  now?: () => number;
  failures?: FailurePlan | FailurePlan[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  /** Parsed JSON body, when there was one. */
  body?: unknown;
}

/** The handlers (spread them into `setupServer`) plus controls for the test. */
export type RegistryHandlers = HttpHandler[] & {
  /** Every request seen, in order. */
  readonly requests: RecordedRequest[];
  /** Adds failure plans (after the ones still pending). */
  fail(...plans: FailurePlan[]): void;
  /** Serves other snapshot bytes from now on (new ETag). */
  setSnapshot(bytes: Uint8Array | undefined): void;
  /** Serves this pointer from now on (undefined: sign one with `pointerKey` again). */
  setPointer(pointer: SignedPointer | string | undefined): void;
  /** Forgets recorded requests and pending failures. */
  reset(): void;
};

const EMPTY: RegistryData = {
  meta: { name: 'empty mock registry', sample: true, generatedAt: '2026-01-01T00:00:00Z' },
  enterprises: [],
  standards: [],
  evaluations: [],
  stores: [],
  bindings: [],
  sanctions: [],
};

const problem = (status: number, slug: string, detail: string, headers: Record<string, string> = {}) =>
  HttpResponse.json(
    { type: `https://zjmade.dev/problems/${slug}`, title: slug.replace(/-/g, ' '), status, detail },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );

/** FNV-1a over the bytes: a stable ETag for test snapshots. */
function etagOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return `"${h.toString(16)}-${bytes.length}"`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * msw 2 request handlers that stand in for the zjmade registry API, so a platform can test its
 * integration without a server:
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createRegistryHandlers } from '@zjmade/sdk/testing';
 * const registry = createRegistryHandlers({ baseUrl: 'http://registry.test', data, snapshot });
 * const server = setupServer(...registry);
 * server.listen({ onUnhandledRequest: 'error' });
 * registry.fail({ path: '/v1/verify', status: 503, retryAfter: '1', times: 2 });
 * expect(registry.requests.filter((r) => r.path === '/v1/verify')).toHaveLength(3);
 * ```
 *
 * Answers POST /v1/verify (the SDK's own `verifyListing` over `data`, in the registry's compact
 * form unless `?evidence=full` or `none`; more than `maxBatch` listings → 413 problem), GET /v1/snapshot (ETag, If-None-Match → 304), /.well-known/jwks.json,
 * the look-ups (`/v1/enterprises/{uscc}`, `/v1/evaluations/{id}`, `/v1/standards/{code}`,
 * `/v1/stores/{platform}/{shopId}`, `/v1/listings/{key}`: the model record or 404) and /v1/health.
 * Errors are RFC 9457 `application/problem+json`. `failures` simulate outages, slowness,
 * rate limits and network errors.
 */
export function createRegistryHandlers(options: RegistryHandlersOptions): RegistryHandlers {
  const base = options.baseUrl.replace(/\/+$/, '');
  const data = options.data ?? EMPTY;
  const view = createMemoryView(data);
  const maxBatch = options.maxBatch ?? 500;
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  let plans: Array<FailurePlan & { left: number }> = [];
  let snapshot = options.snapshot;
  let pointer = options.pointer;
  const fail = (...more: FailurePlan[]) => {
    for (const p of more) plans.push({ ...p, left: p.times ?? Number.POSITIVE_INFINITY });
  };
  fail(...(options.failures === undefined ? [] : [options.failures].flat()));

  const sequence = options.sequence ?? 0;
  const found = <T>(value: T | undefined) =>
    value === undefined ? problem(404, 'not-found', 'The registry has no such record.') : HttpResponse.json(value);
  const param = (value: string | readonly string[] | undefined) => decodeURIComponent(String(value));

  const verifyOne = (item: unknown, at: number): Verdict => {
    if (typeof item === 'string') return verifyListing(item, view, { at });
    if (isObject(item)) {
      const text = typeof item.text === 'string' ? item.text : undefined;
      const ref =
        typeof item.key === 'string' ? refFromKey(item.key) : typeof item.url === 'string' ? item.url : null;
      if (ref) return verifyListing(ref, view, { at, ...(text ? { text } : {}) });
    }
    return unknownVerdict(null, 'invalid-listing', 'Not a marketplace listing.', at, view.source);
  };

  const handlers: HttpHandler[] = [
    http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      let body: unknown;
      if (request.headers.get('content-type')?.includes('json')) body = await request.clone().json().catch(() => undefined);
      requests.push({ method: request.method, path: url.pathname, headers: request.headers, ...(body === undefined ? {} : { body }) });
      const plan = plans.find((p) => p.left > 0 && (p.path === undefined || url.pathname.startsWith(p.path)));
      if (!plan) return undefined;
      plan.left--;
      if (plan.delayMs) await delay(plan.delayMs);
      if (plan.networkError) return HttpResponse.error();
      if (plan.status) {
        return problem(plan.status, 'simulated-failure', `Simulated HTTP ${plan.status}.`, plan.retryAfter ? { 'retry-after': plan.retryAfter } : {});
      }
      return undefined;
    }),
    http.post(`${base}/v1/verify`, async ({ request }) => {
      const form = new URL(request.url).searchParams.get('evidence') ?? 'compact';
      if (form !== 'compact' && form !== 'full' && form !== 'none') {
        return problem(400, 'invalid-request', 'The `evidence` query parameter must be `compact`, `full` or `none`.');
      }
      const body: unknown = await request.json().catch(() => undefined);
      if (!isObject(body) || !Array.isArray(body.listings)) {
        return problem(400, 'invalid-request', 'Expected { listings: [...], at? }.');
      }
      if (body.listings.length > maxBatch) {
        return problem(413, 'batch-too-large', `At most ${maxBatch} listings per request.`);
      }
      const at = body.at === undefined ? now() : typeof body.at === 'string' ? toEpochMs(body.at) : Number.NaN;
      if (!Number.isFinite(at)) return problem(400, 'invalid-request', '`at` is not a valid date.');
      const verdicts = body.listings.map((item) => verifyOne(item, at));
      return HttpResponse.json(verifyAnswer(verdicts, { sequence, issuedAt: data.meta.generatedAt }, form, new Date(at).toISOString()));
    }),
    http.get(`${base}/v1/snapshot/latest`, async () => {
      const key = options.pointerKey;
      if (pointer === undefined && !(key && snapshot)) return problem(404, 'no-snapshot', 'No pointer has been published.');
      const body =
        pointer ??
        (await signPointer(
          { sequence: readSnapshotInfo(snapshot!).sequence, snapshot: snapshot!, issuedAt: new Date((options.pointerIssuedAt ?? now)()) },
          key!,
        ));
      return new HttpResponse(typeof body === 'string' ? body : JSON.stringify(body), {
        headers: { 'content-type': POINTER_MEDIA_TYPE, 'cache-control': 'no-cache' },
      });
    }),
    http.get(`${base}/v1/snapshot`, ({ request }) => {
      if (!snapshot) return problem(404, 'no-snapshot', 'No snapshot has been published.');
      const etag = etagOf(snapshot);
      if (request.headers.get('if-none-match') === etag) return new HttpResponse(null, { status: 304, headers: { etag } });
      return new HttpResponse(snapshot.slice(), {
        headers: { 'content-type': 'application/vnd.zjmade.snapshot', etag },
      });
    }),
    http.get(`${base}/.well-known/jwks.json`, () => HttpResponse.json({ keys: options.trustedKeys ?? [] })),
    http.get(`${base}/v1/health`, () => HttpResponse.json({ status: 'ok', sample: data.meta.sample, sequence })),
    http.get(`${base}/v1/enterprises/:uscc`, ({ params }) => found(view.enterprise(param(params.uscc)))),
    http.get(`${base}/v1/evaluations/:id`, ({ params }) => found(view.evaluation(param(params.id)))),
    http.get(`${base}/v1/standards/:code`, ({ params }) => found(view.standard(param(params.code)))),
    http.get(`${base}/v1/stores/:platform/:shopId`, ({ params }) =>
      found(view.store(`${param(params.platform)}:shop:${param(params.shopId)}`)),
    ),
    http.get(`${base}/v1/listings/:key`, ({ params }) => found(view.binding(param(params.key)))),
  ];

  return Object.assign(handlers, {
    requests,
    fail,
    setPointer(p: SignedPointer | string | undefined) {
      pointer = p;
    },
    setSnapshot(bytes: Uint8Array | undefined) {
      snapshot = bytes;
    },
    reset() {
      requests.length = 0;
      plans = [];
    },
  });
}
