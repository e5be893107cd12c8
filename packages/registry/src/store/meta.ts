import type { DatasetMeta } from '@zjmade/sdk';
import type { ChangeLogRepo } from './change-log.js';
import type { Db } from './db.js';

export const DEFAULT_META: DatasetMeta = {
  name: 'zjmade registry',
  sample: false,
  generatedAt: '1970-01-01T00:00:00Z',
};

export function metaRepo(db: Db, log: ChangeLogRepo) {
  const get = db.prepare('SELECT json FROM dataset_meta WHERE id = 1');
  const put = db.prepare('INSERT INTO dataset_meta (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json');
  const read = (): DatasetMeta | undefined => {
    const r = get.get() as { json: string } | undefined;
    return r && (JSON.parse(r.json) as DatasetMeta);
  };
  return {
    get: read,
    put(meta: DatasetMeta): void {
      log.track('meta', 'registry', read, () => put.run(JSON.stringify(meta)));
    },
  };
}
