import { type ListingRef, PLATFORMS, type Platform } from '@zjmade/sdk';

/**
 * A ListingRef for a canonical key (`{space}:{item|shop}:{id}`), so `key="…"` badges can be
 * verified against a snapshot. Verification only reads `key` and `kind`; there is no URL to keep.
 */
export function refOfKey(key: string): ListingRef | null {
  const m = /^([a-z0-9]+):(item|shop):([\w.-]+)$/.exec(key);
  if (!m) return null;
  const [, space = '', kind, id = ''] = m;
  if (!(PLATFORMS as readonly string[]).includes(space)) return null;
  return { platform: space as Platform, kind: kind === 'shop' ? 'shop' : 'item', id, key, url: '' };
}
