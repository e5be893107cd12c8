import { linkSite, type SiteModule } from './site.js';

/** No card structure relied on: a badge right after each listing link, and by the detail title. */
export const suning: SiteModule = {
  platform: 'suning',
  adapter: linkSite('suning', ['suning.com'], ['a[href*="product.suning.com"]', 'a[href]']),
  // {detail}: the detail page of this platform's listing on the deals page.
  testPages: [
    { host: 'product.suning.com', path: '{detail}' },
  ],
};
