import type { Platform } from '@zjmade/sdk';
import type { Rng } from './prng.js';

/**
 * Synthetic listing and shop URLs per platform, with the canonical keys `parseListingUrl` gives
 * for them (item keys `{space}:item:{id}`, Tmall+Taobao sharing `taobao`; shop keys
 * `{platform}:shop:{id}`). A test re-parses samples with the real parser to keep these in step.
 */

export interface SyntheticItem {
  id: string;
  key: string;
  url: string;
}

export interface SyntheticShop {
  shopId: string;
  url?: string;
}

const HEX = '0123456789abcdef';

function hex(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += HEX[Math.floor(rng.next() * 16)];
  return s;
}

/** The key space an item id lives in: Tmall and Taobao share one. */
export function itemSpace(platform: Platform): string {
  return platform === 'tmall' ? 'taobao' : platform;
}

export function itemKey(platform: Platform, id: string): string {
  return `${itemSpace(platform)}:item:${id}`;
}

export function shopKey(platform: Platform, shopId: string): string {
  return `${platform}:shop:${shopId}`;
}

/**
 * The canonical item URL for an id. Suning ids are `{supplier}-{number}`; VIP ids are global but
 * the URL also names the brand, which is the store's shop id here.
 */
export function itemUrl(platform: Platform, id: string, shopId = ''): string {
  switch (platform) {
    case 'tmall':
      return `https://detail.tmall.com/item.htm?id=${id}`;
    case 'taobao':
      return `https://item.taobao.com/item.htm?id=${id}`;
    case 'jd':
      return `https://item.jd.com/${id}.html`;
    case 'pinduoduo':
      return `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`;
    case 'douyin':
      return `https://haohuo.jinritemai.com/views/product/item2?id=${id}`;
    case '1688':
      return `https://detail.1688.com/offer/${id}.html`;
    case 'suning': {
      const [supplier, sku] = id.split('-');
      return `https://product.suning.com/${supplier}/${sku}.html`;
    }
    case 'vip':
      return `https://detail.vip.com/detail-${shopId}-${id}.html`;
    case 'kuaishou':
      return `https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=${id}`;
    case 'xiaohongshu':
      return `https://www.xiaohongshu.com/goods-detail/${id}`;
  }
}

/** A new item id on the platform. Suning items live under the shop's 10-digit supplier code. */
export function newItemId(platform: Platform, rng: Rng, shopId: string): string {
  switch (platform) {
    case 'tmall':
    case 'taobao':
      return `${rng.int(5, 8)}${rng.digits(11)}`;
    case 'jd':
      return rng.digits(rng.int(11, 14));
    case 'pinduoduo':
      return rng.digits(rng.int(9, 12));
    case 'douyin':
      return `3${rng.digits(18)}`;
    case '1688':
      return `${rng.int(5, 9)}${rng.digits(11)}`;
    case 'suning':
      return `${shopId}-${rng.digits(rng.int(11, 12))}`;
    case 'vip':
      return `${rng.int(6, 7)}${rng.digits(18)}`;
    case 'kuaishou':
      return rng.digits(rng.int(11, 14));
    case 'xiaohongshu':
      return hex(rng, 24);
  }
}

export function newItem(platform: Platform, rng: Rng, shopId: string): SyntheticItem {
  const id = newItemId(platform, rng, shopId);
  return { id, key: itemKey(platform, id), url: itemUrl(platform, id, shopId) };
}

/**
 * A new shop. `slug` is the Tmall subdomain candidate (pinyin of the trade name); other
 * platforms use numeric ids. Platforms without a shop page URL form in DOMAIN.md get none.
 */
export function newShop(platform: Platform, rng: Rng, slug: string): SyntheticShop {
  switch (platform) {
    case 'tmall':
      return { shopId: slug, url: `https://${slug}.tmall.com/` };
    case 'taobao': {
      const n = rng.digits(rng.int(8, 9));
      return { shopId: n, url: `https://shop${n}.taobao.com/` };
    }
    case 'jd': {
      const n = rng.digits(rng.int(5, 8));
      return { shopId: n, url: `https://mall.jd.com/index-${n}.html` };
    }
    case 'pinduoduo': {
      const n = rng.digits(rng.int(6, 9));
      return { shopId: n, url: `https://mobile.yangkeduo.com/mall_page.html?mall_id=${n}` };
    }
    case 'suning':
      return { shopId: `00${rng.digits(8)}` };
    case 'vip':
      return { shopId: rng.digits(rng.int(7, 10)) };
    default:
      return { shopId: rng.digits(rng.int(8, 11)) };
  }
}
