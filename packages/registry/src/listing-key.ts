import { PLATFORMS, type ListingKind, type ListingRef, type Platform, parseListingUrl } from '@zjmade/sdk';

const KEY_RE = /^([0-9a-z]+):(item|shop):([A-Za-z0-9_.-]{1,128})$/;
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/**
 * A canonical listing key written as such (`taobao:item:123`, `tmall:shop:acme`). The key already
 * is the identity, so no URL is invented (`url` stays empty). Item keys never say `tmall` (Tmall
 * items live in the taobao id space).
 */
export function refFromKey(input: string): ListingRef | null {
  const m = KEY_RE.exec(input);
  if (!m) return null;
  const space = m[1]!;
  const kind = m[2] as ListingKind;
  if (!PLATFORM_SET.has(space)) return null;
  if (kind === 'item' && space === 'tmall') return null;
  return { platform: space as Platform, kind, id: m[3]!, key: input, url: '' };
}

/** A URL, share text or bare key → the listing it names. */
export function resolveListing(input: string): ListingRef | null {
  return refFromKey(input) ?? parseListingUrl(input);
}
