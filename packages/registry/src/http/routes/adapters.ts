import type { Hono } from 'hono';
import { latestAdapters } from '../../adapters/publish-adapters.js';
import type { RegistryService } from '../../service.js';
import { problem } from '../problem.js';

/** The signed adapter document the extension takes remote selector fixes from (data, never code). */
export function adapterRoutes(app: Hono, service: Pick<RegistryService, 'repos'>): void {
  app.get('/v1/adapters', (c) => {
    const doc = latestAdapters(service.repos);
    if (!doc) return problem(c, 'not-found', 'No adapter document has been published; the extension uses its built-in adapters.');
    // Short-lived: a fix for a redesigned marketplace page should reach extensions within minutes.
    return c.body(doc, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' });
  });
}
