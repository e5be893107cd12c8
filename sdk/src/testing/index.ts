export { createRegistryHandlers } from './registry-handlers.js';
export type { FailurePlan, RecordedRequest, RegistryHandlers, RegistryHandlersOptions } from './registry-handlers.js';
