/**
 * Where listings are and where badges go, per site, as data: a marketplace redesign is a change to
 * this table, not to code. Listings are always identified by their link (`parseListingUrl`) or a
 * stable attribute; class-name selectors are only fallbacks, and only as `[class*="prefix"]`.
 */
export type Placement = 'after-anchor' | 'in-card' | 'after-title';

export interface SiteAdapter {
  id: string;
  /** Host suffixes the entry applies to (exact host or subdomain). */
  hosts: string[];
  /** Anchors that lead to listings; tried in order, all results used. */
  anchors: string[];
  /** Containers of one listing; the first match going up from an anchor wins. */
  cards: string[];
  /** Within a card, where its title is (for placement and claim text). */
  cardTitles: string[];
  /** Elements carrying a listing id without a usable link, and how to build its URL. */
  idAttributes: Array<{ selector: string; attribute: string; url: string }>;
  placement: Placement;
  /** The product title on a detail page; the badge goes after it. */
  detailTitles: string[];
}

const GENERIC_ANCHORS = ['a[href]'];
const GENERIC_CARDS = ['[data-sku]', 'li', 'article', '[class*="card" i]', '[class*="item" i]'];
const GENERIC_TITLES = ['[class*="title" i]', '[class*="name" i]', 'h3', 'h2'];
const GENERIC_DETAIL_TITLES = ['h1', '[class*="title" i]'];

const TAOBAO_FAMILY: Omit<SiteAdapter, 'id' | 'hosts'> = {
  anchors: ['a[id^="item_id_"]', 'a[href*="item.htm"]', 'a[href*="detail.htm"]', 'a[href]'],
  cards: ['[data-item-id]', 'a[id^="item_id_"]', '[class*="doubleCardWrapper"]', '[class*="Card--"]', '.product', ...GENERIC_CARDS],
  cardTitles: ['[class*="title--"]', '[class*="Title--"]', '.productTitle', ...GENERIC_TITLES],
  idAttributes: [{ selector: '[data-item-id]', attribute: 'data-item-id', url: 'https://item.taobao.com/item.htm?id={id}' }],
  placement: 'in-card',
  detailTitles: ['[class*="ItemHeader--mainTitle"]', '[class*="mainTitle"]', '.tb-detail-hd h1', '.tb-main-title', ...GENERIC_DETAIL_TITLES],
};

/** Sites without a known card structure: a badge right after each listing link. */
function linkSite(id: string, hosts: string[], anchors: string[] = GENERIC_ANCHORS): SiteAdapter {
  return {
    id,
    hosts,
    anchors,
    cards: GENERIC_CARDS,
    cardTitles: GENERIC_TITLES,
    idAttributes: [],
    placement: 'after-anchor',
    detailTitles: GENERIC_DETAIL_TITLES,
  };
}

export const SITE_ADAPTERS: SiteAdapter[] = [
  { id: 'tmall', hosts: ['tmall.com', 'tmall.hk'], ...TAOBAO_FAMILY },
  { id: 'taobao', hosts: ['taobao.com'], ...TAOBAO_FAMILY },
  {
    id: 'jd',
    hosts: ['jd.com', 'jd.hk'],
    anchors: ['[data-sku] a[href]', 'a[href*="item.jd.com"]', 'a[href*="item.jd.hk"]', 'a[href]'],
    cards: ['li.gl-item[data-sku]', 'div[data-sku]', '[data-sku]', ...GENERIC_CARDS],
    cardTitles: ['.p-name', '[class*="_name_"]', ...GENERIC_TITLES],
    idAttributes: [{ selector: '[data-sku]', attribute: 'data-sku', url: 'https://item.jd.com/{id}.html' }],
    placement: 'in-card',
    detailTitles: ['.sku-name', '[class*="sku-title"]', ...GENERIC_DETAIL_TITLES],
  },
  linkSite('pinduoduo', ['yangkeduo.com'], ['a[href*="goods"]', 'a[href]']),
  linkSite('douyin', ['jinritemai.com'], ['a[href*="/views/product/"]', 'a[href]']),
  linkSite('1688', ['1688.com'], ['a[href*="/offer/"]', 'a[href]']),
  linkSite('suning', ['suning.com'], ['a[href*="product.suning.com"]', 'a[href]']),
  linkSite('vip', ['vip.com'], ['a[href*="detail-"]', 'a[href]']),
  linkSite('kuaishou', ['kwaixiaodian.com'], ['a[href*="goods-detail"]', 'a[href]']),
  linkSite('xiaohongshu', ['xiaohongshu.com'], ['a[href*="/goods-detail/"]', 'a[href]']),
];

export function adapterFor(hostname: string): SiteAdapter {
  const host = hostname.toLowerCase();
  const match = SITE_ADAPTERS.find((a) => a.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
  return match ?? SITE_ADAPTERS[SITE_ADAPTERS.length - 1]!;
}
