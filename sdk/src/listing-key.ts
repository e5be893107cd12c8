import { parseListingUrl } from './listing-url.js';
import { type ListingKind, type ListingRef, PLATFORMS, type Platform } from './model.js';

/** The one listing-key grammar: `{space}:{item|shop}:{id}`, the space a known platform. */
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

/**
 * What every `verify` accepts (the client's, the snapshot verifier's, `verifyListing`): a URL, a
 * share text or a listing key as a string; a `ListingRef`; `{ url, text? }` or `{ key, text? }`;
 * or, as the snapshot verifier's `verifyMany` has always taken, `{ listing, text? }`. `text` (the
 * listing's title) feeds only the claim, never the status.
 */
export type ListingInput =
  | string
  | ListingRef
  | { url: string; text?: string | undefined }
  | { key: string; text?: string | undefined }
  | { listing: string | ListingRef; text?: string | undefined };

/**
 * The listing an input names, and its text. A string is a key when it is written as one, else a
 * URL or share text (`resolveListing`); `url` is read the same way; `key` only as a key; a ref
 * is taken as given. Anything else names no listing.
 */
export function listingOf(input: ListingInput): { ref: ListingRef | null; text: string | undefined } {
  if (typeof input === 'string') return { ref: resolveListing(input), text: undefined };
  const o = (input ?? {}) as { url?: unknown; key?: unknown; listing?: unknown; text?: unknown; platform?: unknown; kind?: unknown };
  const text = typeof o.text === 'string' ? o.text : undefined;
  if (o.listing !== undefined) {
    const inner = listingOf(o.listing as ListingInput);
    return { ref: inner.ref, text: text ?? inner.text };
  }
  const ref =
    typeof o.key === 'string'
      ? o.platform !== undefined && o.kind !== undefined
        ? (input as ListingRef)
        : refFromKey(o.key)
      : typeof o.url === 'string'
        ? resolveListing(o.url)
        : null;
  return { ref, text };
}
