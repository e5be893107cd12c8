import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { ACME } from './fixtures.js';
import { client, eventually } from './integrity-helpers.js';
import { ADMIN, claimForm, PDF, PNG, portalWorld, type PortalWorld, slugOf } from './portal-helpers.js';

let w: PortalWorld;
beforeAll(async () => {
  w = await portalWorld();
}, 60_000);
afterAll(() => w?.close());

const statusOf = async (keys: string[]): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const r = await fetch(`${w.reg.url}/v1/verify?evidence=none`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: batch.map((key) => ({ key })) }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { results: { status: string }[] };
    for (const [j, res] of body.results.entries()) out.set(batch[j]!, res.status);
  }
  return out;
};

interface UploadRow {
  row: number;
  key: string | null;
  store: string | null;
  state: string;
  reason: string | null;
  suggestions: { evaluationId: string; score: number; matched: string[] }[];
}

/**
 * A seller export of 3,000 data rows: Tmall and JD items of ACME's two products (titles that name
 * the product or its model), items with titles the matcher cannot place, and bad rows.
 */
function exportCsv(): { csv: string; kettle: string[]; cooker: string[]; unmatched: string[]; bad: number[]; beta: number; dup: number; shop: number } {
  const lines = ['商品链接,商品标题,店铺名称'];
  const kettle: string[] = [];
  const cooker: string[] = [];
  const unmatched: string[] = [];
  const bad: number[] = [];
  let beta = 0;
  let dup = 0;
  let shop = 0;
  for (let i = 0; i < 3000; i++) {
    const row = i + 2; // spreadsheet numbering: the header is row 1
    const tmall = i % 2 === 0;
    const id = 700_000_000 + i;
    const url = tmall ? `https://detail.tmall.com/item.htm?id=${id}` : `https://item.jd.com/${id}.html`;
    const key = tmall ? `taobao:item:${id}` : `jd:item:${id}`;
    const store = tmall ? '阿克米官方旗舰店' : '阿克米京东旗舰店';
    if (i % 500 === 7) {
      lines.push(`not a url ${i},坏行,${store}`);
      bad.push(row);
    } else if (i === 11) {
      lines.push('https://item.jd.com/2001.html,贝塔的椅子,');
      beta = row;
    } else if (i === 13) {
      lines.push(`https://detail.tmall.com/item.htm?id=${700_000_000},重复,${store}`);
      dup = row;
    } else if (i === 15) {
      lines.push('https://acme.tmall.com/,店铺首页,');
      shop = row;
    } else if (i % 10 === 3) {
      lines.push(`${url},阿克米 多功能收纳盒 ${i},${store}`);
      unmatched.push(key);
    } else if (i % 3 === 0) {
      lines.push(`${url},阿克米 智能电饭煲 R-5 家用 ${i},${store}`);
      cooker.push(key);
    } else {
      lines.push(`${url},"阿克米 电热水壶 K-1 1.7L, 不锈钢 ${i}",${store}`);
      kettle.push(key);
    }
  }
  return { csv: `${lines.join('\r\n')}\r\n`, kettle, cooker, unmatched, bad, beta, dup, shop };
}

