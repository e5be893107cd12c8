import type { Verdict } from '@zjmade/sdk';
import { compactAnswerOf, type Result, resultOf } from '../http/batch-answer.js';
import type { ListingItem } from '../http/verify-schemas.js';
import type { CurrentSnapshot } from '../service.js';
import { cacheableKey, toInput, type VerifyInput } from './listing-input.js';
import type { VerdictCache } from './verdict-cache.js';

/**
 * The compact `/v1/verify` answer for `listings` at `atMs`, byte for byte what computing every
 * verdict gives (verdict-cache.property.test.ts): key-only listings are taken from the cache where
 * it holds them; the rest are verified in one `verifyMany` at the same `at`, and the cacheable ones
 * among them kept. Only plain verdicts are kept (a listing the registry answered for, at the
 * request's `at` and the snapshot's `source`): never `unknown` (stale, error, not a listing).
 */
export function cachedCompactAnswer(current: CurrentSnapshot, cache: VerdictCache, listings: readonly ListingItem[], atMs: number, nowMs: number): Buffer {
  const n = listings.length;
  const at = new Date(atMs).toISOString();
  const source = current.verifier.view.source;
  const results = new Array<Result>(n);
  const verdicts = new Array<Verdict | undefined>(n);
  const usable = cache.usable(current, nowMs);
  const missed: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = usable ? cacheableKey(listings[i]!) : undefined;
    const hit = key === undefined ? undefined : cache.get(current, key, atMs);
    if (hit !== undefined) results[i] = hit;
    else missed.push(i);
  }
  if (missed.length > 0) {
    const inputs = new Array<VerifyInput>(missed.length);
    for (let j = 0; j < missed.length; j++) inputs[j] = toInput(listings[missed[j]!]!);
    const computed = current.verifier.verifyMany(inputs, { at: atMs });
    for (let j = 0; j < missed.length; j++) {
      const i = missed[j]!;
      const v = computed[j]!;
      const r = resultOf(v);
      results[i] = r;
      verdicts[i] = v;
      const key = usable ? cacheableKey(listings[i]!) : undefined;
      if (key !== undefined && v.key === key && v.status !== 'unknown' && v.at === at && v.source === source && v.claims.length === 0) cache.set(current, key, atMs, r);
    }
  }
  return compactAnswerOf(results, verdicts, at, source, current.snapshotJson);
}
