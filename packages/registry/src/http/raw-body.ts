import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { ClientAbortError } from './client-abort.js';

export type RawBody = { ok: true; text: string } | { ok: false; tooLarge: true };

function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

/**
 * The request body as text, at most `maxBytes`. Under @hono/node-server it is read straight from
 * Node's request stream: building the web `Request` and its ReadableStream (what `c.req.text()`
 * and `bodyLimit` do) costs more than verifying a whole search page. Elsewhere (`app.request` in
 * tests, other runtimes) it falls back to `c.req.text()`.
 */
export function readRawBody(c: Context, maxBytes: number): Promise<RawBody> {
  const incoming = incomingOf(c);
  if (!incoming || incoming.readableEnded || incoming.destroyed) {
    return c.req.text().then((text) => (Buffer.byteLength(text) > maxBytes ? { ok: false, tooLarge: true } : { ok: true, text }));
  }
  const declared = Number(incoming.headers['content-length']);
  if (declared > maxBytes) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Stop buffering; node-server drains the rest once the response is sent.
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8');
      // As TextDecoder (and so `c.req.text()`) does: a leading byte-order mark is not content.
      resolve({ ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
    };
    // An aborted request errors (ECONNRESET "aborted") or just closes; either way the client is
    // gone, which the app's error handler must tell apart from a registry failure.
    const onError = (e: Error) => {
      cleanup();
      reject(new ClientAbortError(e));
    };
    const onClose = () => {
      if (incoming.complete) return;
      cleanup();
      reject(new ClientAbortError());
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}
