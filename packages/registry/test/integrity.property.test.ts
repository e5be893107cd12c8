// Property (issue 15): after any sequence of admin writes, imports (every status word, empty
// status, dates in any order, impossible dates) and restarts, the server still answers and
// publishes, and every verdict it gives equals the verdict computed from the database's own rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryView, refFromKey, verifyListing } from '@zjmade/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../src/import/import-files.js';
import type { RunningRegistry } from '../src/index.js';
import { openDb } from '../src/store/db.js';
import { loadRegistryData, repositories } from '../src/store/repositories.js';
import { ACME, BETA, postJson, smallRegistry, tempDb } from './fixtures.js';
import { client, start } from './integrity-helpers.js';

const EVALUATIONS = [
  { id: 'ZJM-C-0001', uscc: ACME, product: '电热水壶', standard: 'T/ZZB 0001-2019' },
  { id: 'ZJM-D-0002', uscc: BETA, product: '实木椅', standard: 'T/ZZB 0002-2020' },
] as const;
const DATES = ['', '2026-06-01', '2026-11-20', '2027-06-01', '1969-12-31', '2026-02-30', '2026-13-01'];
const INSTANTS = [undefined, '2026-06-01T00:00:00+08:00', '2026-11-20T09:00:00+08:00', '2027-06-01T00:00:00Z', '2026-02-30T00:00:00+08:00', '1969-12-31T00:00:00Z'];
const KEYS = ['taobao:item:1001', 'taobao:item:1002', 'taobao:item:1003', 'jd:item:2001', 'jd:item:2002'];
const ATS = ['2026-06-15', '2026-12-01T12:00:00+08:00', '2027-07-01'];

const step = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    evaluation: fc.constantFrom(...EVALUATIONS),
    status: fc.constantFrom('valid', 'suspended', 'withdrawn', 'cancelled'),
    at: fc.constantFrom(...INSTANTS),
  }),
  fc.record({
    kind: fc.constant('import' as const),
    evaluation: fc.constantFrom(...EVALUATIONS),
    word: fc.constantFrom('', '有效', '暂停', '撤销', '注销', '过期', '失效', 'valid', 'expired'),
    date: fc.constantFrom(...DATES),
    expires: fc.constantFrom('2099-12-31', '2026-09-30', '2026-13-01'),
    reinstate: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('bind' as const),
    key: fc.constantFrom('taobao:item:1003', 'jd:item:2002', 'taobao:item:01004'),
    store: fc.constantFrom('tmall:shop:acme', 'jd:shop:1000001'),
    evaluationId: fc.constantFrom(undefined, 'ZJM-C-0001', 'ZJM-D-0002'),
    since: fc.constantFrom(undefined, ...DATES.filter(Boolean)),
  }),
  fc.record({ kind: fc.constant('sanction' as const), uscc: fc.constantFrom(ACME, BETA), from: fc.constantFrom(...DATES.filter(Boolean)), until: fc.constantFrom(undefined, ...DATES.filter(Boolean)) }),
  fc.record({ kind: fc.constant('restart' as const) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

describe('registry integrity under random writes, imports and restarts', () => {
  it('every verdict equals the verdict computed from the database, and the server always restarts and publishes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), async (steps) => {
        const t = tempDb(smallRegistry());
        let reg: RunningRegistry | undefined = await start(t.dbPath);
        const { send, health } = client(() => reg!);
        // A second connection, as another process (the import CLI) would have.
        const other = openDb(t.dbPath);
        const otherRepos = repositories(other);
        try {
          for (const [i, s] of steps.entries()) await apply(s, i);
          return true;

          async function apply(s: Step, i: number) {
            if (s.kind === 'status') {
              const r = await send('POST', `/v1/admin/evaluations/${s.evaluation.id}/status`, { status: s.status, reason: 'property', ...(s.at ? { effectiveAt: s.at } : {}) });
              expect([200, 400]).toContain(r.status);
            } else if (s.kind === 'import') {
              const file = join(t.dir, `list-${i}.csv`);
              const e = s.evaluation;
              writeFileSync(file, `证书编号,企业名称,统一社会信用代码,产品名称,依据标准,发证日期,有效期至,证书状态,状态日期\n${e.id},x,${e.uscc},${e.product},${e.standard},2025-01-01,${s.expires},${s.word},${s.date}\n`);
              await importFiles(otherRepos, [file], { allowReinstate: s.reinstate });
              // An unrelated write afterwards: its publish must carry the import too.
              expect((await send('PUT', '/v1/admin/listings/taobao:item:1999', { store: 'tmall:shop:acme' })).status).toBe(200);
            } else if (s.kind === 'bind') {
              const r = await send('PUT', `/v1/admin/listings/${s.key}`, { store: s.store, ...(s.evaluationId ? { evaluationId: s.evaluationId } : {}), ...(s.since ? { since: s.since } : {}) });
              expect([200, 400, 422]).toContain(r.status);
            } else if (s.kind === 'sanction') {
              const r = await send('POST', '/v1/admin/sanctions', { uscc: s.uscc, kind: 'other', reason: 'property', from: s.from, ...(s.until ? { until: s.until } : {}) });
              expect([201, 400]).toContain(r.status);
            } else {
              await reg!.close();
              reg = undefined;
              reg = await start(t.dbPath);
            }
            const h = await health();
            expect(h.status, JSON.stringify(h.publishing)).toBe('ok');
            const view = createMemoryView(loadRegistryData(otherRepos));
            for (const at of ATS) {
              const res = await postJson(`${reg!.url}/v1/verify`, { listings: KEYS.map((key) => ({ key })), at });
              const got = ((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status);
              const want = KEYS.map((key) => verifyListing(refFromKey(key)!, view, { at }).status);
              expect(got, `after step ${i} (${JSON.stringify(s)}) at ${at}`).toEqual(want);
            }
          }
        } finally {
          other.close();
          await reg?.close();
          t.cleanup();
        }
      }),
      { numRuns: 80 },
    );
  }, 240_000);
});
