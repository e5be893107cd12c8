// Regression tests for the integrity defects of issue 15 that live in the registry's write path:
// each reproduction from the issue, against a real server on loopback and a real SQLite file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningRegistry } from '../src/index.js';
import { openDb } from '../src/store/db.js';
import { ACME, BETA, postJson, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, cliImport, cliImportAsync, client, eventually, start } from './integrity-helpers.js';

let t: TempDb | undefined;
let reg: RunningRegistry | undefined;
afterEach(async () => {
  await reg?.close();
  reg = undefined;
  t?.cleanup();
  t = undefined;
});
const { send, status, health } = client(() => reg!);
const HEADERS = '证书编号,企业名称,统一社会信用代码,产品名称,依据标准,发证日期,有效期至,证书状态,状态日期,认证机构';
const acmeRow = (state: string, date: string, expires = '2099-12-31') => `ZJM-C-0001,阿克米,${ACME},电热水壶,T/ZZB 0001-2019,2025-01-01,${expires},${state},${date},方圆标志认证集团`;
const writeList = (name: string, ...rows: string[]) => {
  const file = join(t!.dir, name);
  writeFileSync(file, `${[HEADERS, ...rows].join('\n')}\n`);
  return file;
};
const suspend = (id = 'ZJM-C-0001', effectiveAt?: string) => send('POST', `/v1/admin/evaluations/${id}/status`, { status: 'suspended', reason: 'surveillance audit failed', ...(effectiveAt ? { effectiveAt } : {}) });

