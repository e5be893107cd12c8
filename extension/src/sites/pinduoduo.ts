import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const pinduoduo: SiteModule = {
  platform: 'pinduoduo',
  adapter: linkSite('pinduoduo', ['yangkeduo.com'], ['a[href*="goods"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'mobile.yangkeduo.com', path: '{detail}' },
  ],
};
