import type { Hono } from 'hono';
import { POINTER_MEDIA_TYPE } from '@zjmade/sdk/publisher';
import { createPointerSigner } from '../../publish/pointer.js';
import type { RegistryService } from '../../service.js';
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

export function snapshotRoutes(app: Hono, service: RegistryService): void {
  app.get('/v1/snapshot', (c) => {
    const current = service.current();
    if (!current) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    const { stored } = current;
    const gzip = acceptsGzip(c.req.header('Accept-Encoding'));
    const etag = gzip ? `"${stored.etag.slice(1, -1)}${GZIP_SUFFIX}"` : stored.etag;
    const headers: Record<string, string> = {
      ETag: etag,
      // Clients may keep it but must revalidate: an admin change shows up on the next request.
      'Cache-Control': 'public, no-cache',
      Vary: 'Accept-Encoding',
      'X-Zjmade-Sequence': String(stored.sequence),
    };
    if (matches(c.req.header('If-None-Match'), stored.etag)) return c.body(null, 304, headers);
    headers['Content-Type'] = SNAPSHOT_MEDIA_TYPE;
    const bytes = gzip ? current.gzip() : stored.bytes;
    if (gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(bytes.byteLength);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
  });

  // The signed "latest" pointer: which snapshot is current, re-signed every few minutes so that a
  // client without memory can tell a replayed old snapshot from the current one (issue 15 #5).
  const pointers = createPointerSigner(service);
  app.get('/v1/snapshot/latest', async (c) => {
    const pointer = await pointers.latest();
    if (!pointer) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    return c.body(JSON.stringify(pointer), 200, {
      'Content-Type': POINTER_MEDIA_TYPE,
      // No ETag: it changes with every re-signing; no-cache so a suspension is never hidden behind a cached pointer.
      'Cache-Control': 'public, no-cache',
      'X-Zjmade-Sequence': String(service.current()?.stored.sequence ?? ''),
    });
  });

  app.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(service.jwks());
  });
}
