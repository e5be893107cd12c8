import type { Hono } from 'hono';
import { DELTA_MEDIA_TYPE } from '@zjmade/sdk/publisher';
import type { RegistryService } from '../../service.js';
import { problem } from '../problem.js';

/**
 * Signed deltas, one per published sequence: `/v1/deltas/{sequence}` takes a client from
 * `sequence - 1` (its `base`) to `sequence`. Immutable once published, so cacheable forever; a
 * client further behind than the oldest kept delta fetches the full snapshot.
 */
export function deltaRoutes(app: Hono, service: Pick<RegistryService, 'repos'>): void {
  app.get('/v1/deltas/:sequence', (c) => {
    const raw = c.req.param('sequence');
    if (!/^[0-9]{1,15}$/.test(raw)) return problem(c, 'invalid-request', 'The sequence must be a non-negative integer.', [{ path: '/sequence', message: 'expected digits' }]);
    const sequence = Number(raw);
    const delta = service.repos.snapshots.delta(sequence);
    if (!delta) {
      const oldest = service.repos.snapshots.oldestDelta();
      return problem(c, 'not-found', `No delta to sequence ${sequence}${oldest === undefined ? '' : ` (deltas are kept from ${oldest} on)`}; fetch /v1/snapshot.`);
    }
    return c.body(delta.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': DELTA_MEDIA_TYPE,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"zjd-${sequence}"`,
      'X-Zjmade-Base': String(delta.base),
    });
  });
}
