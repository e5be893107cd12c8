import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const kuaishou: SiteModule = {
  platform: 'kuaishou',
  adapter: linkSite('kuaishou', ['kwaixiaodian.com'], ['a[href*="goods-detail"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'app.kwaixiaodian.com', path: '{detail}' },
  ],
};
