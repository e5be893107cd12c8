import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { type AccountOptionsInput, createAccounts } from '../accounts/index.js';
import { consoleRoutes } from '../console/routes.js';
import { mountWebhooks, type Notifier } from '../notify/index.js';
import { mountPortal } from '../portal/mount.js';
import { consoleService } from '../services/console-service.js';
import type { RegistryService } from '../service.js';
import { storageErrorCode } from '../store/storage-errors.js';
import { adminAuth } from './admin-auth.js';
import { type AuthFailureOptions, AuthFailureLimiter } from './auth-failures.js';
import { isClientAbort } from './client-abort.js';
import { type RouteApp, registerSecuritySchemes, routeApp } from './openapi-kit.js';
import { domainServices } from '../services/domain.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { BODY_LIMITS } from './limits.js';
import { problem } from './problem.js';
import { publicCors } from './public-cors.js';
import { DEFAULT_PUBLIC_LIMIT, DEFAULT_REPORT_GLOBAL_LIMIT, DEFAULT_REPORT_LIMIT, globalRateLimit, type RateLimitOptions, rateLimit } from './rate-limit.js';
import { adapterRoutes } from './routes/adapters.js';
import { adminRoutes } from './routes/admin.js';
import { changesRoutes } from './routes/changes.js';
import { coverageRoutes } from './routes/coverage.js';
import { deltaRoutes } from './routes/deltas.js';
import { healthRoutes } from './routes/health.js';
import { lookupRoutes } from './routes/lookups.js';
import { reportRoutes } from './routes/reports.js';
import { snapshotRoutes } from './routes/snapshot.js';
import { staticApps } from './static-apps.js';
import { tokenRoutes } from './routes/tokens.js';
import { verifyRoutes } from './routes/verify.js';

export interface AppOptions {
  /** Bearer token for /v1/admin; without one the admin API answers 403 admin-disabled. */
  adminToken?: string;
  /** `false` turns rate limiting off (benchmarks). */
  rateLimit?: false | RateLimitOptions;
  /**
   * Wrong admin/enterprise tokens per client before backoff (429). On unless `false`, and apart
   * from `rateLimit`: turning request limits off for a benchmark must not open token guessing.
   */
  authFailures?: false | Partial<AuthFailureOptions>;
  /** Session lifetimes, lockout, `secureCookies`, the clock (see accounts/options.ts). */
  accounts?: AccountOptionsInput;
  /** The running webhook notifier (its URL policy, and a kick after queuing); see notify/. */
  webhooks?: Notifier;
}

export { BODY_LIMITS };

/** Public, credential-free paths that platform pages may call from any origin. */
const PUBLIC_PATHS = [
  '/v1/health',
  '/v1/verify',
  '/v1/snapshot',
  '/v1/changes',
  '/v1/adapters',
  '/v1/deltas/*',
  '/v1/snapshots/*',
  '/v1/reports',
  '/.well-known/jwks.json',
  '/openapi.json',
  '/v1/enterprises/*',
  '/v1/evaluations/*',
  '/v1/standards/*',
  '/v1/stores/*',
  '/v1/listings/*',
];

/** Prefixes whose routes check a session or token in middleware: wrong methods are caught first. */
const GUARDED_PREFIXES = ['/v1/admin/*', '/v1/portal/*', '/v1/console/*', '/v1/auth/*', '/v1/coverage/*', '/v1/calendar/*'];

/** Prefixes whose answers are private (a token, a session or a secret URL): all `no-store`. */
const PRIVATE_PREFIXES = ['/v1/admin/*', '/v1/coverage/*', '/v1/portal/*', '/v1/console/*', '/v1/auth/*'];

const methodProblem = (c: Context, allow: string) =>
  problem(c, 'method-not-allowed', `${c.req.path} does not answer ${c.req.method}; it answers ${allow}.`, undefined, { Allow: allow });

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) => problem(c, 'payload-too-large', `The request body exceeds ${maxSize} bytes.`),
  });
}

