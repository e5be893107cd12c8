import type { Hono } from 'hono';
import { z } from 'zod';
import type { RegistryService } from '../../service.js';
import type { ChangeEntry, LoggedEntity } from '../../store/change-log.js';
import type { Repositories } from '../../store/repositories.js';
import { validate } from '../body.js';

export const CHANGES_MAX_LIMIT = 1000;

const changesQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(CHANGES_MAX_LIMIT).default(500),
  records: z.enum(['true', 'false']).default('true'),
});

function currentRecord(repos: Repositories, entity: LoggedEntity, key: string): unknown {
  switch (entity) {
    case 'meta':
      return repos.meta.get() ?? null;
    case 'enterprise':
      return repos.enterprises.get(key) ?? null;
    case 'standard':
      return repos.standards.get(key) ?? null;
    case 'evaluation':
      return repos.evaluations.get(key) ?? null;
    case 'store':
      return repos.stores.get(key) ?? null;
    case 'binding':
      return repos.bindings.get(key) ?? null;
    case 'sanction':
      return repos.sanctions.get(key) ?? null;
  }
}

/**
 * The change log for platforms that do not run the SDK: which records changed after `since`, in
 * commit order, with each record as it is now (`null` once removed). Page with `next` until
 * `more` is false; keep `latest` and ask again later.
 */
export function changesRoutes(app: Hono, service: RegistryService): void {
  const { repos } = service;
  app.get('/v1/changes', (c) => {
    const q = validate(c, changesQuery, c.req.query());
    if (!q.ok) return q.response;
    const { since, limit, records } = q.value;
    const page = repos.db.transaction(() => {
      const entries: ChangeEntry[] = repos.changes.since(since, limit + 1);
      const more = entries.length > limit;
      const shown = more ? entries.slice(0, limit) : entries;
      return {
        changes: shown.map((e) => (records === 'true' ? { ...e, record: e.op === 'remove' ? null : currentRecord(repos, e.entity, e.key) } : e)),
        next: shown.at(-1)?.seq ?? since,
        more,
        latest: repos.changes.lastSeq(),
      };
    })();
    return c.json(page, 200, { 'Cache-Control': 'no-cache' });
  });
}
