import { abortedError, invalidResponse, isObject, type ProblemDetails, RegistryError } from './errors.js';
import type { RegistryClientOptions } from './types.js';

/**
 * One registry call with retries, cancelled by the client's signal or `signal`. `read` gets 2xx
 * responses and the `accept` status; its errors are final, except network errors (TypeError).
 */
export type Send = <T>(
  path: string,
  read: (res: Response) => Promise<T>,
  signal?: AbortSignal,
  init?: RequestInit,
  accept?: number,
) => Promise<T>;

/** setTimeout that ends early, clearing itself, when `signal` aborts; the caller checks the signal. */
const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

/**
 * Each attempt has its own timeout (covering the body too); backoff is exponential with full
 * jitter unless the server sent Retry-After. Retries network errors, timeouts, 5xx, and 429 only
 * when it says how long to wait; never other 4xx.
 */
export function createSend(options: RegistryClientOptions): Send {
  const {
    timeoutMs = 8000,
    retries = 3,
    maxRetryAfterMs = 30_000,
    now = Date.now,
    random = Math.random,
    sleep = abortableSleep,
    // Late-bound, so a fetch patched after the client was made (msw, polyfills) is used.
    fetch: fetchFn = (input, init) => fetch(input, init),
  } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return async (path, read, signal, init, accept) => {
    // One combined signal per call (not per attempt) keeps few dependants on a long-lived client signal.
    const live = AbortSignal.any([options.signal, signal].filter(Boolean) as AbortSignal[]);
    for (let attempt = 0; ; attempt++) {
      if (live.aborted) throw abortedError();
      const timeout = AbortSignal.timeout(timeoutMs);
      let res: Response | undefined;
      let failure: RegistryError;
      let retry = true;
      try {
        res = await fetchFn(baseUrl + path, { ...init, signal: AbortSignal.any([live, timeout]) });
        const status = res.status;
        if (res.ok || status === accept) return await read(res);
        // A garbled problem body still leaves the status to report.
        const body: unknown = res.headers.get('content-type')?.includes('problem+json') && (await res.json().catch(() => 0));
        const problem = isObject(body) ? (body as ProblemDetails) : undefined;
        // Retry-After: seconds or an HTTP date (the date of "0" is in the past); a past date means now.
        const after = (status === 429 || status === 503) && res.headers.get('retry-after');
        const wait = after ? Math.max(0, +after * 1000 || Date.parse(after) - now()) : NaN;
        failure = new RegistryError('http', problem?.title ?? `HTTP ${status}`, {
          status,
          problem,
          retryAfterMs: wait >= 0 ? wait : undefined,
        });
        // A NaN wait (none, or unparseable) is never over the limit.
        retry = (status === 429 ? wait >= 0 : status >= 500) && !(wait > maxRetryAfterMs);
      } catch (error) {
        if (live.aborted) throw abortedError();
        const timedOut = timeout.aborted;
        if (!timedOut && res && !(error instanceof TypeError)) throw error instanceof SyntaxError ? invalidResponse() : error;
        failure = new RegistryError(timedOut ? 'timeout' : 'network', timedOut ? `No answer in ${timeoutMs} ms` : 'Unreachable', {
          cause: error,
        });
      }
      if (!retry || attempt >= retries) throw failure;
      await sleep(failure.retryAfterMs ?? random() * Math.min(5000, 200 * 2 ** attempt), live);
    }
  };
}
