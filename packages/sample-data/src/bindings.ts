import type { BusinessDate, ListingBinding, Platform } from '@zjmade/sdk';
import { dateOf, dayOf } from './days.js';
import type { EvaluationSeed } from './evaluations.js';
import { type ItemIdSequence, itemIdSequence } from './item-ids.js';
import { itemKey } from './listing-urls.js';
import { createRng, weightedPicker } from './prng.js';
import type { StoreSeed } from './stores.js';

/** Relative listing volume per store on each platform. */
const PLATFORM_WEIGHT: Record<Platform, number> = {
  tmall: 5,
  taobao: 3,
  jd: 5,
  pinduoduo: 3,
  douyin: 2,
  '1688': 3,
  suning: 2,
  vip: 2,
  kuaishou: 1.5,
  xiaohongshu: 1.5,
};

/** Share of known store listings that are not bound to an evaluation (answered `store-only`). */
const UNBOUND_SHARE = 0.08;
/** A store lists a product line in one go: 1 to this many listings (colours, sizes, bundles). */
const MAX_BATCH = 16;

/**
 * Listing bindings: items spread over stores (official stores list more). A store lists items in
 * batches, one product line at a time: the batch's items share a listing date, get nearby ids
 * (see item-ids.ts) and are bound to one of the store enterprise's evaluations; about 8% of
 * batches are known only as the store's listings.
 */
export function generateBindings(
  seed: number,
  count: number,
  stores: readonly StoreSeed[],
  evaluations: readonly EvaluationSeed[],
  enterpriseCount: number,
  asOf: BusinessDate,
): ListingBinding[] {
  const rng = createRng(seed ^ 0xb1d5);
  const asOfDay = dayOf(asOf);
  const byOwner: EvaluationSeed[][] = Array.from({ length: enterpriseCount }, () => []);
  for (const e of evaluations) byOwner[e.owner]!.push(e);
  const pickStore = weightedPicker(
    stores.map((s) => [s, PLATFORM_WEIGHT[s.store.platform] * (s.store.role === 'official-flagship' ? 3 : 1)] as const),
  );
  const sequences = new Map<string, ItemIdSequence>();
  const keys = new Set<string>();
  const out: ListingBinding[] = [];
  while (out.length < count) {
    const { store, owner } = pickStore(rng);
    let ids = sequences.get(store.key);
    if (!ids) {
      ids = itemIdSequence(store.platform, rng, store.shopId);
      sequences.set(store.key, ids);
    }
    const own = byOwner[owner]!;
    const storeSince = dayOf(store.since);
    const unbound = own.length === 0 || rng.chance(UNBOUND_SHARE);
    const evaluation = unbound ? undefined : own[rng.int(0, own.length - 1)]!.evaluation;
    const from = evaluation ? Math.max(storeSince, dayOf(evaluation.issued)) : storeSince;
    const sinceDay = Math.min(asOfDay, from + rng.int(0, evaluation ? 60 : 300));
    const since = dateOf(sinceDay);
    const size = Math.min(count - out.length, rng.int(1, MAX_BATCH));
    for (let i = 0; i < size; i++) {
      const key = itemKey(store.platform, ids.next(rng, sinceDay, i === 0));
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(evaluation ? { key, store: store.key, evaluationId: evaluation.id, since } : { key, store: store.key, since });
    }
  }
  return out;
}
