import type { BusinessDate, ListingBinding, Platform } from '@zjmade/sdk';
import { dateOf, dayOf } from './days.js';
import type { EvaluationSeed } from './evaluations.js';
import { type ItemIdSequence, itemIdSequence } from './item-ids.js';
import { itemKey } from './listing-urls.js';
import { createRng, type Rng, weightedPicker } from './prng.js';
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
const MEAN_BATCH = (1 + MAX_BATCH) / 2;
/**
 * Share of bound batches an enterprise keeps on its evaluations that are valid at asOf (owners
 * move listings to renewed evaluations); the rest are bound to any of its evaluations, lapsed
 * ones included: the listings still on sale under a lapsed evaluation.
 */
const KEPT_CURRENT = 0.6;

function validAt(e: EvaluationSeed, asOf: BusinessDate): boolean {
  const last = e.evaluation.history[e.evaluation.history.length - 1];
  return e.evaluation.expires >= asOf && (last === undefined || last.status === 'valid');
}

const storeWeight = (s: StoreSeed): number =>
  PLATFORM_WEIGHT[s.store.platform] * (s.store.role === 'official-flagship' ? 3 : 1);

/** Fisher–Yates with the generator's own rng, so the order is part of the seed. */
function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Listing bindings: each enterprise's catalogue (`catalogueSize`, heavy-tailed, see
 * catalogue.ts) is listed batch by batch in its stores (official stores and the big platforms
 * list more, so a small catalogue often sits in one store). A store lists items in batches, one product line at a time: the batch's items share a listing
 * date, get nearby ids (see item-ids.ts) and are bound to one of the store enterprise's
 * evaluations; about 8% of batches are known only as the store's listings. Batches from all
 * stores are interleaved, as a registry receives them.
 */
export function generateBindings(
  seed: number,
  catalogueSize: readonly number[],
  stores: readonly StoreSeed[],
  evaluations: readonly EvaluationSeed[],
  asOf: BusinessDate,
): ListingBinding[] {
  const rng = createRng(seed ^ 0xb1d5);
  const asOfDay = dayOf(asOf);
  const byOwner: EvaluationSeed[][] = catalogueSize.map(() => []);
  for (const e of evaluations) byOwner[e.owner]!.push(e);
  const storesOf: StoreSeed[][] = catalogueSize.map(() => []);
  for (const s of stores) storesOf[s.owner]!.push(s);
  const keys = new Set<string>();
  const batches: ListingBinding[][] = [];
  catalogueSize.forEach((size, owner) => {
    const own = byOwner[owner]!;
    const current = own.filter((e) => validAt(e, asOf));
    const mine = storesOf[owner]!;
    if (size === 0 || mine.length === 0) return;
    const weights = mine.map(storeWeight);
    const total = weights.reduce((a, w) => a + w, 0);
    const pickStore = weightedPicker(weights.map((w, i) => [i, w] as const));
    const sequences = new Map<number, ItemIdSequence>();
    let left = size;
    while (left > 0) {
      const i = pickStore(rng);
      const { store } = mine[i]!;
      let ids = sequences.get(i);
      if (!ids) {
        // Enough id room for twice the batches this store is expected to list.
        ids = itemIdSequence(store.platform, rng, store.shopId, Math.ceil(((size * weights[i]!) / total / MEAN_BATCH) * 2) + 4);
        sequences.set(i, ids);
      }
      const unbound = own.length === 0 || rng.chance(UNBOUND_SHARE);
      const pool = current.length > 0 && rng.chance(KEPT_CURRENT) ? current : own;
      const evaluation = unbound ? undefined : pool[rng.int(0, pool.length - 1)]!.evaluation;
      const storeSince = dayOf(store.since);
      const from = evaluation ? Math.max(storeSince, dayOf(evaluation.issued)) : storeSince;
      const sinceDay = Math.min(asOfDay, from + rng.int(0, evaluation ? 60 : 300));
      const since = dateOf(sinceDay);
      const batchSize = Math.min(left, rng.int(1, MAX_BATCH));
      const batch: ListingBinding[] = [];
      for (let n = 0; n < batchSize; n++) {
        const key = itemKey(store.platform, ids.next(rng, sinceDay, n === 0));
        if (keys.has(key)) continue; // a rare clash with another store's ids: the first keeps it
        keys.add(key);
        batch.push(evaluation ? { key, store: store.key, evaluationId: evaluation.id, since } : { key, store: store.key, since });
      }
      left -= batch.length;
      if (batch.length > 0) batches.push(batch);
    }
  });
  return shuffle(rng, batches).flat();
}
