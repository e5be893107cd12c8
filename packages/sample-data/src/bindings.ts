import type { BusinessDate, ListingBinding, Platform } from '@zjmade/sdk';
import { dateOf, dayOf } from './days.js';
import type { EvaluationSeed } from './evaluations.js';
import { newItem } from './listing-urls.js';
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

/**
 * Listing bindings: items spread over stores (official stores list more), each bound to one of
 * the store enterprise's evaluations, about 8% known only as the store's listings.
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
  const keys = new Set<string>();
  const out: ListingBinding[] = [];
  while (out.length < count) {
    const { store, owner } = pickStore(rng);
    const item = newItem(store.platform, rng, store.shopId);
    if (keys.has(item.key)) continue;
    keys.add(item.key);
    const own = byOwner[owner]!;
    const storeSince = dayOf(store.since);
    if (own.length === 0 || rng.chance(UNBOUND_SHARE)) {
      out.push({ key: item.key, store: store.key, since: dateOf(Math.min(asOfDay, storeSince + rng.int(0, 300))) });
      continue;
    }
    const evaluation = own[rng.int(0, own.length - 1)]!.evaluation;
    const from = Math.max(storeSince, dayOf(evaluation.issued));
    out.push({
      key: item.key,
      store: store.key,
      evaluationId: evaluation.id,
      since: dateOf(Math.min(asOfDay, from + rng.int(0, 60))),
    });
  }
  return out;
}
