import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const s1688: SiteModule = {
  platform: '1688',
  adapter: linkSite('1688', ['1688.com'], ['a[href*="/offer/"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'detail.1688.com', path: '{detail}' },
  ],
};
