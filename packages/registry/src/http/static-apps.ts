import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { problem } from './problem.js';

/** A browser app built by vite into `dir` (index.html + hashed files under assets/), served at `prefix`. */
export interface StaticApp {
  /** `/portal`, later `/console`: the app's base path (vite's `base` without the trailing slash). */
  prefix: string;
  /** The built app, or undefined when its package is not installed. */
  dir: string | undefined;
  /** What to tell someone who asks for an app that is not built. */
  build: string;
}

// The app's own CSP: the API's `default-src 'none'` would stop its scripts. No inline script or
// style is needed (vite emits files; Preact and ECharts' SVG renderer style through the CSSOM).
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built directory of a workspace app package, found the way Node finds the package itself. */
export function packageDist(name: string): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), 'dist');
  } catch {
    return undefined;
  }
}

/** The apps this registry serves: the brand owners' portal and the staff console. */
export function defaultStaticApps(): StaticApp[] {
  return [
    { prefix: '/portal', dir: process.env.ZJMADE_PORTAL_DIST ?? packageDist('@zjmade/portal'), build: 'pnpm --filter @zjmade/portal build' },
    { prefix: '/console', dir: process.env.ZJMADE_CONSOLE_DIST ?? packageDist('@zjmade/console'), build: 'pnpm --filter @zjmade/console build' },
  ];
}

function headers(cache: string, type: string): Record<string, string> {
  return {
    'Content-Type': type,
    'Cache-Control': cache,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

async function fileIn(dir: string, rel: string): Promise<Buffer | undefined> {
  // Decoded, normalised and kept inside `dir`: `..` or an encoded slash cannot leave it.
  const path = normalize(join(dir, rel));
  if (!path.startsWith(dir + sep)) return undefined;
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

function serve(app: StaticApp) {
  return async (c: Context): Promise<Response> => {
    const { prefix } = app;
    const dir = app.dir === undefined ? undefined : resolve(app.dir);
    if (!dir) return problem(c, 'not-found', `${prefix}/ is not installed in this registry.`);
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice(prefix.length + 1));
    } catch {
      return problem(c, 'not-found', `No file ${c.req.path}.`);
    }
    if (rel.includes('\0')) return problem(c, 'not-found', `No file ${c.req.path}.`);
    // Hashed by vite: a changed file gets a new name, so a cached one never goes stale.
    if (rel.startsWith('assets/')) {
      const body = await fileIn(dir, rel);
      if (!body) return problem(c, 'not-found', `No file ${c.req.path}.`);
      return c.body(new Uint8Array(body), 200, headers('public, max-age=31536000, immutable', TYPES[extname(rel)] ?? 'application/octet-stream'));
    }
    // Other files the build put at the top (icons): revalidated, their names carry no hash.
    if (rel !== '' && extname(rel) !== '' && extname(rel) !== '.html') {
      const body = await fileIn(dir, rel);
      if (body) return c.body(new Uint8Array(body), 200, headers('no-cache', TYPES[extname(rel)] ?? 'application/octet-stream'));
    }
    // Every other path is one of the app's client routes (/portal/listings, /portal/accept#…).
    const index = await fileIn(dir, 'index.html');
    if (!index) return problem(c, 'not-found', `${prefix}/ is not built: run \`${app.build}\`.`);
    return c.body(new Uint8Array(index), 200, headers('no-cache', TYPES['.html']!));
  };
}

/**
 * The browser apps at their prefixes, with their own headers (CSP for scripts from 'self',
 * immutable caching for hashed assets, index.html revalidated, SPA fallback). Mounted before the
 * API's secure-headers middleware: these answers are complete, nothing after them changes them.
 * Registered as middleware, not as routes: they are no operations of the API, so they stay out of
 * its OpenAPI document and of the route table the document is checked against.
 */
export function staticApps(apps: StaticApp[] = defaultStaticApps()): Hono {
  const router = new Hono();
  for (const app of apps) {
    const handler = serve(app);
    const answer = async (c: Context): Promise<Response> => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        return problem(c, 'method-not-allowed', `${c.req.path} does not answer ${c.req.method}; it answers GET, HEAD.`, undefined, { Allow: 'GET, HEAD' });
      }
      if (c.req.path === app.prefix) return c.redirect(`${app.prefix}/`, 301);
      return handler(c);
    };
    router.use(app.prefix, answer);
    router.use(`${app.prefix}/*`, answer);
  }
  return router;
}
