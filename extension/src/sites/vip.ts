import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const vip: SiteModule = {
  platform: 'vip',
  adapter: linkSite('vip', ['vip.com'], ['a[href*="detail-"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'detail.vip.com', path: '{detail}' },
  ],
};
