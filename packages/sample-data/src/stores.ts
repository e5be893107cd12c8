import type { BusinessDate, Platform, Store, StoreRole } from '@zjmade/sdk';
import { BIG_BRAND_QUANTILE } from './catalogue.js';
import { dateOf, dayOf } from './days.js';
import type { EnterpriseSeed } from './enterprises.js';
import type { EvaluationSeed } from './evaluations.js';
import { newShop, shopKey } from './listing-urls.js';
import { createRng, type Rng } from './prng.js';

/** Chance that an enterprise runs an official store on the platform. */
const OFFICIAL: ReadonlyArray<readonly [Platform, number]> = [
  ['tmall', 0.55],
  ['jd', 0.45],
  ['taobao', 0.15],
  ['pinduoduo', 0.25],
  ['douyin', 0.3],
  ['1688', 0.3],
  ['suning', 0.08],
  ['vip', 0.06],
  ['kuaishou', 0.1],
  ['xiaohongshu', 0.08],
];
/** Big brands sell on most platforms: at least this many official stores. */
const BIG_BRAND_PLATFORMS = 5;
/** Mid-sized brands (the next 9%) open official stores somewhat more often. */
const MID_BRAND_QUANTILE = 0.1;
const AUTHORISED: readonly Platform[] = ['tmall', 'jd', 'taobao', 'pinduoduo', 'douyin'];
const TMALL_SUFFIXES = ['', 'jj', 'dq', 'jiaju', 'dianqi', 'gf', 'qjd', 'sm'];

const OFFICIAL_NAME: Record<Platform, string> = {
  tmall: '官方旗舰店',
  taobao: '官方店',
  jd: '京东自营旗舰店',
  pinduoduo: '官方旗舰店',
  douyin: '官方旗舰店',
  '1688': '源头工厂',
  suning: '官方旗舰店',
  vip: '官方旗舰店',
  kuaishou: '官方旗舰店',
  xiaohongshu: '官方店',
};

export interface StoreSeed {
  store: Store;
  owner: number;
}

function newStore(
  rng: Rng,
  taken: Set<string>,
  platform: Platform,
  role: StoreRole,
  seed: EnterpriseSeed,
  sinceDay: number,
): Store {
  let shop = newShop(platform, rng, '');
  for (let attempt = 0; ; attempt++) {
    const slug =
      role === 'official-flagship'
        ? `${seed.pinyin}${rng.pick(TMALL_SUFFIXES)}${attempt > 3 ? attempt : ''}`
        : `${seed.pinyin}zm${rng.int(1, 999)}`;
    shop = newShop(platform, rng, slug);
    if (!taken.has(shopKey(platform, shop.shopId))) break;
  }
  const key = shopKey(platform, shop.shopId);
  taken.add(key);
  const name =
    role === 'official-flagship'
      ? `${seed.trade}${OFFICIAL_NAME[platform]}`
      : `${seed.trade}${rng.pick(['专卖店', '家居专营店', '电器专营店', '授权店'])}`;
  const store: Store = {
    platform,
    shopId: shop.shopId,
    key,
    name,
    ...(shop.url ? { url: shop.url } : {}),
    uscc: seed.enterprise.uscc,
    role,
    since: dateOf(sinceDay),
  };
  return store;
}

/** Chance of an official store on a platform for an enterprise at size quantile `q`. */
function officialChance(p: number, q: number): number {
  if (q <= BIG_BRAND_QUANTILE) return Math.min(0.95, 2.5 * p + 0.2);
  if (q <= MID_BRAND_QUANTILE) return Math.min(0.9, 1.5 * p);
  return p;
}

/**
 * Official flagship and authorised stores; bigger brands (by catalogue quantile) run more of
 * them. A store opens after its enterprise's first evaluation; about 1% have closed (`until`
 * before asOf).
 */
export function generateStores(
  seed: number,
  parts: { enterprises: readonly EnterpriseSeed[]; evaluations: readonly EvaluationSeed[]; quantile: readonly number[] },
  asOf: BusinessDate,
): StoreSeed[] {
  const rng = createRng(seed ^ 0x5704e);
  const asOfDay = dayOf(asOf);
  const firstIssued = new Array<number>(parts.enterprises.length).fill(asOfDay);
  for (const e of parts.evaluations) {
    firstIssued[e.owner] = Math.min(firstIssued[e.owner]!, dayOf(e.evaluation.issued));
  }
  const taken = new Set<string>();
  const out: StoreSeed[] = [];
  parts.enterprises.forEach((ent, owner) => {
    const open = (platform: Platform, role: StoreRole): void => {
      const start = firstIssued[owner]!;
      // Most shops existed before the mark; some open for it.
      const sinceDay = Math.min(asOfDay, start - rng.int(-90, 1500));
      const store = newStore(rng, taken, platform, role, ent, sinceDay);
      if (rng.chance(0.01) && asOfDay - sinceDay > 200) store.until = dateOf(rng.int(sinceDay + 100, asOfDay - 1));
      out.push({ store, owner });
    };
    const q = parts.quantile[owner] ?? 1;
    const big = q <= BIG_BRAND_QUANTILE;
    const official = new Set<Platform>();
    for (const [platform, p] of OFFICIAL) {
      if (rng.chance(officialChance(p, q))) official.add(platform);
    }
    // OFFICIAL is ordered by how common the platform is: big brands fill their gaps from the top.
    for (const [platform] of OFFICIAL) if (big && official.size < BIG_BRAND_PLATFORMS) official.add(platform);
    if (official.size === 0) official.add(rng.pick(['tmall', 'jd', '1688'] as const));
    for (const platform of official) open(platform, 'official-flagship');
    if (big || rng.chance(q <= MID_BRAND_QUANTILE ? 0.6 : 0.35)) {
      const n = big ? rng.int(2, 6) : rng.int(1, 3);
      for (let i = 0; i < n; i++) open(rng.pick(AUTHORISED), 'authorised');
    }
  });
  return out;
}
