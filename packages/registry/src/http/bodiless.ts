import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * @hono/node-server gives every answer without a Content-Type `text/plain; charset=UTF-8`, a 304
 * and a 204 included, though they have no body: a 304 from /v1/snapshot then claimed to be
 * text. This drops it from those two as they are written.
 */
export function withoutBodilessContentType(listener: Listener): Listener {
  return (req, res) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      if (status === 304 || status === 204) {
        this.removeHeader('content-type');
        const headers = rest.find((r): r is OutgoingHttpHeaders => typeof r === 'object' && r !== null && !Array.isArray(r));
        if (headers) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as ServerResponse['writeHead'];
    listener(req, res);
  };
}
