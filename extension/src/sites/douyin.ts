import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const douyin: SiteModule = {
  platform: 'douyin',
  adapter: linkSite('douyin', ['jinritemai.com'], ['a[href*="/views/product/"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'haohuo.jinritemai.com', path: '{detail}' },
  ],
};
