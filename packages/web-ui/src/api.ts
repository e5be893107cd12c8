// The registry client both apps use: same-origin fetch with the session cookie, the CSRF token on
// every state change, and RFC 9457 problems turned into `ApiError`s.

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

export function setSession(s: { csrfToken: string } | null): void {
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

/**
 * A multipart upload with progress (fetch reports none for request bodies, so this one goes by
 * XHR); the same cookie, CSRF token and problem handling as `api`.
 */
export function upload<T>(path: string, form: FormData, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'upload failed'));
    xhr.onload = () => {
      let body: ProblemBody & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as ProblemBody & Record<string, unknown>;
      } catch {
        // Not JSON: the status says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, body.type?.split('/problems/')[1] ?? `http-${xhr.status}`, body.detail ?? body.title ?? xhr.statusText, body.errors ?? []));
    };
    xhr.send(form);
  });
}

/** A query string of the set values (empty strings left out). */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Signs out at the registry; whatever it answers, the page forgets the session, then `after` runs. */
export async function signOut(after: () => void): Promise<void> {
  try {
    await api('/v1/auth/sign-out', { method: 'POST' });
  } finally {
    setSession(null);
    after();
  }
}
