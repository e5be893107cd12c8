import { s1688 } from './1688.js';
import { douyin } from './douyin.js';
import { jd } from './jd.js';
import { kuaishou } from './kuaishou.js';
import { pinduoduo } from './pinduoduo.js';
import type { SiteAdapter, SiteModule } from './site.js';
import { suning } from './suning.js';
import { taobao } from './taobao.js';
import { tmall } from './tmall.js';
import { vip } from './vip.js';
import { xiaohongshu } from './xiaohongshu.js';

export type { Placement, SiteAdapter, SiteModule } from './site.js';

/**
 * Every marketplace the extension runs on, one module each. The manifest's host permissions, the
 * worker's injection and sender checks (`shared/hosts.ts`) and the content script's adapters all
 * come from this list. The last entry is also the fallback adapter (plain links).
 */
export const SITES: readonly SiteModule[] = [tmall, taobao, jd, pinduoduo, douyin, s1688, suning, vip, kuaishou, xiaohongshu];

export const SITE_ADAPTERS: readonly SiteAdapter[] = SITES.map((s) => s.adapter);

export function adapterFor(hostname: string): SiteAdapter {
  const host = hostname.toLowerCase();
  const match = SITE_ADAPTERS.find((a) => a.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
  return match ?? SITE_ADAPTERS[SITE_ADAPTERS.length - 1]!;
}
