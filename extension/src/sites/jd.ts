import { GENERIC_CARDS, GENERIC_DETAIL_TITLES, GENERIC_TITLES, type SiteModule } from './site.js';

export const jd: SiteModule = {
  platform: 'jd',
  adapter: {
    id: 'jd',
    hosts: ['jd.com', 'jd.hk'],
    anchors: ['[data-sku] a[href]', 'a[href*="item.jd.com"]', 'a[href*="item.jd.hk"]', 'a[href]'],
    // Old `li.gl-item[data-sku]` cards and the new `div[data-sku]` ones without links.
    cards: ['li.gl-item[data-sku]', 'div[data-sku]', '[data-sku]', ...GENERIC_CARDS],
    cardTitles: ['.p-name', '[class*="_name_"]', ...GENERIC_TITLES],
    idAttributes: [{ selector: '[data-sku]', attribute: 'data-sku', url: 'https://item.jd.com/{id}.html' }],
    placement: 'in-card',
    detailTitles: ['.sku-name', '[class*="sku-title"]', ...GENERIC_DETAIL_TITLES],
  },
  testPages: [
    { host: 'search.jd.com', path: '/Search?keyword=test' },
    { host: 'item.jd.com', path: '{detail}' },
  ],
};
