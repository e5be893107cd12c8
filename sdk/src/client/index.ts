export { createRegistryClient, POINTER_WINDOW_MS } from './create-client.js';
export { decodeVerifyAnswer } from './decode-verify.js';
export { RegistryError } from './errors.js';
export { memoryStore, fileStore } from './store.js';
export type { ClientStore, ClientState, FileStoreFs } from './store.js';
export type { ProblemDetails, RegistryErrorKind } from './errors.js';
export type { RegistryClient, RegistryClientOptions, VerifyInput, ClientVerifyOptions, CallOptions } from './types.js';
export type { ChangeListener, DeltaSupport, RegistryLayout, SyncUpdate } from '../sync/types.js';
