// The rows of the example export: a platform export for one sample enterprise, with deliberate
// gaps (unregistered listings, a whole store left out), lapses, bad rows, duplicate URLs and
// titles that claim the mark without backing. Pure and deterministic: same registry, same rows.
// SAMPLE DATA: the enterprise, stores and listings are synthetic.
import { itemKey, itemUrl } from '@zjmade/sample-data';
import {
  businessDayEnd,
  businessDayStart,
  type Evaluation,
  evaluationStanding,
  type Platform,
  type RegistryData,
  type Store,
  toEpochMs,
} from '@zjmade/sdk';

/** The date the example is answered for (the CLI's `--at`). */
export const AT = '2026-11-01';
/**
 * 浙江欧晨塑业有限公司 (SAMPLE), one of the sample registry's big brands: what
 * `pickEnterprise(generateRegistry())` returns. Written out so docs and scripts can name it; the
 * example test fails if the sample data stops agreeing.
 */
export const ENTERPRISE = '91330683MAXTWKEH07';

const DAY_MS = 86_400_000;
const MIN_PLATFORMS = 4;
const RENEWAL_DAYS = 90;

type Standing = 'long-valid' | 'lapsing' | 'lapsed';

function standingOf(e: Evaluation, atMs: number): Standing {
  if (evaluationStanding(e, atMs).state !== 'valid') return 'lapsed';
  return (businessDayEnd(e.expires) - atMs) / DAY_MS <= RENEWAL_DAYS ? 'lapsing' : 'long-valid';
}

const storeLive = (s: Store, atMs: number) =>
  atMs >= businessDayStart(s.since) && (s.until === undefined || atMs < businessDayEnd(s.until));

/**
 * The rule that picks the example's enterprise, so the report has something in every section:
 * among enterprises whose stores live at `at` span at least 4 platforms and whose bound listings
 * include all three standings at `at` (valid beyond 90 days, valid but expiring within 90 days,
 * no longer valid: expired, suspended, withdrawn or cancelled), the one with the most bound
 * listings; ties go to the smaller USCC. Catalogues in the sample registry are heavy-tailed, so
 * this is one of the big brands, with a few thousand listings.
 */
export function pickEnterprise(data: RegistryData, at: string = AT): string {
  const atMs = toEpochMs(at);
  const evaluations = new Map(data.evaluations.map((e) => [e.id, e]));
  const stores = new Map(data.stores.filter((s) => storeLive(s, atMs)).map((s) => [s.key, s]));
  const platforms = new Map<string, Set<Platform>>();
  for (const s of stores.values()) {
    const set = platforms.get(s.uscc) ?? new Set<Platform>();
    set.add(s.platform);
    platforms.set(s.uscc, set);
  }
  const tally = new Map<string, { bound: number; standings: Set<Standing> }>();
  for (const b of data.bindings) {
    const s = stores.get(b.store);
    const e = b.evaluationId ? evaluations.get(b.evaluationId) : undefined;
    if (!s || !e || e.uscc !== s.uscc) continue;
    const t = tally.get(s.uscc) ?? { bound: 0, standings: new Set<Standing>() };
    t.bound++;
    t.standings.add(standingOf(e, atMs));
    tally.set(s.uscc, t);
  }
  let best: { uscc: string; bound: number } | undefined;
  for (const [uscc, t] of tally) {
    if ((platforms.get(uscc)?.size ?? 0) < MIN_PLATFORMS || t.standings.size < 3) continue;
    if (!best || t.bound > best.bound || (t.bound === best.bound && uscc < best.uscc)) best = { uscc, bound: t.bound };
  }
  if (!best) throw new Error(`no sample enterprise fits the example's rule at ${at}`);
  return best.uscc;
}

