import type { Platform } from '@zjmade/sdk';

/**
 * Why a key is not a canonical key of its kind (`null` when it is one): the SDK's parser is the one
 * authority on canonical keys, and the check builds its URL from the parser's own route table.
 */
export { canonicalKeyProblem } from '@zjmade/sdk/publisher';

/** The key space a store's items live in: Tmall items share Taobao's id space. */
export function itemSpaceOf(platform: Platform): Platform {
  return platform === 'tmall' ? 'taobao' : platform;
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