describe('the portal flow: claim → approve → upload → accept suggestions → verified', () => {
  it('runs end to end over the real server and database', async () => {
    const { acme } = w;
    // Two claims with evidence.
    const tm = await acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://acme.tmall.com/', name: '阿克米官方旗舰店' }) });
    expect(tm.status).toBe(201);
    const jd = await acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://mall.jd.com/index-2000002.html', name: '阿克米京东旗舰店', role: 'authorised' }, { bytes: PDF, name: '授权书.pdf', type: 'application/pdf' }) });
    expect(jd.status).toBe(201);
    const tmClaim = (await tm.json()) as { id: string; storeKey: string; state: string; evidence: { mediaType: string } };
    const jdClaim = (await jd.json()) as { id: string; storeKey: string; evidence: { mediaType: string; fileName: string } };
    expect(tmClaim).toMatchObject({ storeKey: 'tmall:shop:acme', state: 'pending', evidence: { mediaType: 'image/png' } });
    expect(jdClaim).toMatchObject({ storeKey: 'jd:shop:2000002', evidence: { mediaType: 'application/pdf', fileName: '授权书.pdf' } });

    // The owner can download its evidence, as an attachment that is never sniffed.
    const ev = await acme.fetch(`/v1/portal/claims/${jdClaim.id}/evidence`);
    expect(ev.status).toBe(200);
    expect(ev.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(ev.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await ev.arrayBuffer())).toEqual(PDF);

    // Pending: the store is not registered yet.
    const c = client(() => w.reg);
    expect(await c.status('tmall:shop:acme')).toBe('not-found');

    // Staff (admin token) lists pending claims and approves both.
    const pending = (await (await fetch(`${w.reg.url}/v1/admin/claims`, { headers: ADMIN })).json()) as { items: { id: string }[] };
    expect(pending.items.map((i) => i.id).sort()).toEqual([tmClaim.id, jdClaim.id].sort());
    const staffEvidence = await fetch(`${w.reg.url}/v1/admin/claims/${tmClaim.id}/evidence`, { headers: ADMIN });
    expect(new Uint8Array(await staffEvidence.arrayBuffer())).toEqual(PNG);
    for (const id of [tmClaim.id, jdClaim.id]) {
      const r = await fetch(`${w.reg.url}/v1/admin/claims/${id}/approve`, { method: 'POST', headers: { ...ADMIN, 'x-zjmade-actor': 'reviewer.li' }, body: '{}' });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { claim: { state: string; reviewer: string }; store: { uscc: string }; snapshot: { sequence: number } | null };
      expect(body.claim.state).toBe('approved');
      expect(body.claim.reviewer).toMatch(/^reviewer\.li@/);
      expect(body.store.uscc).toBe(ACME);
      expect(body.snapshot).not.toBeNull();
    }
    // The enterprise sees the outcome; the stores give store-only within seconds.
    const seen = (await (await acme.fetch(`/v1/portal/claims/${tmClaim.id}`)).json()) as { state: string };
    expect(seen.state).toBe('approved');
    expect(await eventually(async () => (await c.status('tmall:shop:acme')) === 'store-only' && (await c.status('jd:shop:2000002')) === 'store-only')).toBe(true);

    // Upload the 3,000-row export.
    const ex = exportCsv();
    const form = new FormData();
    form.set('file', new Blob([ex.csv], { type: 'text/csv' }), 'export.csv');
    const up = await acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: form });
    expect(up.status).toBe(200);
    const upload = (await up.json()) as { rows: UploadRow[]; totals: Record<string, number>; source: { kind: string; format: string } };
    expect(upload.source).toMatchObject({ kind: 'file', format: 'csv' });
    expect(upload.rows).toHaveLength(3000);
    const byRow = new Map(upload.rows.map((r) => [r.row, r]));
    for (const row of ex.bad) expect(byRow.get(row)).toMatchObject({ state: 'invalid' });
    expect(byRow.get(ex.beta)).toMatchObject({ state: 'refused', key: 'jd:item:2001' });
    expect(byRow.get(ex.beta)!.reason).toMatch(/not your enterprise/);
    expect(byRow.get(ex.dup)).toMatchObject({ state: 'duplicate' });
    expect(byRow.get(ex.shop)).toMatchObject({ state: 'invalid' });
    const ready = upload.rows.filter((r) => r.state === 'ready');
    expect(ready).toHaveLength(ex.kettle.length + ex.cooker.length + ex.unmatched.length);
    expect(upload.totals).toMatchObject({ rows: 3000, ready: ready.length, invalid: ex.bad.length + 1, refused: 1, duplicate: 1 });
    const suggested = new Map(ready.filter((r) => r.suggestions.length).map((r) => [r.key!, r.suggestions[0]!]));
    for (const k of ex.kettle) expect(suggested.get(k)?.evaluationId).toBe('ZJM-C-1001');
    for (const k of ex.cooker) expect(suggested.get(k)?.evaluationId).toBe('ZJM-C-1002');
    for (const k of ex.unmatched) expect(suggested.has(k)).toBe(false);
    expect(suggested.get(ex.kettle[0]!)!.matched.length).toBeGreaterThan(0);

    // Accept the suggestions; the rows without one are bound store-only.
    const bindings = ready.map((r) => ({ key: r.key!, store: r.store!, ...(r.suggestions[0] ? { evaluationId: r.suggestions[0].evaluationId } : {}) }));
    const bound = await acme.fetch('/v1/portal/bindings', { method: 'POST', json: { bindings } });
    expect(bound.status).toBe(200);
    const bulk = (await bound.json()) as { totals: Record<string, number>; snapshot: { sequence: number } | null };
    expect(bulk.totals).toMatchObject({ bound: bindings.length, refused: 0 });
    expect(bulk.snapshot).not.toBeNull();

    const accepted = [...ex.kettle, ...ex.cooker];
    const expectStatuses = async () => {
      const s = await statusOf([...accepted, ...ex.unmatched]);
      return accepted.every((k) => s.get(k) === 'verified') && ex.unmatched.every((k) => s.get(k) === 'store-only');
    };
    expect(await eventually(expectStatuses)).toBe(true);
    // BETA's listing is untouched.
    expect(await c.status('jd:item:2001')).toBe('verified');

    // Paged listing of bindings, by evaluation and by store.
    const page = (await (await acme.fetch('/v1/portal/bindings?evaluation=ZJM-C-1002&limit=50')).json()) as { total: number; items: { evaluationId: string }[] };
    expect(page.total).toBe(ex.cooker.length);
    expect(page.items).toHaveLength(50);
    expect(page.items.every((i) => i.evaluationId === 'ZJM-C-1002')).toBe(true);
    const storeOnly = (await (await acme.fetch('/v1/portal/bindings?evaluation=none&store=jd:shop:2000002')).json()) as { total: number };
    expect(storeOnly.total).toBe(ex.unmatched.filter((k) => k.startsWith('jd:')).length);

    // Coverage: the SDK's numbers over the new snapshot.
    const cov = (await (await acme.fetch('/v1/portal/coverage')).json()) as { totals: { backed: number; unbound: number; ours: number } };
    expect(cov.totals).toMatchObject({ backed: accepted.length, unbound: ex.unmatched.length, ours: bindings.length });
    const tokenCov = (await (await fetch(`${w.reg.url}/v1/coverage/${ACME}`, { headers: ADMIN })).json()) as { totals: unknown };
    expect(tokenCov.totals).toEqual(cov.totals);
    const csv = await acme.fetch('/v1/portal/coverage?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="coverage-/);
    const csvLines = (await csv.text()).trim().split('\r\n');
    expect(csvLines.filter((l) => l.startsWith('backed,'))).toHaveLength(accepted.length);
    const xlsx = await acme.fetch('/v1/portal/coverage?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

    // Unbind a few: they keep their store (store-only); forgetting removes them (not-found).
    const drop = accepted.slice(0, 3);
    const un = await acme.fetch('/v1/portal/bindings', { method: 'DELETE', json: { keys: drop } });
    expect(((await un.json()) as { totals: { unbound: number } }).totals.unbound).toBe(3);
    expect(await eventually(async () => [...(await statusOf(drop)).values()].every((s) => s === 'store-only'))).toBe(true);
    const forgot = await acme.fetch('/v1/portal/bindings', { method: 'DELETE', json: { keys: drop, forget: true } });
    expect(((await forgot.json()) as { totals: { unbound: number } }).totals.unbound).toBe(3);
    expect(await eventually(async () => [...(await statusOf(drop)).values()].every((s) => s === 'not-found'))).toBe(true);

    // Every change is audited, by the account that made it.
    const db = openDb(w.db.dbPath);
    try {
      const rows = db.prepare("SELECT action, actor FROM audit_log WHERE action LIKE 'claim.%' OR action LIKE 'listings.%' ORDER BY id").all() as { action: string; actor: string }[];
      expect(rows.map((r) => r.action)).toEqual(['claim.create', 'claim.create', 'claim.approve', 'claim.approve', 'listings.bind', 'listings.unbind', 'listings.forget']);
      expect(rows.filter((r) => r.action !== 'claim.approve').every((r) => r.actor === `user:${acme.account.id}`)).toBe(true);
    } finally {
      db.close();
    }
  }, 120_000);
});

