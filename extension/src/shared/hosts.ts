import { SITES } from '../sites/index.js';

/**
 * The marketplace hosts the extension runs on, from the site modules (`../sites/`). One list feeds
 * the manifest (host permissions), the worker's injection and its sender check, so they can never
 * disagree.
 */
export const MARKETPLACE_HOST_SUFFIXES: readonly string[] = SITES.flatMap((site) => site.adapter.hosts);

/** Match patterns for the manifest (`*://*.x/*` also matches the bare domain `x`). */
export function marketplaceMatchPatterns(): string[] {
  return MARKETPLACE_HOST_SUFFIXES.map((suffix) => `*://*.${suffix}/*`);
}

/** True when `hostname` is one of the marketplaces or a subdomain of one (exact suffix match). */
export function isMarketplaceHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return MARKETPLACE_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}
