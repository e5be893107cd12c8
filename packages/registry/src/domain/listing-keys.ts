import { type ListingKind, type Platform, parseListingUrl, refFromKey } from '@zjmade/sdk';

/**
 * A URL of each key form, built only to ask the SDK's parser which key it gives back. The parser
 * is the one authority on canonical keys (leading zeros dropped, slugs lower-cased, Suning's
 * supplier kept): a key is canonical exactly when a URL of it parses to the same key, so a binding
 * can never be stored under a key that no URL maps to.
 */
const URL_OF: Partial<Record<Platform, Partial<Record<ListingKind, (id: string) => string | null>>>> = {
  taobao: { item: (id) => `https://item.taobao.com/item.htm?id=${id}`, shop: (id) => `https://shop${id}.taobao.com/` },
  tmall: { shop: (id) => `https://${id}.tmall.com/` },
  jd: { item: (id) => `https://item.jd.com/${id}.html`, shop: (id) => `https://mall.jd.com/index-${id}.html` },
  pinduoduo: {
    item: (id) => `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`,
    shop: (id) => `https://mobile.yangkeduo.com/mall_page.html?mall_id=${id}`,
  },
  douyin: { item: (id) => `https://haohuo.jinritemai.com/views/product/item2?id=${id}` },
  '1688': { item: (id) => `https://detail.1688.com/offer/${id}.html` },
  suning: {
    item: (id) => {
      const m = /^(\d{10})-(\d+)$/.exec(id);
      return m ? `https://product.suning.com/${m[1]}/${m[2]}.html` : null;
    },
  },
  vip: { item: (id) => `https://detail.vip.com/detail-1-${id}.html` },
  kuaishou: { item: (id) => `https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=${id}` },
  xiaohongshu: { item: (id) => `https://www.xiaohongshu.com/goods-detail/${id}` },
};

/** The key space a store's items live in: Tmall items share Taobao's id space. */
export function itemSpaceOf(platform: Platform): Platform {
  return platform === 'tmall' ? 'taobao' : platform;
}

/** Why `key` is not a canonical key of `kind` (`null` when it is one). */
export function canonicalKeyProblem(key: string, kind: ListingKind): string | null {
  const ref = refFromKey(key);
  if (!ref || ref.kind !== kind) return `not a ${kind} key (expected {platform}:${kind}:{id})`;
  const build = URL_OF[ref.platform]?.[kind];
  // Shops of platforms whose shop pages have no URL form in the SDK are known by id alone.
  if (!build) return kind === 'shop' ? null : `no ${ref.platform} ${kind} URL form`;
  const url = build(ref.id);
  const back = url ? parseListingUrl(url)?.key : undefined;
  if (back === key) return null;
  return back ? `not canonical: the same listing's key is ${back}` : `no ${ref.platform} ${kind} URL has the id "${ref.id}"`;
}

/** Hosts (and their subdomains) where a store of each platform can have its page. */
const STORE_HOSTS: Record<Platform, readonly string[]> = {
  tmall: ['tmall.com', 'tmall.hk'],
  taobao: ['taobao.com'],
  jd: ['jd.com', 'jd.hk'],
  pinduoduo: ['yangkeduo.com', 'pinduoduo.com'],
  douyin: ['jinritemai.com', 'douyin.com'],
  '1688': ['1688.com'],
  suning: ['suning.com'],
  vip: ['vip.com'],
  kuaishou: ['kwaixiaodian.com', 'kuaishou.com'],
  xiaohongshu: ['xiaohongshu.com'],
};

/**
 * Why `url` cannot be a store page of `platform` (`null` when it can): only http(s) URLs on the
 * platform's own hosts, without credentials or control characters. The URL is shown to shoppers
 * as a link, so `javascript:` or a look-alike host would be an injection.
 */
export function storeUrlProblem(url: string, platform: Platform): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u0020\u007f-\u009f]/.test(url)) return 'contains spaces or control characters';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not an absolute URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'only http and https URLs are accepted';
  if (u.username || u.password) return 'must not carry credentials';
  const host = u.hostname;
  if (!STORE_HOSTS[platform].some((h) => host === h || host.endsWith(`.${h}`))) return `not a ${platform} host (${STORE_HOSTS[platform].join(', ')})`;
  return null;
}