describe('overview and calendar', () => {
  it('gives days to expiry and the 60-day alert', async () => {
    const o = (await (await w.acme.fetch('/v1/portal/overview')).json()) as { evaluations: { id: string; daysToExpiry: number; alert: number | null; standard: { title: string } }[]; alerts: { evaluationId: string; days: number }[] };
    expect(o.evaluations.map((e) => e.id)).toEqual(['ZJM-C-1002', 'ZJM-C-1001']);
    expect(o.evaluations[0]).toMatchObject({ daysToExpiry: 45, alert: 60, standard: { title: '电饭锅' } });
    expect(o.evaluations[1]!.alert).toBeNull();
    expect(o.alerts).toEqual([expect.objectContaining({ evaluationId: 'ZJM-C-1002', days: 60 })]);
  });

  it('serves an ICS feed at a secret URL that rotation revokes', async () => {
    expect(((await (await w.acme.fetch('/v1/portal/calendar')).json()) as { feed: boolean }).feed).toBe(false);
    const r1 = await w.acme.fetch('/v1/portal/calendar/rotate', { method: 'POST' });
    expect(r1.status).toBe(200);
    expect(r1.headers.get('cache-control')).toBe('no-store');
    const { url, secret } = (await r1.json()) as { url: string; secret: string };
    expect(url).toBe(`${w.reg.url}/v1/calendar/${secret}.ics`);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    // Two evaluations: an expiry and three reminders each.
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(8);
    expect(ics).toContain('UID:ZJM-C-1002.remind-30@zjmade');
    expect(ics).not.toContain('ZJM-D-0002');
    const r2 = await w.acme.fetch('/v1/portal/calendar/rotate', { method: 'POST' });
    const next = (await r2.json()) as { url: string };
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(next.url)).status).toBe(200);
    expect(await slugOf(await fetch(`${w.reg.url}/v1/calendar/${'A'.repeat(43)}.ics`))).toBe('not-found');
  });
});
