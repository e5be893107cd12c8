import { type ListingRef, toEpochMs } from '@zjmade/sdk';
import type { Hono } from 'hono';
import { refFromKey } from '../../listing-key.js';
import type { RegistryService } from '../../service.js';
import { readJson, validate } from '../body.js';
import { fastVerifyBody } from '../fast-verify-body.js';
import { problem } from '../problem.js';
import { type ListingItem, MAX_BATCH, verifyBody } from '../schemas.js';
import { createVerdictCache } from '../verdict-cache.js';

type VerifyInput = ListingRef | string | { listing: ListingRef | string; text?: string };

function toInput(item: ListingItem): VerifyInput {
  if (typeof item === 'string') return item;
  if ('key' in item) {
    // An invalid key stays a string so the SDK answers `unknown` / `invalid-listing` for it.
    const listing = refFromKey(item.key) ?? item.key;
    return item.text === undefined ? listing : { listing, text: item.text };
  }
  return item.text === undefined ? item.url : { listing: item.url, text: item.text };
}

function cacheKey(item: ListingItem): string {
  if (typeof item === 'string') return `s\u0000${item}`;
  if ('key' in item) return `k\u0000${item.key}\u0000${item.text ?? ''}`;
  return `u\u0000${item.url}\u0000${item.text ?? ''}`;
}

export interface VerifyRouteOptions {
  /** Reuse serialised verdicts for up to this many ms (requests without `at`); 0 turns it off. */
  verdictCacheMs?: number;
}

export function verifyRoutes(app: Hono, service: RegistryService, opts: VerifyRouteOptions = {}): void {
  const ttl = opts.verdictCacheMs ?? 1000;
  const cache = ttl > 0 ? createVerdictCache(ttl) : undefined;

  app.post('/v1/verify', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const v = json.value as { listings?: unknown };
    if (v && typeof v === 'object' && Array.isArray(v.listings) && v.listings.length > MAX_BATCH) {
      return problem(c, 'batch-too-large', `At most ${MAX_BATCH} listings per request; got ${v.listings.length}.`, [
        { path: '/listings', message: `at most ${MAX_BATCH} items` },
      ]);
    }
    let value = fastVerifyBody(json.value);
    if (!value) {
      const body = validate(c, verifyBody, json.value);
      if (!body.ok) return body.response;
      value = body.value;
    }
    const { listings, at } = value;
    if (at !== undefined && !Number.isFinite(toEpochMs(at))) {
      return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
    }
    const current = service.current();
    if (!current) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    const { sequence, issuedAt } = current.stored;
    if (!cache || at !== undefined) {
      const results = current.verifier.verifyMany(listings.map(toInput), at === undefined ? {} : { at });
      return c.json({ results, snapshot: { sequence, issuedAt } });
    }
    // Same JSON as above, assembled from cached verdicts; misses go to the SDK in one batch.
    const now = Date.now();
    cache.use(sequence);
    const parts: string[] = new Array(listings.length);
    const keys = listings.map(cacheKey);
    const missing: number[] = [];
    keys.forEach((k, i) => {
      const hit = cache.get(k, now);
      if (hit === undefined) missing.push(i);
      else parts[i] = hit;
    });
    if (missing.length) {
      const verdicts = current.verifier.verifyMany(missing.map((i) => toInput(listings[i]!)));
      missing.forEach((i, j) => {
        const s = JSON.stringify(verdicts[j]);
        parts[i] = s;
        cache.set(keys[i]!, s, now);
      });
    }
    const body = `{"results":[${parts.join(',')}],"snapshot":${JSON.stringify({ sequence, issuedAt })}}`;
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
}
