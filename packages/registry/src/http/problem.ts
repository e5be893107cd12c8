import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export const PROBLEM_BASE = 'https://zjmade.dev/problems/';

/** Stable problem slugs; each is a `type` URI under PROBLEM_BASE and is listed in the OpenAPI document. */
export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthorized: { status: 401, title: 'Missing or wrong token' },
  'admin-disabled': { status: 403, title: 'Admin API disabled' },
  forbidden: { status: 403, title: 'The token does not grant access to this resource' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'invalid-reference': { status: 422, title: 'The request refers to something the registry does not have' },
  'batch-too-large': { status: 413, title: 'Too many listings in one batch' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'session-required': { status: 401, title: 'Sign in first (no live session)' },
  conflict: { status: 409, title: 'The request conflicts with what the registry holds' },
  csrf: { status: 403, title: 'Cross-site request refused (missing or wrong CSRF token, or a foreign origin)' },
  'invitation-expired': { status: 410, title: 'The invitation link has expired' },
  'invitation-used': { status: 410, title: 'The invitation link has been used' },
  locked: { status: 429, title: 'Too many failed sign-ins; wait before trying again' },
  'no-snapshot': { status: 503, title: 'No snapshot published yet' },
  busy: { status: 503, title: 'The registry is busy with another write; retry shortly' },
  'storage-full': { status: 507, title: 'The registry cannot store more data' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemSlug = keyof typeof PROBLEMS;

export interface FieldError {
  /** JSON Pointer (RFC 6901) into the request body, e.g. `/listings/3/key`; `` for the whole body. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export function problemBody(slug: ProblemSlug, detail: string, errors?: FieldError[]): Problem {
  const p = PROBLEMS[slug];
  return { type: `${PROBLEM_BASE}${slug}`, title: p.title, status: p.status, detail, ...(errors ? { errors } : {}) };
}

export function problem(c: Context, slug: ProblemSlug, detail: string, errors?: FieldError[], headers?: Record<string, string>): Response {
  const body = problemBody(slug, detail, errors);
  return c.body(JSON.stringify(body), PROBLEMS[slug].status, { 'Content-Type': 'application/problem+json', ...headers });
}

export function pointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function zodErrors(error: ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((i) => ({ path: pointer(i.path), message: i.message }));
}

/** The one answer to a body that is not JSON (`e` is what JSON.parse threw). */
export function malformedJson(c: Context, e: unknown): Response {
  return problem(c, 'malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [{ path: '', message: 'invalid JSON' }]);
}

/** The one answer to a USCC that fails `validateUscc` (`path` is where it was: `/uscc`). */
export function invalidUscc(c: Context, failure: { error?: string; message?: string }, path = '/uscc'): Response {
  return problem(c, 'invalid-request', `Invalid USCC: ${failure.message ?? failure.error ?? 'invalid'}`, [{ path, message: failure.message ?? 'invalid' }]);
}
