import type { ListingRef } from './model.js';

/** STUB — replaced by the real parser. */
export function parseListingUrl(input: string): ListingRef | null {
  void input;
  return null;
}
