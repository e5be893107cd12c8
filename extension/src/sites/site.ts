import type { Platform } from '@zjmade/sdk';

/**
 * One marketplace, as data: the hosts the extension runs on, how listings and titles are found on
 * its pages, where badges go, and the pages it is tested on. The manifest's host permissions, the
 * worker's injection and sender checks and the content script's adapter table all derive from
 * the list of these modules (`./index.ts`): adding a marketplace is one new file plus its fixture.
 * Listings are always identified by their link (`parseListingUrl`) or a stable attribute;
 * class-name selectors are only fallbacks, and only as `[class*="prefix"]`.
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

export interface SiteModule {
  /** The SDK's platform id: its listing URLs are what `parseListingUrl` knows for this platform. */
  platform: Platform;
  adapter: SiteAdapter;
  /**
   * Where it is tested: pages of the fixture server (served under these hostnames, see
   * `test/fixtures/server.ts`) that the browser tests open and expect badges on. `{detail}` stands
   * for the detail page of this platform's listing in the fixture catalogue.
   */
  testPages: Array<{ host: string; path: string }>;
}

export const GENERIC_ANCHORS = ['a[href]'];
export const GENERIC_CARDS = ['[data-sku]', 'li', 'article', '[class*="card" i]', '[class*="item" i]'];
export const GENERIC_TITLES = ['[class*="title" i]', '[class*="name" i]', 'h3', 'h2'];
export const GENERIC_DETAIL_TITLES = ['h1', '[class*="title" i]'];

/** Sites without a known card structure: a badge right after each listing link. */
export function linkSite(id: string, hosts: string[], anchors: string[] = GENERIC_ANCHORS): SiteAdapter {
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
