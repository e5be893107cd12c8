import { toEpochMs, type ListingRef } from '@zjmade/sdk';
import type { Hono } from 'hono';
import { refFromKey } from '../../listing-key.js';
import type { RegistryService } from '../../service.js';
import { readJson, validate } from '../body.js';
import { problem } from '../problem.js';
import { type ListingItem, MAX_BATCH, verifyBody } from '../schemas.js';

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

export function verifyRoutes(app: Hono, service: RegistryService): void {
  app.post('/v1/verify', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return json.response;
    const v = json.value as { listings?: unknown };
    if (v && typeof v === 'object' && Array.isArray(v.listings) && v.listings.length > MAX_BATCH) {
      return problem(c, 'batch-too-large', `At most ${MAX_BATCH} listings per request; got ${v.listings.length}.`, [
        { path: '/listings', message: `at most ${MAX_BATCH} items` },
      ]);
    }
    const body = validate(c, verifyBody, json.value);
    if (!body.ok) return body.response;
    const { listings, at } = body.value;
    if (at !== undefined && !Number.isFinite(toEpochMs(at))) {
      return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
    }
    const current = service.current();
    if (!current) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    const results = current.verifier.verifyMany(listings.map(toInput), at === undefined ? {} : { at });
    const { sequence, issuedAt } = current.stored;
    return c.json({ results, snapshot: { sequence, issuedAt } });
  });
}
