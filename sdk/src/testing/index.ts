export { createRegistryHandlers } from './registry-handlers.js';
export type { FailurePlan, RecordedRequest, RegistryHandlers, RegistryHandlersOptions } from './registry-handlers.js';
export { listingRefOfKey } from './listing-ref-of-key.js';
