/**
 * The marketplace hosts the extension runs on: the ten platforms of DOMAIN.md. One list feeds the
 * manifest (content-script matches, host permissions) and the background's sender check, so the
 * two can never disagree.
 */
export const MARKETPLACE_HOST_SUFFIXES = [
  'tmall.com',
  'tmall.hk',
  'taobao.com',
  'jd.com',
  'jd.hk',
  'yangkeduo.com',
  'jinritemai.com',
  '1688.com',
  'suning.com',
  'vip.com',
  'kwaixiaodian.com',
  'xiaohongshu.com',
] as const;

/** Match patterns for the manifest (`*://*.x/*` also matches the bare domain `x`). */
export function marketplaceMatchPatterns(): string[] {
  return MARKETPLACE_HOST_SUFFIXES.map((suffix) => `*://*.${suffix}/*`);
}

/** True when `hostname` is one of the marketplaces or a subdomain of one (exact suffix match). */
export function isMarketplaceHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return MARKETPLACE_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}
