import { OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { PROBLEM_BASE, PROBLEMS, type ProblemSlug, problem, zodErrors } from './problem.js';

/**
 * What every route file builds on: an OpenAPIHono sub-app whose validation failures (query, path,
 * JSON body) become the registry's `invalid-request` problem with JSON-pointer `errors`, and the
 * pieces of the generated document that routes share (the problem body, headers, security).
 */
export type RouteApp = OpenAPIHono<BlankEnv>;

export function routeApp(): RouteApp {
  return new OpenAPIHono<BlankEnv>({ defaultHook: invalidRequestHook });
}

const WHAT: Record<string, string> = {
  json: 'The request body does not have the expected shape.',
  query: 'The query parameters are not valid.',
  param: 'The path parameters are not valid.',
};

function invalidRequestHook(result: { success: boolean; target: string; error?: unknown }, c: Context): Response | undefined {
  if (result.success) return undefined;
  return problem(c, 'invalid-request', WHAT[result.target] ?? 'The request is not valid.', zodErrors(result.error as z.ZodError));
}

/**
 * Mounts `route` for documentation and for path/query validation. Its JSON body (if any) is
 * documented here but read by the handler (`readBody` in body.ts, or raw-body.ts for verify)
 * with the same schema: the registry parses bodies whatever their Content-Type and answers
 * malformed JSON with its own problem, which Hono's validator would turn into a 415 or a bare 400.
 * `honoPath` is for paths whose parameter holds slashes (`:code{.+}`); `validate: false` leaves
 * all checking to the handler (the verify hot path, which checks its one query parameter itself).
 */
export function declare<R extends RouteConfig>(
  app: RouteApp,
  route: R,
  handler: (c: Context) => Response | Promise<Response>,
  opts: { honoPath?: string; validate?: boolean } = {},
): void {
  app.openAPIRegistry.registerPath(route);
  const path = opts.honoPath ?? route.path.replaceAll(/\/{(.+?)}/g, '/:$1');
  if (opts.validate === false) {
    app.on(route.method.toUpperCase(), path, handler);
    return;
  }
  const { body: _documented, ...request } = route.request ?? {};
  app.openapi({ ...route, path, request, hide: true }, handler as never);
}

/** The one problem+json component every error answer refers to. */
export const ProblemSchema = z
  .object({
    type: z.url().openapi({ description: `A URI under ${PROBLEM_BASE}: ${Object.keys(PROBLEMS).join(', ')}` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string().openapi({ description: 'JSON Pointer (RFC 6901) into the request; empty for the whole body' }), message: z.string() }))
      .optional(),
  })
  .openapi('Problem');

export const HEADERS = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' as const, minimum: 1 } },
  'WWW-Authenticate': { description: 'The bearer challenge (realm zjmade-admin or zjmade-coverage)', schema: { type: 'string' as const } },
  'Cache-Control': { description: 'Caching rules for this answer', schema: { type: 'string' as const } },
  ETag: { description: 'Entity tag for If-None-Match', schema: { type: 'string' as const } },
  'Last-Modified': { description: 'When the answer last changed', schema: { type: 'string' as const } },
  Allow: { description: 'The methods this path answers', schema: { type: 'string' as const } },
} as const;
type HeaderName = keyof typeof HEADERS;
const headersOf = (names: readonly HeaderName[]) => Object.fromEntries(names.map((n) => [n, HEADERS[n]]));

/** Which headers a problem answer of each status carries. */
const PROBLEM_HEADERS: Partial<Record<number, HeaderName[]>> = { 401: ['WWW-Authenticate'], 405: ['Allow'], 429: ['Retry-After'], 503: ['Retry-After'] };

/** A documented problem answer: `problems(['not-found', 'No such thing'], …)`. */
export function problems(...entries: [ProblemSlug | number, string][]): Record<string, { description: string; headers?: Record<string, unknown>; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }> {
  const out: Record<string, { description: string; headers?: Record<string, unknown>; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }> = {};
  for (const [slugOrStatus, description] of entries) {
    const status = typeof slugOrStatus === 'number' ? slugOrStatus : PROBLEMS[slugOrStatus].status;
    const prev = out[status];
    // Cache-Control: admin, coverage and account answers, problems included, are `no-store`.
    const headerNames: HeaderName[] = ['Cache-Control', ...(PROBLEM_HEADERS[status] ?? [])];
    out[status] = {
      description: prev ? `${prev.description}; or ${description}` : description,
      headers: headersOf(headerNames),
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

/** A JSON answer with optional documented headers. */
export function jsonAnswer<S extends z.ZodType>(description: string, schema: S, headers: readonly HeaderName[] = []) {
  return { description, ...(headers.length ? { headers: headersOf(headers) } : {}), content: { 'application/json': { schema } } };
}

/** A JSON request body (documented; see `declare`). */
export function jsonBody<S extends z.ZodType>(schema: S, required = true) {
  return { required, content: { 'application/json': { schema } } };
}

export { headersOf };

/** Answers every route can give whatever it does. */
export const COMMON_PROBLEMS: [ProblemSlug, string][] = [
  ['rate-limited', 'Rate limited (see Retry-After)'],
  ['method-not-allowed', 'The path does not answer this method (see Allow)'],
];

export const SECURITY: Record<'adminToken' | 'coverage' | 'session' | 'none', Record<string, string[]>[]> = {
  adminToken: [{ adminToken: [] }],
  coverage: [{ adminToken: [] }, { enterpriseToken: [] }],
  session: [{ cookieAuth: [] }],
  none: [],
};

/** The app-level parts of the document: security schemes (the accounts sub-app uses `cookieAuth`). */
export function registerSecuritySchemes(app: RouteApp): void {
  const r = app.openAPIRegistry;
  r.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer', description: 'The registry admin token (ZJMADE_ADMIN_TOKEN)' });
  r.registerComponent('securitySchemes', 'enterpriseToken', { type: 'http', scheme: 'bearer', description: 'A token issued to one enterprise by POST /v1/admin/enterprises/{uscc}/tokens' });
  r.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'zj_session', description: 'A signed-in account session (HttpOnly, SameSite=Strict); state changes also need the X-CSRF-Token header' });
}
