import type { ListingKind, Platform } from './model.js';

/**
 * One listing URL form: exact hosts (space-separated), the platform the URL belongs to, the kind,
 * an anchored pattern for the lower-cased path, the query parameter(s) holding the id (when the id
 * is not captured from the path), and templates for the canonical https URL and the id, where `$1`,
 * `$2` are the path captures, or the query value as `$1`.
 *
 * The table is data so that a platform's new URL form is a one-line change. Every pattern is
 * anchored and free of nested quantifiers, so matching is linear.
 */
export type Route = readonly [
  hosts: string,
  platform: Platform,
  kind: ListingKind,
  path: RegExp,
  param: string,
  url: string,
  id?: string,
];

const D = '(\\d{1,20})';
const re = (s: string) => new RegExp(`^/${s}$`);
const TMALL = 'https://detail.tmall.com/item.htm?id=$1';
const TAOBAO = 'https://item.taobao.com/item.htm?id=$1';
const JD = 'https://item.jd.com/$1.html';
const JDHK = 'https://item.jd.hk/$1.html';
const SUNING = 'https://product.suning.com/$1/$2.html';
const VIP = 'https://detail.vip.com/detail-$1-$2.html';

export const ROUTES: readonly Route[] = [
  ['detail.tmall.com detail.m.tmall.com chaoshi.detail.tmall.com', 'tmall', 'item', re('item\\.htm'), 'id', TMALL],
  ['detail.tmall.hk', 'tmall', 'item', re('(?:hk/)?item\\.htm'), 'id', TMALL],
  ['item.taobao.com', 'taobao', 'item', re('item\\.htm'), 'id', TAOBAO],
  ['h5.m.taobao.com', 'taobao', 'item', re('awp/core/detail\\.htm'), 'id', TAOBAO],
  ['a.m.taobao.com', 'taobao', 'item', re(`i${D}\\.htm`), '', TAOBAO],
  ['world.taobao.com', 'taobao', 'item', re(`item/${D}\\.htm`), '', TAOBAO],
  ['shop.m.taobao.com', 'taobao', 'shop', re('shop/shop_index\\.htm'), 'shop_id', 'https://shop$1.taobao.com/'],
  ['item.jd.com', 'jd', 'item', re(`${D}\\.html`), '', JD],
  ['item.jd.hk npcitem.jd.hk', 'jd', 'item', re(`${D}\\.html`), '', JDHK],
  ['item.m.jd.com', 'jd', 'item', re(`product/${D}\\.html`), '', JD],
  ['item.m.jd.com', 'jd', 'item', re('ware/view\\.action'), 'wareId', JD],
  ['mall.jd.com', 'jd', 'shop', re(`index-${D}\\.html`), '', 'https://mall.jd.com/index-$1.html'],
  ['shop.m.jd.com', 'jd', 'shop', re(''), 'shopId', 'https://mall.jd.com/index-$1.html'],
  [
    'mobile.yangkeduo.com',
    'pinduoduo',
    'item',
    re('goods\\d?\\.html'),
    'goods_id',
    'https://mobile.yangkeduo.com/goods.html?goods_id=$1',
  ],
  [
    'mobile.yangkeduo.com',
    'pinduoduo',
    'shop',
    re('mall_page\\.html'),
    'mall_id',
    'https://mobile.yangkeduo.com/mall_page.html?mall_id=$1',
  ],
  [
    'haohuo.jinritemai.com',
    'douyin',
    'item',
    re('(?:views/product/(?:item2|detail)|ecommerce/trade/detail/index\\.html)'),
    'id product_id',
    'https://haohuo.jinritemai.com/views/product/item2?id=$1',
  ],
  ['detail.1688.com m.1688.com', '1688', 'item', re(`offer/${D}\\.html`), '', 'https://detail.1688.com/offer/$1.html'],
  // Suning item numbers are scoped by the supplier (the same number is sold by several suppliers),
  // so the id is `{supplier}-{number}`, both kept exactly as written (leading zeros are significant).
  ['product.suning.com', 'suning', 'item', re(`(\\d{10})/${D}\\.html`), '', SUNING, '$1-$2'],
  ['m.suning.com', 'suning', 'item', re(`product/(\\d{10})/${D}\\.html`), '', SUNING, '$1-$2'],
  // VIP.com product ids are global; the brand (sale) id only rides along in the canonical URL.
  ['detail.vip.com', 'vip', 'item', re(`detail-${D}-${D}\\.html`), '', VIP, '$2'],
  ['m.vip.com', 'vip', 'item', re(`product-${D}-${D}\\.html`), '', VIP, '$2'],
  [
    'app.kwaixiaodian.com',
    'kuaishou',
    'item',
    re('page/kwaishop-buyer-goods-detail-outside'),
    'id',
    'https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=$1',
  ],
  [
    'www.xiaohongshu.com xiaohongshu.com',
    'xiaohongshu',
    'item',
    re('goods-detail/([0-9a-f]{24})'),
    '',
    'https://www.xiaohongshu.com/goods-detail/$1',
  ],
];

/**
 * Subdomains of tmall.com that are Tmall's own sites, not shops. A `{slug}.tmall.com` host whose
 * slug is listed here is not a listing (marketplace home, search, channels, account pages).
 */
export const TMALL_RESERVED = new Set(
  (
    'www list detail pages chaoshi login buyertrade cart s m h5 api mdskip brand store shop err ju mall ' +
    'service consumerservice fuwu help vip world search rate pre sale miao yao ai jia car pc wt temai bbs ' +
    'member my 3c register passport favorite tmc tb'
  ).split(' '),
);
