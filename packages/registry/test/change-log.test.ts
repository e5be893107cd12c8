// The change log (issue 10): every write appends in its own transaction, whoever writes; an
// unchanged re-import appends nothing; a removed store logs its listings; /v1/changes pages it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../src/import/import-files.js';
import type { RunningRegistry } from '../src/index.js';
import { openDb } from '../src/store/db.js';
import { repositories } from '../src/store/repositories.js';
import { ACME, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { client, start } from './integrity-helpers.js';

let t: TempDb | undefined;
let reg: RunningRegistry | undefined;
afterEach(async () => {
  await reg?.close();
  reg = undefined;
  t?.cleanup();
  t = undefined;
});
const { send } = client(() => reg!);
interface Page {
  changes: { seq: number; entity: string; key: string; op: string; record?: unknown }[];
  next: number;
  more: boolean;
  latest: number;
}
const changes = async (query: string) => (await (await fetch(`${reg!.url}/v1/changes${query}`)).json()) as Page;

describe('change log', () => {
  it('logs each admin write in its transaction, and a refused write logs nothing', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const { latest } = await changes('');
    expect((await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'suspended', reason: 'audit' })).status).toBe(200);
    expect((await send('PUT', '/v1/admin/listings/jd:item:3001', { store: 'tmall:shop:acme' })).status).toBe(422);
    expect((await send('PUT', '/v1/admin/listings/taobao:item:1003', { store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' })).status).toBe(200);
    const page = await changes(`?since=${latest}`);
    expect(page.changes.map((c) => `${c.entity} ${c.key} ${c.op}`)).toEqual(['evaluation ZJM-C-0001 upsert', 'binding taobao:item:1003 upsert']);
    expect(page.changes[0]!.record).toMatchObject({ id: 'ZJM-C-0001', history: [{ status: 'suspended' }] });
    expect(page.latest).toBe(page.next);
  });

  it('a removed store logs the removal of each of its listings', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const { latest } = await changes('');
    expect((await send('DELETE', '/v1/admin/stores/tmall/acme')).status).toBe(200);
    const page = await changes(`?since=${latest}`);
    expect(page.changes.map((c) => `${c.entity} ${c.key} ${c.op}`).sort()).toEqual(['binding taobao:item:1001 remove', 'binding taobao:item:1002 remove', 'store tmall:shop:acme remove']);
    expect(page.changes.every((c) => c.record === null)).toBe(true);
  });

  it('an import logs what it changed, an identical re-import logs nothing, a rolled-back import logs nothing', async () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'list.csv');
    writeFileSync(file, `证书编号,企业名称,统一社会信用代码,产品名称,依据标准,发证日期,有效期至\nZJM-C-0100,杭州阿克米电器有限公司,${ACME},电饭煲,T/ZZB 0001-2019,2025-01-01,2028-01-01\n`);
    const db = openDb(t.dbPath);
    const repos = repositories(db);
    try {
      const before = repos.changes.lastSeq();
      expect((await importFiles(repos, [file])).committed).toBe(true);
      expect(repos.changes.since(before, 10).map((c) => `${c.entity} ${c.key}`)).toEqual(['evaluation ZJM-C-0100']);
      const after = repos.changes.lastSeq();
      expect((await importFiles(repos, [file])).committed).toBe(true);
      expect(repos.changes.lastSeq()).toBe(after);
      const bad = join(t.dir, 'bad.csv');
      writeFileSync(bad, `证书编号,企业名称,统一社会信用代码,产品名称,依据标准,发证日期,有效期至\nZJM-C-0101,x,${ACME},电饭煲,T/ZZB 0001-2019,2025-01-01,2028-01-01\nZJM-C-0102,x,${ACME},电饭煲,T/ZZB 0001-2019,2025-01-01,someday\n`);
      expect((await importFiles(repos, [bad])).committed).toBe(false);
      expect(repos.changes.lastSeq()).toBe(after);
    } finally {
      db.close();
    }
  });

  it('pages the feed with next/more and refuses a bad query', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    for (let i = 0; i < 5; i++) expect((await send('PUT', `/v1/admin/listings/taobao:item:${2000 + i}`, { store: 'tmall:shop:acme' })).status).toBe(200);
    const all = await changes('?since=0&limit=1000&records=false');
    expect(all.more).toBe(false);
    const seen: number[] = [];
    let since = 0;
    for (let guard = 0; guard < 100; guard++) {
      const page = await changes(`?since=${since}&limit=2&records=false`);
      seen.push(...page.changes.map((c) => c.seq));
      since = page.next;
      if (!page.more) break;
    }
    expect(seen).toEqual(all.changes.map((c) => c.seq));
    expect(all.changes.every((c) => !('record' in c))).toBe(true);
    expect((await fetch(`${reg.url}/v1/changes?limit=5000`)).status).toBe(400);
    expect((await fetch(`${reg.url}/v1/changes?since=-1`)).status).toBe(400);
  });
});
