import { resolveListing } from '../listing-key.js';

/** The shop key a row's store column names (shop URL or shop key), if any. */
export function resolveStoreHint(input: string | undefined): string | null {
  const text = input?.trim();
  if (!text) return null;
  const ref = resolveListing(text);
  return ref && ref.kind === 'shop' ? ref.key : null;
}