describe('1, 4: impossible dates are refused at every entry and cannot stop publishing', () => {
  it('answers 400 for every impossible store, binding and sanction date, and a later suspension takes effect', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const store = (since: string, until?: string) => send('PUT', '/v1/admin/stores/taobao/990000001', { uscc: ACME, name: 'x', role: 'authorised', since, ...(until ? { until } : {}) });
    for (const [since, until] of [['2026-02-30'], ['2026-01-01', '2026-13-01'], ['1970-01-01'], ['2026-05-01', '2026-04-01']] as const) {
      const r = await store(since, until);
      expect(r.status, `${since} ${until}`).toBe(400);
      expect(((await r.json()) as { type: string }).type).toMatch(/invalid-request$/);
    }
    for (const dates of [{ since: '2026-04-31' }, { until: '1969-12-31' }, { since: '2027-01-02', until: '2027-01-01' }]) {
      expect((await send('PUT', '/v1/admin/listings/taobao:item:1003', { store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001', ...dates })).status).toBe(400);
    }
    const sanction = await send('POST', '/v1/admin/sanctions', { uscc: ACME, kind: 'other', reason: 'x', from: '2026-11-01', until: '2027-02-30' });
    expect(sanction.status).toBe(400);
    expect((await send('POST', `/v1/admin/evaluations/ZJM-C-0001/status`, { status: 'suspended', reason: 'x', effectiveAt: '2026-02-30T00:00:00+08:00' })).status).toBe(400);

    expect((await suspend()).status).toBe(200);
    expect(await status('taobao:item:1001')).toBe('suspended');
    expect((await health()).status).toBe('ok');
    await reg.close();
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('suspended');
  });

  it('a valid sanction applies (the same date rule, and the listing turns sanctioned)', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const r = await send('POST', '/v1/admin/sanctions', { uscc: ACME, kind: 'other', reason: 'x', from: '2026-11-01', until: '2027-02-28' });
    expect(r.status).toBe(201);
    expect(await status('taobao:item:1001', '2026-12-01')).toBe('sanctioned');
    expect(await status('taobao:item:1001', '2027-03-01')).toBe('verified');
  });

  it('a stored record with an impossible date (written before the checks) is left out, named in health, and never stops a suspension or a restart', async () => {
    t = tempDb(smallRegistry());
    const db = openDb(t.dbPath);
    db.prepare("INSERT INTO stores (key, platform, shop_id, name, uscc, role, since) VALUES ('taobao:shop:990000001', 'taobao', '990000001', 'x', ?, 'authorised', '2026-02-30')").run(ACME);
    db.prepare("UPDATE evaluations SET issued = '1969-12-31' WHERE id = 'ZJM-D-0002'").run();
    db.prepare("INSERT INTO sanctions (id, uscc, kind, reason, from_date, until_date) VALUES ('s-bad', ?, 'other', 'x', '2026-11-01', '2027-02-30')").run(BETA);
    db.close();
    reg = await start(t.dbPath);
    const h = await health();
    expect(h.status).toBe('degraded');
    expect(h.publishing.problems.map((p) => `${p.record} ${p.field}`).sort()).toEqual(['evaluation:ZJM-D-0002 issued', 'sanction:s-bad until', 'store:taobao:shop:990000001 since']);
    // The unreadable evaluation's listing is not verified; the sanction with an unreadable end stays in force.
    expect(await status('jd:item:2001')).toBe('sanctioned');
    expect(await status('taobao:item:1001')).toBe('verified');
    expect((await suspend()).status).toBe(200);
    expect(await status('taobao:item:1001')).toBe('suspended');
    await reg.close();
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('suspended');
  });

  it('the import refuses an issue date outside the domain, naming the row', async () => {
    t = tempDb(smallRegistry());
    const r = cliImport(t.dbPath, writeList('list.csv', `ZJM-C-0009,阿克米,${ACME},电热水壶,T/ZZB 0001-2019,1969-12-31,2029-10-21,有效,,方圆标志认证集团`));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/list\.csv:2: invalid issue date "1969-12-31" \(outside the registry's date range/);
  });
});

describe('2: an import never silently reinstates', () => {
  it('the issue reproduction: suspend through the API, import a 失效 row with the CLI, restart: not verified', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    expect((await suspend()).status).toBe(200);
    await reg.close();
    reg = undefined;
    const r = cliImport(t.dbPath, writeList('list.csv', acmeRow('失效', '2026-11-25')));
    expect(r.status, r.stderr).toBe(0);
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('suspended');
    // Once the suspension is lifted by staff, the list's 失效 still holds: the certificate expired.
    expect((await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'valid', reason: 'audit passed' })).status).toBe(200);
    expect(await status('taobao:item:1001')).toBe('expired');
  });

  it('过期 and 失效 are kept as expired; an empty status leaves the stored one alone', async () => {
    t = tempDb(smallRegistry());
    expect(cliImport(t.dbPath, writeList('a.csv', acmeRow('过期', '2026-06-01'))).status).toBe(0);
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001', '2026-05-31')).toBe('verified');
    expect(await status('taobao:item:1001', '2026-06-01')).toBe('expired');
    expect((await suspend('ZJM-D-0002')).status).toBe(200);
    await reg.close();
    reg = undefined;
    const empty = `ZJM-D-0002,贝塔,${BETA},实木椅,T/ZZB 0002-2020,2025-01-01,2099-12-31,,,`;
    expect(cliImport(t.dbPath, writeList('b.csv', empty)).status).toBe(0);
    reg = await start(t.dbPath);
    expect(await status('jd:item:2001')).toBe('suspended');
  });

  it('有效 over a suspension is refused row by row without --allow-reinstate, and applied and reported with it', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    expect((await suspend()).status).toBe(200);
    await reg.close();
    reg = undefined;
    const file = writeList('list.csv', acmeRow('有效', ''));
    const refused = cliImport(t.dbPath, file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/list\.csv:2: would make ZJM-C-0001 valid again \(suspended since .*--allow-reinstate/);
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('suspended');
    await reg.close();
    reg = undefined;
    const allowed = cliImport(t.dbPath, file, '--allow-reinstate');
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/list\.csv:2: ZJM-C-0001 reinstated: was suspended/);
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('verified');
  });

  it('history stays in effective-time order: 暂停 dated 2027-06-01, then 撤销 dated 2026-11-20', async () => {
    t = tempDb(smallRegistry());
    expect(cliImport(t.dbPath, writeList('a.csv', acmeRow('暂停', '2027-06-01'))).status).toBe(0);
    expect(cliImport(t.dbPath, writeList('b.csv', acmeRow('撤销', '2026-11-20'))).status).toBe(0);
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001', '2026-11-19')).toBe('verified');
    expect(await status('taobao:item:1001', '2026-12-01')).toBe('withdrawn');
    expect(await status('taobao:item:1001', '2027-06-02')).toBe('suspended');
  });
});

