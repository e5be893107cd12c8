import { type ListingRef, PLATFORMS, type Platform } from '../model.js';

const ITEM_URLS: Partial<Record<string, (id: string) => string>> = {
  taobao: (id) => `https://item.taobao.com/item.htm?id=${id}`,
  jd: (id) => `https://item.jd.com/${id}.html`,
  pinduoduo: (id) => `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`,
  '1688': (id) => `https://detail.1688.com/offer/${id}.html`,
};

/**
 * A ListingRef for a canonical key, for the mock registry's `{ key }` inputs. Only `key` and
 * `kind` matter to verification; the URL is a plausible canonical one, best effort.
 */
export function listingRefOfKey(key: string): ListingRef | null {
  const m = /^([a-z0-9]+):(item|shop):(\S+)$/.exec(key);
  if (!m) return null;
  const [, space = '', kind, id = ''] = m;
  if (!(PLATFORMS as readonly string[]).includes(space)) return null;
  const platform = space as Platform;
  const url =
    kind === 'item'
      ? (ITEM_URLS[space]?.(id) ?? `https://${space}.invalid/item/${id}`)
      : platform === 'tmall'
        ? `https://${id}.tmall.com/`
        : `https://${space}.invalid/shop/${id}`;
  return { platform, kind: kind === 'shop' ? 'shop' : 'item', id, key, url };
}
