// The `@zjmade/sdk/coverage` entry: brand-owner coverage. Kept out of the root entry so the
// browser bundle (badges, extension) does not carry it.
export { coverage, CoverageInputError, DEFAULT_WINDOWS } from './coverage.js';
export { registryCoverage, registryListingsOf } from './registry-coverage.js';
export { refFromKey, resolveListing } from '../listing-key.js';
export type * from './types.js';