export function createApp(service: RegistryService, opts: AppOptions = {}): RouteApp {
  const app = routeApp();

  app.route('/', staticApps()); // /portal/ (and later /console/): their own headers and CSP, before the API's.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginOpenerPolicy: false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'no-referrer',
    }),
  );

  // A known path asked with a method it does not answer is a 405 naming the methods it answers,
  // not a 404 — and, under the guarded prefixes, before any session, CSRF or token check, so a
  // wrong method is told so rather than "sign in" (the document already says what exists).
  const allowed = methodNotAllowed(app);
  const wrongMethod: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'OPTIONS') {
      const allow = allowed(c.req.path);
      if (allow && !allow.split(', ').includes(c.req.method)) return methodProblem(c, allow);
    }
    await next();
  };
  for (const p of GUARDED_PREFIXES) app.use(p, wrongMethod);

  const cors = publicCors();
  for (const p of PUBLIC_PATHS) app.use(p, cors);

  if (opts.rateLimit !== false) {
    const publicLimit = rateLimit({ ...DEFAULT_PUBLIC_LIMIT, ...opts.rateLimit?.public });
    for (const p of PUBLIC_PATHS) app.use(p, publicLimit);
    app.use('/v1/reports', rateLimit({ ...DEFAULT_REPORT_LIMIT, ...opts.rateLimit?.reports }));
    // After the per-client limit, so a single flooding client cannot spend everyone's budget.
    app.use('/v1/reports', globalRateLimit({ ...DEFAULT_REPORT_GLOBAL_LIMIT, ...opts.rateLimit?.reportsGlobal }, 'reports'));
  }
  const failures = opts.authFailures === false ? undefined : new AuthFailureLimiter(opts.authFailures ?? {});
  // Before the /v1/admin bearer guard: staff sessions, not only the token, reach /v1/admin/invitations.
  const accounts = createAccounts(service, { ...opts.accounts, adminToken: opts.adminToken, failures });
  // Admin, account, portal, console and brand-owner answers are private to whoever holds the token
  // or session: no cache keeps them (registered before those sub-apps, so it wraps all of them).
  for (const p of PRIVATE_PREFIXES) {
    app.use(p, async (c, next) => {
      await next();
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    });
  }
  app.route('/', accounts.routes);
  mountPortal(app, service, accounts.requireAccount);
  mountWebhooks(app, service, accounts.requireAccount, opts.webhooks);
  app.route('/', consoleRoutes(consoleService(service, accounts.service), accounts.requireAccount) as never);

  // /v1/verify enforces its limit while reading the body itself (see raw-body.ts).
  app.use('/v1/reports', limit(BODY_LIMITS.reports));
  app.use('/v1/admin/*', limit(BODY_LIMITS.admin));
  app.use('/v1/admin/*', adminAuth(opts.adminToken, failures));

  // The domain's routes: OpenAPIHono sub-apps (see openapi-kit.ts and "How to add a route" in the
  // README), each declaring its routes for the generated document. Mount further sub-apps here.
  const domain = domainServices(service);
  let doc: unknown;
  // Generated once, on first request: the declarations do not change while the app lives.
  app.route('/', healthRoutes(service, () => (doc ??= document(app))));
  app.route('/', verifyRoutes(service, BODY_LIMITS.verify));
  app.route('/', snapshotRoutes(service));
  app.route('/', changesRoutes(domain));
  app.route('/', adapterRoutes(domain.published));
  app.route('/', deltaRoutes(domain.published));
  app.route('/', lookupRoutes(domain));
  app.route('/', reportRoutes(domain));
  app.route('/', adminRoutes(domain, service));
  app.route('/', coverageRoutes(domain, opts.adminToken, failures));
  app.route('/', tokenRoutes(domain));

  app.notFound((c) => {
    const allow = allowed(c.req.path);
    if (allow) return methodProblem(c, allow);
    return problem(c, 'not-found', `No route for ${c.req.method} ${c.req.path}.`);
  });
  app.onError((err, c) => {
    // Nobody is left to read an answer and nothing in the registry failed: no error log, no stack.
    if (isClientAbort(err, c)) return new Response(null, { status: 499 });
    const storage = storageErrorCode(err);
    if (storage === 'storage-full') return problem(c, 'storage-full', 'The registry database cannot grow (disk full).');
    if (storage === 'busy') return problem(c, 'busy', 'Another write holds the database. Retry shortly.', undefined, { 'Retry-After': '2' });
    console.error('[zjmade-registry]', err);
    return problem(c, 'internal', 'The registry failed to answer this request.');
  });
  return app;
}

/** The OpenAPI 3.1 document generated from the sub-apps' declarations. */
function document(app: RouteApp): unknown {
  registerSecuritySchemes(app);
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'zjmade registry',
      version: '1.0.0',
      description: 'Verification of 浙江制造 (品字标) listings. Errors are RFC 9457 problem+json (the Problem schema), with JSON-pointer `errors` for invalid requests.',
    },
    servers: [{ url: '/' }],
  });
  documentPrivateCaching(doc);
  return doc;
}

/**
 * The private prefixes' `no-store` comes from one middleware, so the document says it once here,
 * for every answer of every operation under them, instead of in each declaration.
 */
function documentPrivateCaching(document: object): void {
  const doc = document as { paths?: Record<string, Record<string, unknown>> };
  const prefixes = PRIVATE_PREFIXES.map((p) => p.replace(/\*$/, ''));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!prefixes.some((p) => path.startsWith(p))) continue;
    for (const op of Object.values(item)) {
      const responses = (op as { responses?: Record<string, { headers?: Record<string, unknown> }> }).responses;
      for (const r of Object.values(responses ?? {})) {
        r.headers ??= {};
        r.headers['Cache-Control'] ??= { description: '`no-store` unless the route says otherwise: the answer is private to the caller', schema: { type: 'string' } };
      }
    }
  }
}
