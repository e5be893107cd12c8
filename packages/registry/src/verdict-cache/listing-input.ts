import { type ListingRef, refFromKey } from '@zjmade/sdk';
import type { ListingItem } from '../http/verify-schemas.js';

export type VerifyInput = ListingRef | string | { listing: ListingRef | string; text?: string };

/** A request's listing as the SDK verifier takes it. */
export function toInput(item: ListingItem): VerifyInput {
  if (typeof item === 'string') return item;
  if ('key' in item) {
    // An invalid key stays a string so the SDK answers `unknown` / `invalid-listing` for it.
    const listing = refFromKey(item.key) ?? item.key;
    return item.text === undefined ? listing : { listing, text: item.text };
  }
  return item.text === undefined ? item.url : { listing: item.url, text: item.text };
}

/** The key of a key-only listing (`{ key }`, no text): the only inputs the verdict cache answers. */
export function cacheableKey(item: ListingItem): string | undefined {
  return typeof item === 'object' && 'key' in item && item.text === undefined ? item.key : undefined;
}
