import type { ListingKind, Platform } from './model.js';

/**
 * One listing URL form: exact hosts, the platform the URL belongs to, the kind, an anchored
 * pattern for the lower-cased path, the query parameter(s) holding the id (when the id is not
 * captured from the path), and templates for the canonical https URL and the id, where `$1`, `$2`
 * are the path captures, or the query value as `$1`.
 */
export interface Route {
  platform: Platform;
  kind: ListingKind;
  path: RegExp;
  params: string[];
  url: string;
  id: string;
}

// The table is data, one form per line, so a platform's new URL form is a one-line change. It is
// a string rather than object literals because it ships in the browser SDK (10 KB budget).
// Fields: hosts (comma-separated) · platform · kind · path pattern (anchored, no nested
// quantifiers, so linear) · id query parameters (comma-separated; `-` when the path holds the id)
// · canonical URL without `https://` · id template (default `$1`).
// Suning item numbers are scoped by supplier (one number can be sold by several suppliers), so
// the id is `{supplier}-{number}`, kept as written (leading zeros are significant there). VIP.com
// product ids are global; the brand (sale) id only rides along in the canonical URL.
const TABLE = String.raw`
detail.tmall.com,detail.m.tmall.com,chaoshi.detail.tmall.com tmall item item\.htm id detail.tmall.com/item.htm?id=$1
detail.tmall.hk tmall item (?:hk/)?item\.htm id detail.tmall.com/item.htm?id=$1
item.taobao.com taobao item item\.htm id item.taobao.com/item.htm?id=$1
h5.m.taobao.com taobao item awp/core/detail\.htm id item.taobao.com/item.htm?id=$1
a.m.taobao.com taobao item i(\d+)\.htm - item.taobao.com/item.htm?id=$1
world.taobao.com taobao item item/(\d+)\.htm - item.taobao.com/item.htm?id=$1
shop.m.taobao.com taobao shop shop/shop_index\.htm shop_id shop$1.taobao.com/
item.jd.com jd item (\d+)\.html - item.jd.com/$1.html
item.jd.hk,npcitem.jd.hk jd item (\d+)\.html - item.jd.hk/$1.html
item.m.jd.com jd item product/(\d+)\.html - item.jd.com/$1.html
item.m.jd.com jd item ware/view\.action wareId item.jd.com/$1.html
mall.jd.com jd shop index-(\d+)\.html - mall.jd.com/index-$1.html
shop.m.jd.com jd shop (?:index\.html)? shopId mall.jd.com/index-$1.html
mobile.yangkeduo.com pinduoduo item goods\d?\.html goods_id mobile.yangkeduo.com/goods.html?goods_id=$1
mobile.yangkeduo.com pinduoduo shop mall_page\.html mall_id mobile.yangkeduo.com/mall_page.html?mall_id=$1
haohuo.jinritemai.com douyin item (?:views/product/(?:item2|detail)|ecommerce/trade/detail/index\.html) id,product_id haohuo.jinritemai.com/views/product/item2?id=$1
detail.1688.com,m.1688.com 1688 item offer/(\d+)\.html - detail.1688.com/offer/$1.html
product.suning.com suning item (\d{10})/(\d+)\.html - product.suning.com/$1/$2.html $1-$2
m.suning.com suning item product/(\d{10})/(\d+)\.html - product.suning.com/$1/$2.html $1-$2
detail.vip.com vip item detail-(\d+)-(\d+)\.html - detail.vip.com/detail-$1-$2.html $2
m.vip.com vip item product-(\d+)-(\d+)\.html - detail.vip.com/detail-$1-$2.html $2
app.kwaixiaodian.com kuaishou item page/kwaishop-buyer-goods-detail-outside id app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=$1
www.xiaohongshu.com,xiaohongshu.com xiaohongshu item goods-detail/([0-9a-f]{24}) - www.xiaohongshu.com/goods-detail/$1`;

/** Routes by exact host name. */
export const ROUTES = new Map<string, Route[]>();
for (const line of TABLE.trim().split('\n')) {
  const [hosts, platform, kind, path, params, url, id] = line.split(' ') as [string, Platform, ListingKind, string, string, string, string?];
  const route: Route = {
    platform,
    kind,
    path: new RegExp(`^/${path}$`),
    params: params === '-' ? [] : params.split(','),
    url: `https://${url}`,
    id: id ?? '$1',
  };
  for (const h of hosts.split(',')) ROUTES.set(h, [...(ROUTES.get(h) ?? []), route]);
}

/**
 * Subdomains of tmall.com that are Tmall's own sites, not shops. A `{slug}.tmall.com` host whose
 * slug is listed here is not a listing (marketplace home, search, channels, account pages).
 */
export const TMALL_RESERVED = new Set(
  'www list detail pages chaoshi login buyertrade cart s m h5 api mdskip brand store shop err ju mall service consumerservice fuwu help vip world search rate pre sale miao yao ai jia car pc wt temai bbs member my 3c register passport favorite tmc tb'.split(
    ' ',
  ),
);
