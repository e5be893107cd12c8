export { createRegistryClient } from './create-client.js';
export { RegistryError } from './errors.js';
export type { ProblemDetails, RegistryErrorKind } from './errors.js';
export type { RegistryClient, RegistryClientOptions, VerifyInput, ClientVerifyOptions, CallOptions } from './types.js';
