import { parseListingUrl } from './listing-url.js';
import { type ListingKind, type ListingRef, PLATFORMS, type Platform } from './model.js';

const KEY_RE = /^([0-9a-z]+):(item|shop):([A-Za-z0-9_.-]{1,128})$/;
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/**
 * A canonical listing key written as such (`taobao:item:123`, `tmall:shop:acme`), as APIs, exports
 * and scripts carry them. The key already is the listing's identity, so no URL is invented for it
 * (`url` stays empty). Item keys never say `tmall`: Tmall items live in the taobao id space.
 */
export function refFromKey(input: string): ListingRef | null {
  const m = KEY_RE.exec(input);
  if (!m) return null;
  const space = m[1]!;
  const kind = m[2] as ListingKind;
  if (!PLATFORM_SET.has(space) || (kind === 'item' && space === 'tmall')) return null;
  return { platform: space as Platform, kind, id: m[3]!, key: input, url: '' };
}

/**
 * The listing an input names: a bare key, else a URL or share text. The key test comes first: it
 * is a cheap pattern match, and `jd:item:1` would otherwise be read as a URL with scheme `jd:`.
 */
export function resolveListing(input: string): ListingRef | null {
  return refFromKey(input) ?? parseListingUrl(input);
}