describe('3: a publish after an import from another process serves the imported data', () => {
  it('an unrelated admin change after the import publishes the import too, and so does a restart', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('verified');
    expect(cliImport(t.dbPath, writeList('list.csv', acmeRow('暂停', '2026-11-01'))).status).toBe(0);
    // An unrelated write: the publish it triggers must not stamp a partial re-read as complete.
    expect((await send('PUT', '/v1/admin/listings/jd:item:2002', { store: 'jd:shop:1000001', evaluationId: 'ZJM-D-0002' })).status).toBe(200);
    expect(await status('taobao:item:1001')).toBe('suspended');
    await reg.close();
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('suspended');
  });

  it('with no write at all, the running server notices the import and publishes it within seconds', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const before = (await health()).snapshot!.sequence;
    expect(cliImport(t.dbPath, writeList('list.csv', acmeRow('暂停', '2026-11-01'))).status).toBe(0);
    expect(await eventually(async () => (await health()).snapshot!.sequence > before)).toBe(true);
    expect(await status('taobao:item:1001')).toBe('suspended');
    // Once: the watcher does not keep republishing the same outside write.
    const published = (await health()).snapshot!.sequence;
    await new Promise((r) => setTimeout(r, 4500));
    expect((await health()).snapshot!.sequence).toBe(published);
  });

  it('a snapshot stored before the change log (log position unknown) is not served as complete: start publishes anew', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const first = (await health()).snapshot!.sequence;
    await reg.close();
    const db = openDb(t.dbPath);
    db.prepare('UPDATE snapshots SET log_seq = -1').run();
    db.close();
    reg = await start(t.dbPath);
    expect((await health()).snapshot!.sequence).toBe(first + 1);
    // A snapshot it published itself is reused on the next start.
    await reg.close();
    reg = await start(t.dbPath);
    expect((await health()).snapshot!.sequence).toBe(first + 1);
  });

  it('a write that bypassed the repositories (hand-run SQL, no change-log entry) is published too', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    expect(await status('taobao:item:1001')).toBe('verified');
    const db = openDb(t.dbPath);
    db.prepare("INSERT INTO evaluation_status (evaluation_id, seq, status, at, reason) VALUES ('ZJM-C-0001', 1, 'withdrawn', '2026-11-01T00:00:00+08:00', 'by hand')").run();
    db.close();
    expect(await eventually(async () => (await status('taobao:item:1001')) === 'withdrawn')).toBe(true);
  });
});

