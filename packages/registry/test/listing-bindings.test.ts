// Bulk binding (issue 11): per-row outcomes, one audited transaction, live through the change log
// and one publish — against a real registry on loopback with a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningRegistry } from '../src/index.js';
import { Rejection } from '../src/services/audited-change.js';
import { bindListings, unbindListings } from '../src/services/listing-bindings.js';
import { ACME, BETA, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { client, start } from './integrity-helpers.js';

let t: TempDb | undefined;
let reg: RunningRegistry | undefined;
afterEach(async () => {
  await reg?.close();
  reg = undefined;
  t?.cleanup();
  t = undefined;
});
const { status, health } = client(() => reg!);
const auditCount = () => (reg!.service.repos.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
const changeCount = () => (reg!.service.repos.db.prepare("SELECT COUNT(*) AS n FROM change_log WHERE entity = 'binding'").get() as { n: number }).n;

async function running() {
  t = tempDb(smallRegistry());
  reg = await start(t.dbPath);
  return reg.service.repos;
}

describe('bindListings', () => {
  it('checks every row, writes the accepted ones in one audited change and they go live with one publish', async () => {
    const repos = await running();
    const seq0 = (await health()).snapshot?.sequence ?? 0;
    const audits = auditCount();
    const logged = changeCount();
    const r = bindListings(repos, 'user:test', ACME, [
      { key: 'taobao:item:1002', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' }, // store-only → bound
      { key: 'taobao:item:1001', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' }, // already so
      { key: 'taobao:item:1003', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' }, // new
      { key: 'taobao:item:1003', store: 'tmall:shop:acme' }, // repeated
      { key: 'jd:item:2002', store: 'jd:shop:1000001', evaluationId: 'ZJM-C-0001' }, // BETA's store
      { key: 'jd:item:2003', store: 'tmall:shop:acme' }, // wrong item space
      { key: 'taobao:item:1004', store: 'tmall:shop:acme', evaluationId: 'ZJM-D-0002' }, // BETA's evaluation
      { key: 'taobao:item:0007', store: 'tmall:shop:acme' }, // not canonical
      { key: 'taobao:item:1005', store: 'tmall:shop:nope' }, // no such store
    ]);
    expect(r.counts).toEqual({ bound: 2, unchanged: 1, unbound: 0, refused: 6 });
    expect(r.outcomes.map((o) => o.outcome)).toEqual(['bound', 'unchanged', 'bound', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused']);
    const reasons = r.outcomes.flatMap((o) => (o.outcome === 'refused' ? [o.reason] : []));
    expect(reasons[0]).toMatch(/same listing as row 3/);
    expect(reasons[1]).toMatch(/store jd:shop:1000001 is not an approved store of enterprise/);
    expect(reasons[2]).toMatch(/not a listing of tmall store tmall:shop:acme \(its items are taobao listings\)/);
    expect(reasons[3]).toMatch(/evaluation ZJM-D-0002 is not one of enterprise/);
    expect(reasons[4]).toMatch(/not canonical: the same listing's key is taobao:item:7/);
    expect(reasons[5]).toMatch(/tmall:shop:nope is not an approved store/);
    // One audit row with the counts; one change-log entry per written binding.
    expect(auditCount()).toBe(audits + 1);
    const row = repos.db.prepare('SELECT action, target, after_json FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; target: string; after_json: string };
    expect(row).toMatchObject({ action: 'listings.bind', target: `enterprise:${ACME}` });
    expect(JSON.parse(row.after_json)).toEqual({ rows: 9, bound: 2, unchanged: 1, unbound: 0, refused: 6 });
    expect(changeCount()).toBe(logged + 2);

    const published = await reg!.service.publish();
    expect(published.sequence).toBe(seq0 + 1);
    expect(published.delta).toBeTruthy();
    expect(await status('taobao:item:1002')).toBe('verified');
    expect(await status('taobao:item:1003')).toBe('verified');
    expect(await status('jd:item:2002')).toBe('not-found');
  });

  it('refuses to take over another enterprise’s listing', async () => {
    const repos = await running();
    // jd:item:2001 is BETA's; ACME has no JD store, so use BETA's own view of an ACME listing.
    const r = bindListings(repos, 'user:test', BETA, [{ key: 'taobao:item:1001', store: 'tmall:shop:acme' }]);
    expect(r.outcomes[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/not an approved store/) });
    repos.stores.upsert({ platform: 'tmall', shopId: 'beta', key: 'tmall:shop:beta', name: '贝塔天猫店', uscc: BETA, role: 'authorised', since: '2025-01-01' });
    const moved = bindListings(repos, 'user:test', BETA, [{ key: 'taobao:item:1001', store: 'tmall:shop:beta' }]);
    expect(moved.outcomes[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/under another enterprise's store/) });
    expect(repos.bindings.get('taobao:item:1001')?.store).toBe('tmall:shop:acme');
  });

  it('refuses an unknown enterprise as a whole and writes nothing', async () => {
    const repos = await running();
    const audits = auditCount();
    expect(() => bindListings(repos, 'user:test', '91330100MA2XXXXXXX', [])).toThrow(Rejection);
    expect(auditCount()).toBe(audits);
  });

  it('binds 5,000 rows in one transaction and one delta', async () => {
    const repos = await running();
    const rows = Array.from({ length: 5000 }, (_, i) => ({ key: `taobao:item:${50_000 + i}`, store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' }));
    const before = (await health()).snapshot?.sequence ?? 0;
    expect(bindListings(repos, 'user:test', ACME, rows).counts.bound).toBe(5000);
    const p = await reg!.service.publish();
    expect(p.sequence).toBe(before + 1);
    // The change log carries the 5,000 bindings as one delta (a full snapshot may come along by the publish policy).
    expect(p.delta?.changes).toBe(5000);
    expect(await status('taobao:item:54999')).toBe('verified');
    // The same rows again change nothing and log nothing.
    const logged = changeCount();
    expect(bindListings(repos, 'user:test', ACME, rows).counts.unchanged).toBe(5000);
    expect(changeCount()).toBe(logged);
  });
});

describe('unbindListings', () => {
  it('removes the evaluation (store-only stays) or forgets the listing; others’ listings are refused alike', async () => {
    const repos = await running();
    const r = unbindListings(repos, 'user:test', ACME, ['taobao:item:1001', 'taobao:item:1002', 'jd:item:2001', 'taobao:item:9999', 'taobao:item:1001']);
    expect(r.outcomes.map((o) => o.outcome)).toEqual(['unbound', 'unchanged', 'refused', 'refused', 'refused']);
    const [, , other, absent] = r.outcomes as { reason: string }[];
    expect(other!.reason.replace('jd:item:2001', 'K')).toBe(absent!.reason.replace('taobao:item:9999', 'K'));
    await reg!.service.publish();
    expect(await status('taobao:item:1001')).toBe('store-only');
    const f = unbindListings(repos, 'user:test', ACME, ['taobao:item:1001'], { forget: true });
    expect(f.counts.unbound).toBe(1);
    await reg!.service.publish();
    expect(await status('taobao:item:1001')).toBe('not-found');
    expect(repos.bindings.get('taobao:item:1001')).toBeUndefined();
  });
});
