import { createRoute, z } from '@hono/zod-openapi';
import { POINTER_MEDIA_TYPE } from '@zjmade/sdk/publisher';
import type { Context } from 'hono';
import { createPointerSigner } from '../../publish/pointer.js';
import type { FullFile, RegistryService } from '../../service.js';
import { Jwks, SignedPointer } from '../answer-schemas.js';
import { COMMON_PROBLEMS, declare, headersOf, jsonAnswer, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { problem } from '../problem.js';

export const SNAPSHOT_MEDIA_TYPE = 'application/vnd.zjmade.snapshot';
const GZIP_SUFFIX = '-gzip';

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** True when If-None-Match names the current sequence (either encoding's tag, weak or strong). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.slice(1, -1);
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || tag === `"${bare}${GZIP_SUFFIX}"`;
  });
}

/** Serves one full snapshot file: ETag, If-None-Match, gzip when accepted (made off the main thread). */
async function serveFull(c: Context, file: FullFile, cacheControl: string) {
  const stored = file.snapshot;
  const gzip = acceptsGzip(c.req.header('Accept-Encoding'));
  const etag = gzip ? `"${stored.etag.slice(1, -1)}${GZIP_SUFFIX}"` : stored.etag;
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding', 'X-Zjmade-Sequence': String(stored.sequence) };
  if (matches(c.req.header('If-None-Match'), stored.etag)) return notModified(headers);
  headers['Content-Type'] = SNAPSHOT_MEDIA_TYPE;
  const bytes = gzip ? await file.gzip() : stored.bytes;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(bytes.byteLength);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
}

/** A 304 carries the validators and caching headers, and no Content-Type (it has no body). */
function notModified(headers: Record<string, string>): Response {
  return new Response(null, { status: 304, headers });
}

const SNAPSHOT = { tags: ['snapshot'], security: [] };
const binary = z.string().openapi({ format: 'binary' });
const snapshotAnswers = {
  200: {
    description: 'The signed snapshot (gzip when Accept-Encoding allows)',
    headers: { ...headersOf(['ETag', 'Cache-Control']), 'X-Zjmade-Sequence': { description: 'Its sequence', schema: { type: 'integer' as const } } },
    content: { [SNAPSHOT_MEDIA_TYPE]: { schema: binary } },
  },
  304: { description: 'Not modified (If-None-Match names it)', headers: headersOf(['ETag', 'Cache-Control']) },
};
const ifNoneMatch = z.object({ 'if-none-match': z.string().max(1024).optional().openapi({ description: 'An ETag of a snapshot held (either encoding)' }) });

const routes = {
  snapshot: createRoute({
    ...SNAPSHOT,
    method: 'get',
    path: '/v1/snapshot',
    operationId: 'snapshot',
    summary: 'The current state as one signed full snapshot',
    request: { headers: ifNoneMatch },
    responses: { ...snapshotAnswers, ...problems(['no-snapshot', 'No snapshot published yet'], ...COMMON_PROBLEMS) },
  }),
  stored: createRoute({
    ...SNAPSHOT,
    method: 'get',
    path: '/v1/snapshots/{sequence}',
    operationId: 'fullSnapshot',
    summary: 'A kept full snapshot by sequence: the one the signed latest pointer names (immutable)',
    request: {
      headers: ifNoneMatch,
      params: z.object({ sequence: z.string().max(15).openapi({ param: { name: 'sequence', in: 'path' }, pattern: '^[0-9]{1,15}$' }) }),
    },
    responses: { ...snapshotAnswers, ...problems(['invalid-request', 'Not a sequence number'], ['not-found', 'Not kept: fetch /v1/snapshot/latest for the current one'], ...COMMON_PROBLEMS) },
  }),
  latest: createRoute({
    ...SNAPSHOT,
    method: 'get',
    path: '/v1/snapshot/latest',
    operationId: 'snapshotLatest',
    summary: 'The signed "latest" pointer naming the current snapshot',
    description:
      '`{payload, kid, sig}`, where `payload` is JSON naming the current snapshot and the SHA-256 (hex) of its exact file; `sig` is Ed25519 (hex) with the snapshot keys. Re-signed at least every 10 minutes; clients without memory accept a snapshot only when a recent pointer names it.',
    responses: {
      200: { description: 'The signed pointer (no ETag)', headers: headersOf(['Cache-Control']), content: { [POINTER_MEDIA_TYPE]: { schema: SignedPointer } } },
      ...problems(['no-snapshot', 'No snapshot published yet'], ...COMMON_PROBLEMS),
    },
  }),
  jwks: createRoute({
    ...SNAPSHOT,
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'jwks',
    summary: 'The public signing keys (not retired)',
    responses: { 200: jsonAnswer('Public keys', Jwks, ['Cache-Control']), ...problems(...COMMON_PROBLEMS) },
  }),
};

export function snapshotRoutes(service: RegistryService): RouteApp {
  const app = routeApp();
  // The current state as one full snapshot. Most publishes are deltas only: the full snapshot of
  // such a sequence is encoded (in the encode worker) when first asked for, once per sequence.
  declare(app, routes.snapshot, async (c) => {
    const current = service.current();
    if (!current) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    // A client holding the head revalidates without anything being encoded.
    if (matches(c.req.header('If-None-Match'), current.stored.etag)) {
      return notModified({ ETag: current.stored.etag, 'Cache-Control': 'public, no-cache', Vary: 'Accept-Encoding', 'X-Zjmade-Sequence': String(current.stored.sequence) });
    }
    const file = await service.fullSnapshot();
    if (!file) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    // Clients may keep it but must revalidate: an admin change shows up on the next request.
    return serveFull(c, file, 'public, no-cache');
  });

  // A stored full snapshot by sequence: what the signed pointer names, immutable.
  declare(app, routes.stored, async (c) => {
    const raw = c.req.param('sequence') ?? '';
    if (!/^[0-9]{1,15}$/.test(raw)) return problem(c, 'invalid-request', 'The sequence must be a non-negative integer.', [{ path: '/sequence', message: 'expected digits' }]);
    const file = service.storedFull(Number(raw));
    if (!file) return problem(c, 'not-found', `No full snapshot ${raw} is kept; fetch /v1/snapshot/latest for the current one.`);
    return serveFull(c, file, 'public, max-age=31536000, immutable');
  });

  // The signed "latest" pointer: which snapshot is current, re-signed every few minutes so that a
  // client without memory can tell a replayed old snapshot from the current one (issue 15 #5).
  const pointers = createPointerSigner(service);
  declare(app, routes.latest, async (c) => {
    const pointer = await pointers.latest();
    if (!pointer) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    return c.body(JSON.stringify(pointer), 200, {
      'Content-Type': POINTER_MEDIA_TYPE,
      // No ETag: it changes with every re-signing; no-cache so a suspension is never hidden behind a cached pointer.
      'Cache-Control': 'public, no-cache',
      'X-Zjmade-Sequence': String(service.current()?.stored.sequence ?? ''),
    });
  });

  declare(app, routes.jwks, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(service.jwks());
  });
  return app;
}