describe('6: a committed write is answered as committed', () => {
  // A registry whose snapshot spans several pages (an overflow chain) while one write needs a few bytes.
  const bigger = () => {
    const data = smallRegistry();
    const base = data.evaluations[0]!;
    for (let i = 0; i < 150; i++) data.evaluations.push({ ...base, id: `ZJM-C-${1000 + i}`, products: [{ name: `电热水壶 型号 ${i} ${'容量规格说明'.repeat(8)}${i * 7919}` }] });
    return data;
  };
  /** No free page left: every write that needs a new page fails with SQLITE_FULL, as on a full disk. */
  const fillDisk = (r: RunningRegistry) => {
    const db = r.service.repos.db;
    db.exec('VACUUM');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    return () => db.pragma('max_page_count = 1073741823');
  };

  /**
   * ZJM-C-0001 with many products whose names do not compress: a status change stores one small
   * history row (fits the pages the database has), but the delta carries the whole evaluation
   * record, several pages of overflow, so publishing it must grow the file.
   */
  const heavyEvaluation = () => {
    const data = bigger();
    let x = 0x9e3779b9;
    const hanzi = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        s += String.fromCharCode(0x4e00 + (x % 0x5000));
      }
      return s;
    };
    data.evaluations[0] = { ...data.evaluations[0]!, products: Array.from({ length: 60 }, (_, i) => ({ name: `${hanzi(60)} ${i}` })) };
    return data;
  };

  it('a full disk while publishing: 200 committed, health failing, nothing duplicated, published once space returns', async () => {
    t = tempDb(heavyEvaluation());
    reg = await start(t.dbPath);
    const db = reg.service.repos.db;
    const history = db.prepare("SELECT COUNT(*) FROM evaluation_status WHERE evaluation_id = 'ZJM-C-0001'").pluck();
    const free = fillDisk(reg);
    const r = await suspend();
    expect(r.status).toBe(200);
    const body = (await r.json()) as { committed: boolean; snapshot: unknown; publishing?: { state: string; code: string } };
    expect(body).toMatchObject({ committed: true, snapshot: null, publishing: { state: 'failing', code: 'storage-full' } });
    const h = await health();
    expect(h.status).toBe('degraded');
    expect(h.publishing).toMatchObject({ state: 'failing', unpublished: true, lastFailure: { code: 'storage-full' } });
    expect(history.get()).toBe(1);
    free();
    // The retry (2 s after the failure) publishes the committed suspension without another write.
    expect(await eventually(async () => (await health()).status === 'ok', 15_000)).toBe(true);
    expect(await status('taobao:item:1001')).toBe('suspended');
    expect(history.get()).toBe(1);
  });

  it('a full disk during the write itself answers 507 storage-full and stores nothing of that write', async () => {
    t = tempDb(bigger());
    reg = await start(t.dbPath);
    const db = reg.service.repos.db;
    const audits = db.prepare('SELECT COUNT(*) FROM audit_log').pluck();
    const storeRow = db.prepare('SELECT COUNT(*) FROM stores WHERE key = ?').pluck();
    const auditsBefore = audits.get() as number;
    const free = fillDisk(reg);
    let full: { key: string; res: Response } | undefined;
    let committed = 0;
    for (let i = 0; i < 40 && !full; i++) {
      const shop = String(990000100 + i);
      const res = await send('PUT', `/v1/admin/stores/taobao/${shop}`, { uscc: ACME, name: '店'.repeat(200), role: 'authorised', since: '2026-01-01', url: `https://shop${shop}.taobao.com/?${'x'.repeat(1900)}` });
      if (res.status === 507) full = { key: `taobao:shop:${shop}`, res };
      else {
        expect(res.status).toBe(200);
        committed++;
      }
    }
    free();
    expect(full, 'the disk never filled').toBeDefined();
    expect(((await full!.res.json()) as { type: string }).type).toMatch(/storage-full$/);
    expect(storeRow.get(full!.key)).toBe(0);
    expect(audits.get()).toBe(auditsBefore + committed);
  });
});

