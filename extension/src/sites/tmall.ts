import type { SiteModule } from './site.js';
import { TAOBAO_FAMILY } from './taobao-family.js';

export const tmall: SiteModule = {
  platform: 'tmall',
  adapter: { id: 'tmall', hosts: ['tmall.com', 'tmall.hk'], ...TAOBAO_FAMILY },
  testPages: [
    { host: 'list.tmall.com', path: '/search?q=test' },
    { host: 'detail.tmall.com', path: '{detail}' },
  ],
};
