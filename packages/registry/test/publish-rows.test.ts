import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, keygen, loadRegistryData, openDb, type RegistryService, repositories, type Repositories } from '../src/index.js';
import { refFromKey } from '@zjmade/sdk';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';

let db: TempDb;
let repos: Repositories;
let service: RegistryService;
let close: () => void;

beforeAll(async () => {
  db = tempDb(smallRegistry());
  const handle = openDb(db.dbPath);
  close = () => handle.close();
  repos = repositories(handle);
  const keyDir = join(db.dir, 'keys');
  await keygen(repos, keyDir);
  // The in-thread path keeps a table cache patched from the change log: this checks it against a full read.
  service = createService(repos, { keyDir, encodeInWorker: false });
  await service.start();
});
afterAll(() => {
  service?.stop();
  close?.();
  db?.cleanup();
});

describe('publishing single changed rows', () => {
  it('encodes exactly what a full re-read would, in the same order', async () => {
    expect(service.data()).toEqual(loadRegistryData(repos));

    // An evaluation's status change: the change log names the row, and it is re-read alone.
    repos.evaluations.appendStatus('ZJM-C-0001', { status: 'suspended', at: '2026-01-02T00:00:00Z', reason: 'test' });
    const before = service.data()!;
    await service.publish();
    expect(service.data()).toEqual(loadRegistryData(repos));
    // Unchanged tables are reused as they were, and the previous arrays are left alone.
    expect(service.data()!.bindings).toBe(before.bindings);
    expect(before.evaluations.find((e) => e.id === 'ZJM-C-0001')!.history).toEqual([]);

    // New, updated and deleted bindings in one publish, queued behind another.
    repos.bindings.upsert({ key: 'taobao:item:5001', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' });
    repos.bindings.upsert({ key: 'taobao:item:5002', store: 'tmall:shop:acme' });
    const first = service.publish();
    repos.bindings.upsert({ key: 'taobao:item:1002', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001', since: '2025-02-01' });
    repos.bindings.remove('jd:item:2001');
    const second = service.publish();
    await Promise.all([first, second]);
    expect(service.data()).toEqual(loadRegistryData(repos));
    expect(service.data()!.bindings.map((b) => b.key)).toEqual(['taobao:item:1001', 'taobao:item:1002', 'taobao:item:5001', 'taobao:item:5002']);

    // And the snapshot answers from the new data.
    const v = service.current()!.verifier.verify(refFromKey('taobao:item:1002')!, { at: '2026-06-01' });
    expect(v.status).toBe('suspended');
  });
});
