import { GENERIC_CARDS, GENERIC_DETAIL_TITLES, GENERIC_TITLES, type SiteAdapter } from './site.js';

/** Tmall and Taobao share one page family (and one item-id space). */
export const TAOBAO_FAMILY: Omit<SiteAdapter, 'id' | 'hosts'> = {
  anchors: ['a[id^="item_id_"]', 'a[href*="item.htm"]', 'a[href*="detail.htm"]', 'a[href]'],
  cards: ['[data-item-id]', 'a[id^="item_id_"]', '[class*="doubleCardWrapper"]', '[class*="Card--"]', '.product', ...GENERIC_CARDS],
  cardTitles: ['[class*="title--"]', '[class*="Title--"]', '.productTitle', ...GENERIC_TITLES],
  idAttributes: [{ selector: '[data-item-id]', attribute: 'data-item-id', url: 'https://item.taobao.com/item.htm?id={id}' }],
  placement: 'in-card',
  detailTitles: ['[class*="ItemHeader--mainTitle"]', '[class*="mainTitle"]', '.tb-detail-hd h1', '.tb-main-title', ...GENERIC_DETAIL_TITLES],
};