describe('7: an import does not lock out other writers', () => {
  it('during a large CLI import, admin writes and reports are answered (200, or 503 with Retry-After), never 500', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const rows = Array.from({ length: 60_000 }, (_, i) => `ZJM-L-${String(i).padStart(6, '0')},阿克米,${ACME},电热水壶,T/ZZB 0001-2019,2025-01-01,2028-01-01,有效,,方圆标志认证集团`);
    const file = writeList('big.csv', ...rows);
    const importing = cliImportAsync(t.dbPath, file);
    let done = false;
    void importing.then(() => (done = true));
    const statuses = new Map<number, number>();
    let retryAfterMissing = 0;
    const end = Date.now() + 90_000;
    // Paced, and kept up for the whole import (bounded in time and count).
    for (let i = 0; !done && Date.now() < end && i < 5000; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const write = i % 2 === 0 ? await send('PUT', `/v1/admin/listings/taobao:item:${5000 + i}`, { store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' }) : await postJson(`${reg.url}/v1/reports`, { listing: `https://item.taobao.com/item.htm?id=${7000 + i}`, reason: 'other' });
      statuses.set(write.status, (statuses.get(write.status) ?? 0) + 1);
      if (write.status === 503 && !write.headers.get('retry-after')) retryAfterMissing++;
      await write.arrayBuffer();
    }
    const result = await importing;
    expect(result.status, result.stderr).toBe(0);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(retryAfterMissing).toBe(0);
    expect((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) + (statuses.get(202) ?? 0)).toBeGreaterThan(0);
    console.log('[integrity] answers during a 60,000-row import:', Object.fromEntries(statuses));
  }, 150_000);
});

describe('8, 12: only canonical keys of the store’s own platform, and store URLs of its own hosts', () => {
  it('refuses cross-platform bindings, non-canonical keys and another enterprise’s evaluation', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const bind = (key: string, store: string, evaluationId?: string) => send('PUT', `/v1/admin/listings/${key}`, { store, ...(evaluationId ? { evaluationId } : {}) });
    expect((await bind('jd:item:3001', 'tmall:shop:acme', 'ZJM-C-0001')).status).toBe(422);
    expect(await status('jd:item:3001')).toBe('not-found');
    expect((await bind('taobao:item:01003', 'tmall:shop:acme')).status).toBe(400);
    expect((await bind('taobao:item:1003', 'tmall:shop:acme', 'ZJM-D-0002')).status).toBe(422);
    expect((await bind('taobao:item:1003', 'tmall:shop:acme', 'ZJM-C-0001')).status).toBe(200);
    expect((await send('PUT', '/v1/admin/stores/tmall/ACME2', { uscc: ACME, name: 'x', role: 'authorised', since: '2026-01-01' })).status).toBe(400);
    expect((await send('PUT', '/v1/admin/stores/taobao/0990000003', { uscc: ACME, name: 'x', role: 'authorised', since: '2026-01-01' })).status).toBe(400);
  });

  it('accepts only http(s) store URLs on the platform’s own hosts', async () => {
    t = tempDb(smallRegistry());
    reg = await start(t.dbPath);
    const put = (url: string) => send('PUT', '/v1/admin/stores/tmall/acme2', { uscc: ACME, name: 'x', role: 'authorised', since: '2026-01-01', url });
    for (const url of ['javascript:alert(1)', 'https://acme2.tmall.com/\r\nSet-Cookie: x=1', 'https://item.jd.com/1.html', 'https://acme2.tmall.com.evil.cn/', 'https://user:pw@acme2.tmall.com/', 'ftp://acme2.tmall.com/']) {
      expect((await put(url)).status, url).toBe(400);
    }
    expect((await put('https://acme2.tmall.com/')).status).toBe(200);
  });
});

it('the admin token still guards every write (sanity)', async () => {
  t = tempDb(smallRegistry());
  reg = await start(t.dbPath);
  const r = await fetch(`${reg.url}/v1/admin/evaluations/ZJM-C-0001/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(r.status).toBe(401);
  expect(AUTH.authorization).toContain('Bearer');
});

describe('1: sample data is inside the date domain', () => {
  it('the generated registry has no record that publishing would have to leave out', async () => {
    const { generateRegistry } = await import('@zjmade/sample-data');
    const { publishableData } = await import('../src/domain/publishable.js');
    for (const opts of [{}, { asOf: '2031-06-30', seed: 7 }]) expect(publishableData(generateRegistry(opts)).problems).toEqual([]);
  });
});
