import type { SessionAnswer } from './api-types.js';

/** An RFC 9457 problem answer, or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem slug (`type` after https://zjmade.dev/problems/), e.g. `conflict`. */
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

// The CSRF token lives only in memory: a new tab asks /v1/auth/me for it.
let csrf: string | null = null;
let onSessionLost: (() => void) | null = null;

export function setSession(s: SessionAnswer | null): void {
  csrf = s?.csrfToken ?? null;
}

/** Called when the registry answers 401 session-required (expired, signed out elsewhere). */
export function whenSessionLost(fn: () => void): void {
  onSessionLost = fn;
}

export interface Call {
  method?: 'GET' | 'POST' | 'DELETE';
  json?: unknown;
  form?: FormData;
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    body = (await res.json()) as ProblemBody;
  } catch {
    // Not a problem document (e.g. a proxy's page): the status alone says what happened.
  }
  const code = body.type?.split('/problems/')[1] ?? `http-${res.status}`;
  return new ApiError(res.status, code, body.detail ?? body.title ?? res.statusText, body.errors ?? []);
}

/** A same-origin call with the session cookie, and the CSRF token on every state change. */
export async function api<T>(path: string, call: Call = {}): Promise<T> {
  const method = call.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let body: BodyInit | undefined;
  if (call.form) body = call.form;
  else if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message);
  }
  if (!res.ok) {
    const err = await problemOf(res);
    if (err.code === 'session-required' && !path.startsWith('/v1/auth/')) onSessionLost?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
