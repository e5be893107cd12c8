import { abortedError, type ProblemDetails, RegistryError } from './errors.js';
import { isObject } from './guards.js';

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  /** Longest Retry-After worth waiting for; longer ones fail at once. */
  maxRetryAfterMs: number;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One registry call with retries. `read` gets 2xx responses and the statuses in `accept`; its
 * errors (RegistryError, malformed JSON) are final.
 */
export type Send = <T>(
  path: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  read: (res: Response) => Promise<T>,
  accept?: readonly number[],
) => Promise<T>;

/** setTimeout that clears itself and rejects when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return ms >= 0 ? ms : ms < 0 ? 0 : undefined;
}

/**
 * Each attempt has its own timeout (covering the body too); backoff is exponential with full
 * jitter unless the server sent Retry-After. Retries network errors, timeouts, 5xx, and 429 only
 * when it says how long to wait; never other 4xx.
 */
export function createSend(o: TransportOptions): Send {
  const { baseUrl, fetch: fetchFn, timeoutMs, retries, maxRetryAfterMs, now, random, sleep } = o;
  return async (path, init, signal, read, accept = []) => {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortedError();
      const ctl = new AbortController();
      const cancel = () => ctl.abort();
      signal?.addEventListener('abort', cancel);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        cancel();
      }, timeoutMs);
      let failure: RegistryError;
      let retry: boolean;
      try {
        const res = await fetchFn(baseUrl + path, { ...init, signal: ctl.signal });
        const status = res.status;
        if (res.ok || accept.includes(status)) return await read(res);
        let problem: ProblemDetails | undefined;
        if (res.headers.get('content-type')?.includes('problem+json')) {
          // A garbled problem body still leaves the status to report.
          const body: unknown = await res.json().catch(() => undefined);
          if (isObject(body)) problem = body;
        }
        const wait =
          status === 429 || status === 503 ? parseRetryAfter(res.headers.get('retry-after'), now()) : undefined;
        failure = new RegistryError('http', problem?.title ?? `HTTP ${status}`, { status, problem, retryAfterMs: wait });
        retry = (status === 429 ? wait !== undefined : status >= 500) && !((wait ?? 0) > maxRetryAfterMs);
      } catch (error) {
        if (signal?.aborted) throw abortedError();
        if (!timedOut && error instanceof RegistryError) throw error;
        if (!timedOut && error instanceof SyntaxError) throw new RegistryError('validation', 'Malformed JSON.');
        failure = timedOut
          ? new RegistryError('timeout', `No answer within ${timeoutMs} ms.`)
          : new RegistryError('network', 'Registry unreachable.', { cause: error });
        retry = true;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
      }
      if (!retry || attempt >= retries) throw failure;
      await sleep(failure.retryAfterMs ?? random() * Math.min(5000, 200 * 2 ** attempt), signal);
    }
  };
}
