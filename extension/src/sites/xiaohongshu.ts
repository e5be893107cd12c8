import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const xiaohongshu: SiteModule = {
  platform: 'xiaohongshu',
  adapter: linkSite('xiaohongshu', ['xiaohongshu.com'], ['a[href*="/goods-detail/"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'www.xiaohongshu.com', path: '/deals' },
    { host: 'www.xiaohongshu.com', path: '{detail}' },
  ],
};
