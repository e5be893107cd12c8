// The rows of the example export: a platform export for one sample enterprise, with deliberate
// gaps (unregistered listings, a whole store left out), lapses, bad rows, duplicate URLs and
// titles that claim the mark without backing. Pure and deterministic: same registry, same rows.
// SAMPLE DATA: the enterprise, stores and listings are synthetic.
import { itemUrl } from '@zjmade/sample-data';
import type { Evaluation, Platform, RegistryData, Store } from '@zjmade/sdk';

export const ENTERPRISE = '91330200623344280G';
/** The store left out of the export on purpose (it shows up as "registered store missing"). */
const FORGOTTEN_PLATFORM: Platform = 'suning';

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
const WORDS = ['家用', '大容量', '新款', '正品', '官方', '304不锈钢', '节能', '静音', '加厚', '礼盒装', '包邮', '热卖'];

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

export function buildRows(data: RegistryData): Row[] {
  const r = rng(20261101);
  const storeByKey = new Map(data.stores.map((s) => [s.key, s]));
  const ours = data.stores.filter((s) => s.uscc === ENTERPRISE && s.platform !== FORGOTTEN_PLATFORM);
  const ourKeys = new Set(ours.map((s) => s.key));
  const evaluations = new Map<string, Evaluation>(data.evaluations.map((e) => [e.id, e]));
  const ownEvaluations = data.evaluations.filter((e) => e.uscc === ENTERPRISE);
  const product = (e: Evaluation | undefined) => {
    const p = e?.products[0] ?? ownEvaluations[0]?.products[0];
    return p ? `${p.name}${p.model ? ` ${p.model}` : ''}` : '保温杯';
  };
  const brand = data.enterprises.find((e) => e.uscc === ENTERPRISE)!.name.slice(0, 4);
  const title = (e: Evaluation | undefined, claim: boolean) =>
    `${claim ? r.pick(['【浙江制造】', '品字标 ', '浙江制造 ']) : ''}${brand}${product(e)} ${r.pick(WORDS)} ${r.pick(WORDS)}`;
  const price = () => (r.int(1990, 89900) / 100).toFixed(2);
  const rows: Row[] = [];
  const used = new Set(data.bindings.map((b) => b.key));

  // 1. Everything the registry binds to the enterprise's stores (except the forgotten one).
  const registered = data.bindings.filter((b) => ourKeys.has(b.store));
  for (const b of registered) {
    const s = storeByKey.get(b.store)!;
    const e = b.evaluationId ? evaluations.get(b.evaluationId) : undefined;
    // Bound listings mostly say so; unbound and lapsed ones sometimes do too, which is the misuse to catch.
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), itemUrl(s.platform, idOf(b.key), s.shopId), title(e, r.chance(e ? 0.6 : 0.5)), price()]);
  }
  // 2. Listings the registry has never seen, in the enterprise's own stores: candidates to register.
  const numeric = ours.filter((s) => ['tmall', 'jd', 'douyin', '1688', 'pinduoduo', 'taobao'].includes(s.platform));
  for (let i = 0; i < 160; i++) {
    const s = numeric[i % numeric.length]!;
    let id: string;
    do id = s.platform === 'douyin' ? `3${r.int(1e8, 9e8)}${r.int(1e8, 9e8)}` : `${r.int(6, 8)}${r.int(1e10, 9e10)}`;
    while (used.has(`${s.platform === 'tmall' ? 'taobao' : s.platform}:item:${id}`));
    used.add(`${s.platform === 'tmall' ? 'taobao' : s.platform}:item:${id}`);
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), itemUrl(s.platform, id, s.shopId), title(undefined, r.chance(0.1)), price()]);
  }
  // 3. Resellers' listings: stores of other enterprises (some claim the mark with their own backing, some without).
  const others = data.bindings.filter((b) => {
    const s = storeByKey.get(b.store);
    return s !== undefined && s.uscc !== ENTERPRISE && s.platform !== 'suning' && s.platform !== 'vip';
  });
  for (let i = 0; i < 1800; i++) {
    const b = others[(i * 97) % others.length]!;
    const s = storeByKey.get(b.store)!;
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), itemUrl(s.platform, idOf(b.key), s.shopId), title(undefined, r.chance(0.08)), price()]);
  }
  // 4. Listings nobody registered, with no store column.
  for (let i = 0; i < 250; i++) {
    const id = `${r.int(1e10, 9e10)}`;
    rows.push(['京东', '', `https://item.jd.com/${id}.html`, title(undefined, r.chance(0.2)), price()]);
  }
  // 5. The same listings again through mobile URLs: counted once.
  for (const b of registered.slice(0, 30)) {
    const s = storeByKey.get(b.store)!;
    const id = idOf(b.key);
    const mobile =
      s.platform === 'tmall'
        ? `https://detail.m.tmall.com/item.htm?id=${id}&spm=a2141.7631564`
        : s.platform === 'jd'
          ? `https://item.m.jd.com/product/${id}.html`
          : itemUrl(s.platform, id, s.shopId);
    rows.push([PLATFORM_ZH[s.platform], storeCell(s), mobile, title(undefined, false), price()]);
  }
  // 6. Rows no one can read: short links, look-alike hosts, blanks, notes.
  const bad = ['https://m.tb.cn/h.5Xyz12', 'https://detail.tmall.com.evil.cn/item.htm?id=1', '', '待上架', 'www.example.com/item/1', '请联系客服'];
  for (let i = 0; i < 42; i++) rows.push(['淘宝', '', bad[i % bad.length]!, title(undefined, false), price()]);

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
