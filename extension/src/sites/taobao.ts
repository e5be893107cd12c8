import type { SiteModule } from './site.js';
import { TAOBAO_FAMILY } from './taobao-family.js';

export const taobao: SiteModule = {
  platform: 'taobao',
  adapter: { id: 'taobao', hosts: ['taobao.com'], ...TAOBAO_FAMILY },
  testPages: [
    { host: 's.taobao.com', path: '/search?q=test' },
    { host: 'item.taobao.com', path: '{detail}' },
  ],
};
