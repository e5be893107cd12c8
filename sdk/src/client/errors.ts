/** RFC 9457 problem details, as the registry sends them with `application/problem+json`. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

export type RegistryErrorKind = 'network' | 'timeout' | 'http' | 'validation' | 'aborted';

/** Why a registry call failed. `http` errors carry the status and, when sent, the problem details. */
export class RegistryError extends Error {
  // `declare`: assigned in one go below, which keeps the browser bundle small.
  declare readonly kind: RegistryErrorKind;
  declare readonly status?: number;
  declare readonly problem?: ProblemDetails;
  /** The wait the server asked for (Retry-After on 429/503), in ms. */
  declare readonly retryAfterMs?: number;
  constructor(
    kind: RegistryErrorKind,
    message: string,
    extra: { status?: number; problem?: ProblemDetails; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, extra);
    Object.assign(this, { name: 'RegistryError', kind }, extra);
  }
}

export const abortedError = (): RegistryError => new RegistryError('aborted', 'Aborted');

/** One message for every malformed answer (verify results, records, 304s, JSON): each string costs bundle bytes. */
export const invalidResponse = (): RegistryError => new RegistryError('validation', 'Invalid response');

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
