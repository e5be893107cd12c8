import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { problemBody } from './problem.js';

const ALLOW = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';

/**
 * Wraps the Node request listener for the asterisk request target (`OPTIONS * HTTP/1.1`, RFC 9110
 * §7.1), which @hono/node-server cannot turn into a URL and answers with a bare 400. `OPTIONS *`
 * asks about the server as a whole: 204 with Allow. Any other method with `*` is a problem+json
 * 400. Every other request goes to `listener` untouched.
 */
export function withAsteriskForm(listener: (req: IncomingMessage, res: ServerResponse) => unknown): RequestListener {
  return (req, res) => {
    if (req.url !== '*') {
      void listener(req, res);
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { Allow: ALLOW, 'Content-Length': '0' }).end();
      return;
    }
    const body = JSON.stringify(problemBody('invalid-request', `The request target "*" is only meaningful for OPTIONS, not ${req.method}.`));
    res.writeHead(400, { 'Content-Type': 'application/problem+json', 'Content-Length': String(Buffer.byteLength(body)) }).end(body);
  };
}

/**
 * For @hono/node-server's `errorHandler`: a request it cannot turn into a URL (a backslash in the
 * path, a bad Host header) gets a problem+json 400 instead of its empty 400. Anything else that
 * reaches it escaped the app's own error handler: a problem+json 500.
 */
export function unparsableRequest(err: unknown): Response {
  const isRequestError = err instanceof Error && err.name === 'RequestError';
  const body = isRequestError
    ? problemBody('invalid-request', `The request cannot be read: ${err.message}.`)
    : problemBody('internal', 'The registry failed to answer this request.');
  if (!isRequestError) console.error('[zjmade-registry]', err);
  return new Response(JSON.stringify(body), { status: body.status, headers: { 'Content-Type': 'application/problem+json' } });
}
