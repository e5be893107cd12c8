import { parseListingUrl } from '../listing-url.js';
import { PLATFORMS, type ListingKind, type ListingRef, type Platform } from '../model.js';

const KEY_RE = /^([0-9a-z]+):(item|shop):([^\s:]+)$/;
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/**
 * A canonical key written as such (`taobao:item:123`, `tmall:shop:acme`). Exports and scripts
 * often carry keys rather than URLs; the key already is the listing's identity, so no URL is
 * invented for it (`url` stays empty).
 */
export function refFromKey(input: string): ListingRef | null {
  const m = KEY_RE.exec(input);
  if (!m) return null;
  const space = m[1]!;
  const kind = m[2] as ListingKind;
  if (!PLATFORM_SET.has(space)) return null;
  // Tmall items live in the taobao id space: an item key never says tmall.
  if (kind === 'item' && space === 'tmall') return null;
  return { platform: space as Platform, kind, id: m[3]!, key: input, url: '' };
}

/**
 * The listing a row names: a bare key, else a URL or share text. The key test comes first because
 * it is a cheap pattern match, and `jd:item:1` would otherwise go through URL parsing as a scheme.
 */
export function resolveListing(input: string): ListingRef | null {
  return refFromKey(input) ?? parseListingUrl(input);
}

/** The shop key a row's store column names (shop URL or shop key), if any. */
export function resolveStoreHint(input: string | undefined): string | null {
  const text = input?.trim();
  if (!text) return null;
  const ref = resolveListing(text);
  return ref && ref.kind === 'shop' ? ref.key : null;
}
