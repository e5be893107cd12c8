import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** The client closed the connection before its request body arrived. */
export class ClientAbortError extends Error {
  readonly code = 'client-abort';
  constructor(cause?: unknown) {
    super('The client closed the connection mid-request.', { cause });
    this.name = 'ClientAbortError';
  }
}

const ABORT_CODES = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED', 'EPIPE']);

/**
 * Whether `err` comes from the client going away rather than from the registry: nobody is left to
 * answer, and nothing in the registry failed, so it must not be logged as an internal error.
 */
export function isClientAbort(err: unknown, c: Context): boolean {
  if (err instanceof ClientAbortError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  const incoming = env?.incoming;
  const gone = incoming !== undefined && ((incoming.destroyed && !incoming.complete) || incoming.socket?.destroyed === true);
  return gone && (typeof code !== 'string' || ABORT_CODES.has(code) || (err as Error).name === 'AbortError' || incoming.errored !== null);
}
