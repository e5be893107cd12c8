import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET,HEAD,POST,OPTIONS';
const ALLOW_HEADERS = 'Content-Type,If-None-Match';
const EXPOSE_HEADERS = 'ETag,Retry-After,X-Zjmade-Sequence,Content-Length';
const MAX_AGE = '600';

/**
 * CORS for the credential-free public routes: any origin, no credentials. Unlike hono/cors it
 * touches `c.res` only after the handler: reading `c.res` before `next()` makes Hono rebuild the
 * handler's response as a web Response, which copies (and re-encodes) the whole body — for a
 * 60-verdict `/v1/verify` answer that cost more than computing the verdicts.
 */
export function publicCors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': EXPOSE_HEADERS,
        'Access-Control-Max-Age': MAX_AGE,
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        Vary: 'Access-Control-Request-Headers',
      });
    }
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  };
}
