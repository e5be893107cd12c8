import type { ChangeEntry, LoggedEntity } from '../store/change-log.js';
import type { Repositories } from '../store/repositories.js';

export const CHANGES_MAX_LIMIT = 1000;

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
 * commit order, with each record as it is now (`null` once removed), read in one transaction so
 * the records and `latest` agree.
 */
export function changeFeed(repos: Repositories) {
  return {
    page(since: number, limit: number, records: boolean) {
      return repos.db.transaction(() => {
        const entries: ChangeEntry[] = repos.changes.since(since, limit + 1);
        const more = entries.length > limit;
        const shown = more ? entries.slice(0, limit) : entries;
        return {
          changes: shown.map((e) => (records ? { ...e, record: e.op === 'remove' ? null : currentRecord(repos, e.entity, e.key) } : e)),
          next: shown.at(-1)?.seq ?? since,
          more,
          latest: repos.changes.lastSeq(),
        };
      })();
    },
  };
}
export type ChangeFeed = ReturnType<typeof changeFeed>;