/** The store left out of the export on purpose: the live store with the fewest bound listings (ties: key). */
export function forgottenStore(data: RegistryData, uscc: string = ENTERPRISE, at: string = AT): Store {
  const atMs = toEpochMs(at);
  const own = data.stores.filter((s) => s.uscc === uscc && storeLive(s, atMs));
  const bound = new Map<string, number>();
  for (const b of data.bindings) if (b.evaluationId) bound.set(b.store, (bound.get(b.store) ?? 0) + 1);
  const n = (s: Store) => bound.get(s.key) ?? 0;
  const [first] = [...own].sort((a, b) => n(a) - n(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (!first) throw new Error(`enterprise ${uscc} has no live store at ${at}`);
  return first;
}

// Sizes, scaled to the enterprise's ~2,300 registered listings: mostly its own, about one row in
// ten from elsewhere, a few dozen rows no one can read.
const UNREGISTERED = 260;
const RESELLERS = 220;
const UNKNOWN = 70;
const MOBILE_DUPLICATES = 40;
const UNREADABLE = 40;
/** Platforms whose item ids are plain numbers a store hands out in sequence (see sample-data item-ids.ts). */
const SEQUENTIAL: readonly Platform[] = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin', '1688', 'vip', 'kuaishou'];

const PLATFORM_ZH: Record<Platform, string> = {
  tmall: '天猫',
  taobao: '淘宝',
  jd: '京东',
  pinduoduo: '拼多多',
  douyin: '抖音',
  '1688': '1688',
  suning: '苏宁',
  vip: '唯品会',
  kuaishou: '快手',
  xiaohongshu: '小红书',
};
const WORDS = ['家用', '大容量', '新款', '正品', '官方', '节能', '静音', '加厚', '礼盒装', '包邮', '热卖', '升级款'];
const CLAIMS = ['【浙江制造】', '品字标 ', '浙江制造 '];

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

export type Row = [platform: string, store: string, url: string, title: string, price: string];

const idOf = (key: string) => key.slice(key.indexOf(':item:') + 6);
const storeCell = (s: Store) => s.url ?? s.key;

/** The same item through the platform's mobile site, as people copy it from their phones. */
function mobileUrl(s: Store, id: string): string {
  switch (s.platform) {
    case 'taobao':
      return `https://h5.m.taobao.com/awp/core/detail.htm?id=${id}&spm=a2141.7631564`;
    case 'tmall':
      return `https://detail.m.tmall.com/item.htm?id=${id}&spm=a2141.7631564`;
    case 'jd':
      return `https://item.m.jd.com/product/${id}.html`;
    case 'pinduoduo':
      return `https://mobile.yangkeduo.com/goods2.html?goods_id=${id}`;
    case 'vip':
      return `https://m.vip.com/product-${s.shopId}-${id}.html`;
    default:
      return itemUrl(s.platform, id, s.shopId);
  }
}

export function buildRows(data: RegistryData): Row[] {
  const r = rng(20261101);
  const atMs = toEpochMs(AT);
  const storeByKey = new Map(data.stores.map((s) => [s.key, s]));
  const forgotten = forgottenStore(data);
  const ours = data.stores.filter((s) => s.uscc === ENTERPRISE && storeLive(s, atMs) && s.key !== forgotten.key);
  const ourKeys = new Set(ours.map((s) => s.key));
  const evaluations = new Map<string, Evaluation>(data.evaluations.map((e) => [e.id, e]));
  const ownEvaluations = data.evaluations.filter((e) => e.uscc === ENTERPRISE);
  const product = (e: Evaluation | undefined) => {
    const p = e?.products[0] ?? r.pick(ownEvaluations).products[0];
    return p ? `${p.name}${p.model ? ` ${p.model}` : ''}` : '保温杯';
  };
  // Sample names read "{county}{brand}{trade}…": the two characters after the county are the brand.
  const brand = data.enterprises.find((e) => e.uscc === ENTERPRISE)!.name.slice(2, 4);
  const title = (e: Evaluation | undefined, claim: boolean, who = brand) =>
    `${claim ? r.pick(CLAIMS) : ''}${who}${product(e)} ${r.pick(WORDS)} ${r.pick(WORDS)}`;
  const price = () => (r.int(1990, 89900) / 100).toFixed(2);
  const rows: Row[] = [];
  const used = new Set(data.bindings.map((b) => b.key));

  // 1. Everything the registry knows in the enterprise's stores (but the forgotten one): bound
  // listings mostly say so in the title; lapsed and store-only ones sometimes do too, the misuse to catch.
  const registered = data.bindings.filter((b) => ourKeys.has(b.store));
  for (const b of registered) {
    const s = storeByKey.get(b.store)!;
    const e = b.evaluationId ? evaluations.get(b.evaluationId) : undefined;
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), itemUrl(s.platform, idOf(b.key), s.shopId), title(e, r.chance(e ? 0.6 : 0.4)), price()]);
  }

  // 2. New listings the registry has never seen, in the enterprise's own stores, listed after the
  // registry's last batch there (new batches continuing the store's id sequence): candidates to
  // register, attributed through the 店铺链接 column.
  const sequential = ours.filter((s) => SEQUENTIAL.includes(s.platform));
  const lastId = new Map<string, bigint>();
  for (const b of registered) {
    const id = BigInt(idOf(b.key).replace(/\D/g, '') || '0');
    if (id > (lastId.get(b.store) ?? 0n)) lastId.set(b.store, id);
  }
  for (let made = 0, batch = 0; made < UNREGISTERED && sequential.length > 0; batch++) {
    const s = sequential[batch % sequential.length]!;
    const size = Math.min(UNREGISTERED - made, r.int(1, 12));
    let next = (lastId.get(s.key) ?? 10_000_000_000n) + BigInt(r.int(2_000, 20_000));
    const claim = r.chance(0.3);
    for (let i = 0; i < size; i++, made++) {
      next += BigInt(r.int(1, 12));
      while (used.has(itemKey(s.platform, String(next)))) next++;
      used.add(itemKey(s.platform, String(next)));
      rows.push([PLATFORM_ZH[s.platform], storeCell(s), itemUrl(s.platform, String(next), s.shopId), title(undefined, claim), price()]);
    }
    lastId.set(s.key, next);
  }

  // 3. Resellers: listings the registry binds to other enterprises' stores (their own backing, if any).
  const others = data.bindings.filter((b) => {
    const s = storeByKey.get(b.store);
    return s !== undefined && s.uscc !== ENTERPRISE && s.url !== undefined && storeLive(s, atMs);
  });
  for (let i = 0; i < RESELLERS; i++) {
    const b = others[Math.floor(((i + 0.5) * others.length) / RESELLERS)]!;
    const s = storeByKey.get(b.store)!;
    const e = b.evaluationId ? evaluations.get(b.evaluationId) : undefined;
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), itemUrl(s.platform, idOf(b.key), s.shopId), title(undefined, r.chance(0.3) && e !== undefined), price()]);
  }

  // 4. Look-alikes nobody registered, with no store column: the claims here are the ones to report.
  const unknownOn = [
    ['京东', 'jd', 11],
    ['天猫', 'tmall', 12],
    ['拼多多', 'pinduoduo', 11],
  ] as const;
  for (let i = 0; i < UNKNOWN; i++) {
    const [zh, platform, digits] = unknownOn[i % unknownOn.length]!;
    let id: string;
    do id = `${r.int(1, 9)}${String(r.int(0, 10 ** (digits - 1) - 1)).padStart(digits - 1, '0')}`;
    while (used.has(itemKey(platform, id)));
    used.add(itemKey(platform, id));
    rows.push([zh, '', itemUrl(platform, id, ''), title(undefined, i % 2 === 0), price()]);
  }

  // 5. Some of the enterprise's listings again through mobile URLs: counted once.
  for (let i = 0; i < MOBILE_DUPLICATES && registered.length > 0; i++) {
    const b = registered[Math.floor((i * registered.length) / MOBILE_DUPLICATES)]!;
    const s = storeByKey.get(b.store)!;
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), mobileUrl(s, idOf(b.key)), title(undefined, false), price()]);
  }

  // 6. Rows no one can read: short links, look-alike hosts, blanks, notes.
  const bad = [
    'https://m.tb.cn/h.5Xyz12',
    'https://detail.tmall.com.evil.cn/item.htm?id=1',
    '',
    '待上架',
    'www.example.com/item/1',
    '请联系客服',
    'https://u.jd.com/Ab3xQz',
    'http://item.jd.com@evil.example/100012.html',
    'https://s.taobao.com/search?q=保温杯',
    '同上',
  ];
  for (let i = 0; i < UNREADABLE; i++) {
    const cell = bad[i % bad.length]!;
    const zh = cell.includes('jd') ? '京东' : '淘宝';
    rows.push([zh, '', cell.replace('Xyz12', `Xyz${i}`).replace('Ab3xQz', `Ab3x${i}`), title(undefined, false), price()]);
  }

  // Shuffle deterministically so the file looks like an export, not like this script.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

export const HEADER = ['平台', '店铺链接', '商品链接', '商品标题', '价格'];

export function toCsv(rows: readonly Row[]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[HEADER, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

