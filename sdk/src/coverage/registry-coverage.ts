import type { RegistryView } from '../verdict.js';
import { coverage } from './coverage.js';
import type { CoverageListingInput, CoverageOptions, CoverageReport } from './types.js';

/**
 * The listings the registry itself binds to the enterprise's stores (every store, live or not),
 * in store-key then listing-key order. Empty when the view cannot list stores or bindings.
 */
export function registryListingsOf(view: RegistryView, uscc: string): CoverageListingInput[] {
  if (!view.storesOf || !view.bindingsOfStore) return [];
  const stores = [...view.storesOf(uscc)].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out: CoverageListingInput[] = [];
  for (const store of stores) {
    const keys = view.bindingsOfStore(store.key).map((b) => b.key).sort();
    for (const key of keys) out.push({ listing: key, store: store.key });
  }
  return out;
}

/**
 * Coverage over what the registry already knows of the enterprise (no export needed): what
 * `GET /v1/coverage/{uscc}` answers. Forgotten stores here are stores with no bound listing.
 */
export function registryCoverage(view: RegistryView, uscc: string, options: CoverageOptions = {}): CoverageReport {
  return coverage({ uscc, listings: registryListingsOf(view, uscc) }, view, options);
}
