import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '@zjmade/tabular';
import { inviteAndAccept } from './account-helpers.js';
import { ACME, BETA } from './fixtures.js';
import { ADMIN, claimForm, PNG, portalWorld, type PortalWorld, slugOf } from './portal-helpers.js';

let w: PortalWorld;
let acmeClaim: string;
let betaClaim: string;
let acmeHook: string;
const GHOST_HOOK = 'ep_AAAAAAAAAAAAAAAA';
const ACME_KEYS = ['taobao:item:800000001', 'taobao:item:800000002'];

beforeAll(async () => {
  w = await portalWorld();
  // ACME: an approved Tmall store with two bound listings, a pending JD claim, a calendar feed.
  const tm = await w.acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://acme.tmall.com/', name: '阿克米官方旗舰店' }) });
  const approve = await fetch(`${w.reg.url}/v1/admin/claims/${((await tm.json()) as { id: string }).id}/approve`, { method: 'POST', headers: ADMIN, body: '{}' });
  expect(approve.status).toBe(200);
  const pending = await w.acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://mall.jd.com/index-2000002.html' }) });
  acmeClaim = ((await pending.json()) as { id: string }).id;
  const bound = await w.acme.fetch('/v1/portal/bindings', { method: 'POST', json: { bindings: ACME_KEYS.map((key) => ({ key, store: 'tmall:shop:acme', evaluationId: 'ZJM-C-1001' })) } });
  expect(bound.status).toBe(200);
  await w.acme.fetch('/v1/portal/calendar/rotate', { method: 'POST' });
  const b = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://shop123456.taobao.com/' }) });
  betaClaim = ((await b.json()) as { id: string }).id;
  const hook = await w.acme.fetch('/v1/portal/webhooks', { method: 'POST', json: { url: 'https://hooks.example.com/acme', eventTypes: ['listing.bound'] } });
  acmeHook = ((await hook.json()) as { endpoint: { id: string } }).endpoint.id;
}, 60_000);
afterAll(() => w?.close());

interface Case {
  path?: string;
  init: () => RequestInit & { json?: unknown };
}

/**
 * What another enterprise (BETA) sends to each portal route, aimed at ACME's data. Every route in
 * the OpenAPI document under /v1/portal must have a case here: a new route fails the test until it
 * is listed (and so tried across enterprises).
 */
const ATTACKS: Record<string, Case> = {
  'get /v1/portal/overview': { init: () => ({}) },
  'get /v1/portal/claims': { init: () => ({}) },
  'post /v1/portal/claims': { init: () => ({ method: 'POST', body: claimForm({ url: 'https://acme.tmall.com/' }) }) },
  'get /v1/portal/claims/{id}': { path: '/v1/portal/claims/{acmeClaim}', init: () => ({}) },
  'delete /v1/portal/claims/{id}': { path: '/v1/portal/claims/{acmeClaim}', init: () => ({ method: 'DELETE' }) },
  'get /v1/portal/claims/{id}/evidence': { path: '/v1/portal/claims/{acmeClaim}/evidence', init: () => ({}) },
  'post /v1/portal/listings/upload': { init: () => ({ method: 'POST', json: { urls: ['https://detail.tmall.com/item.htm?id=800000001'], store: 'tmall:shop:acme' } }) },
  'get /v1/portal/bindings': { path: '/v1/portal/bindings?store=tmall:shop:acme', init: () => ({}) },
  'post /v1/portal/bindings': { init: () => ({ method: 'POST', json: { bindings: [{ key: ACME_KEYS[0], store: 'tmall:shop:acme', evaluationId: 'ZJM-C-1001' }, { key: ACME_KEYS[1], store: 'jd:shop:1000001' }] } }) },
  'delete /v1/portal/bindings': { init: () => ({ method: 'DELETE', json: { keys: ACME_KEYS } }) },
  'get /v1/portal/coverage': { init: () => ({}) },
  'get /v1/portal/calendar': { init: () => ({}) },
  'post /v1/portal/calendar/rotate': { init: () => ({ method: 'POST' }) },
  'get /v1/portal/webhooks': { init: () => ({}) },
  'post /v1/portal/webhooks': { init: () => ({ method: 'POST', json: { url: 'https://hooks.example.com/beta', eventTypes: ['listing.bound'] } }) },
  'get /v1/portal/webhooks/{id}': { path: '/v1/portal/webhooks/{acmeHook}', init: () => ({}) },
  'post /v1/portal/webhooks/{id}/rotate': { path: '/v1/portal/webhooks/{acmeHook}/rotate', init: () => ({ method: 'POST' }) },
  'post /v1/portal/webhooks/{id}/disable': { path: '/v1/portal/webhooks/{acmeHook}/disable', init: () => ({ method: 'POST' }) },
  'post /v1/portal/webhooks/{id}/enable': { path: '/v1/portal/webhooks/{acmeHook}/enable', init: () => ({ method: 'POST' }) },
  'get /v1/portal/webhooks/{id}/deliveries': { path: '/v1/portal/webhooks/{acmeHook}/deliveries', init: () => ({}) },
  'post /v1/portal/webhooks/{id}/deliveries/{deliveryId}/replay': { path: '/v1/portal/webhooks/{acmeHook}/deliveries/1/replay', init: () => ({ method: 'POST' }) },
  'post /v1/portal/webhooks/{id}/replay': { path: '/v1/portal/webhooks/{acmeHook}/replay', init: () => ({ method: 'POST', json: { since: '2026-01-01T00:00:00Z' } }) },
  'post /v1/portal/webhooks/{id}/test': { path: '/v1/portal/webhooks/{acmeHook}/test', init: () => ({ method: 'POST' }) },
};

async function portalRoutes(): Promise<string[]> {
  const doc = (await (await fetch(`${w.reg.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([p]) => p.startsWith('/v1/portal/'))
    .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m} ${p}`));
}

const pathOf = (route: string) => (ATTACKS[route]?.path ?? route.split(' ')[1]!).replace('{acmeClaim}', acmeClaim).replace('{acmeHook}', acmeHook).replace('{id}', acmeClaim);

/** ACME's portal state as ACME sees it. */
async function acmeState() {
  const get = async (p: string) => (await w.acme.fetch(p)).json();
  const cal = (await get('/v1/portal/calendar')) as { createdAt: string };
  return {
    claims: await get('/v1/portal/claims'),
    bindings: await get('/v1/portal/bindings'),
    calendar: cal.createdAt,
    coverage: ((await get('/v1/portal/coverage')) as { totals: unknown }).totals,
  };
}

describe('every portal route is scoped to the session’s enterprise', () => {
  it('the OpenAPI document lists the portal routes, each with a cross-enterprise case', async () => {
    const routes = await portalRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(routes.filter((r) => !ATTACKS[r])).toEqual([]);
  });

  it('another enterprise’s session reads none of ACME’s data and changes none of it', async () => {
    const before = await acmeState();
    for (const route of await portalRoutes()) {
      const res = await w.beta.fetch(pathOf(route), ATTACKS[route]!.init());
      const text = await res.text();
      // Nothing of ACME's comes back: not its USCC, its claim, its store's listings.
      expect(text, route).not.toContain(ACME);
      if (route.includes('{id}')) {
        // Another enterprise's claim answers exactly as a claim that does not exist.
        const ghost = 'clm_00000000-0000-4000-8000-000000000000';
        const none = await w.beta.fetch(pathOf(route).replace(acmeClaim, ghost).replace(acmeHook, GHOST_HOOK), ATTACKS[route]!.init());
        expect([res.status, text.replace(acmeClaim, ghost).replace(acmeHook, GHOST_HOOK)], route).toEqual([404, await none.text()]);
      } else expect(text, route).not.toContain(acmeClaim);
      if (res.status === 200 && route !== 'post /v1/portal/listings/upload' && route !== 'post /v1/portal/bindings' && route !== 'delete /v1/portal/bindings') {
        expect(text, route).not.toContain('800000001');
      }
      if (route === 'post /v1/portal/claims') expect([res.status, JSON.parse(text).type], route).toEqual([409, 'https://zjmade.dev/problems/conflict']);
      if (route === 'post /v1/portal/listings/upload') {
        const body = JSON.parse(text) as { rows: { state: string; reason: string }[] };
        expect(body.rows[0]).toMatchObject({ state: 'refused' });
      }
      if (route === 'post /v1/portal/bindings' || route === 'delete /v1/portal/bindings') {
        const body = JSON.parse(text) as { totals: Record<string, number>; results: { outcome: string; reason: string }[] };
        expect(body.totals.refused, route).toBe(2);
        expect(body.results.every((r) => r.reason.length > 0)).toBe(true);
      }
    }
    // BETA's own view stayed BETA's.
    const betaOverview = (await (await w.beta.fetch('/v1/portal/overview')).json()) as { enterprise: { uscc: string } };
    expect(betaOverview.enterprise.uscc).toBe(BETA);
    expect(await acmeState()).toEqual(before);
    // The admin's evidence view of ACME's claim still works (staff see every claim).
    const ev = await fetch(`${w.reg.url}/v1/admin/claims/${acmeClaim}/evidence`, { headers: ADMIN });
    expect(new Uint8Array(await ev.arrayBuffer())).toEqual(PNG);
  });

  it('without a session every portal route answers 401; a state change without CSRF 403', async () => {
    for (const route of await portalRoutes()) {
      const { json, headers: _h, ...init } = ATTACKS[route]!.init();
      const body = json !== undefined ? JSON.stringify(json) : init.body;
      const anon = await fetch(`${w.reg.url}${pathOf(route)}`, { ...init, ...(body !== undefined ? { body } : {}), headers: json !== undefined ? { 'content-type': 'application/json' } : {} });
      expect([route, anon.status, await slugOf(anon)]).toEqual([route, 401, 'session-required']);
      if (route.startsWith('get ')) continue;
      const noCsrf = await w.acme.fetch(pathOf(route), { ...ATTACKS[route]!.init(), headers: { 'x-csrf-token': '' } });
      expect([route, noCsrf.status, await slugOf(noCsrf)]).toEqual([route, 403, 'csrf']);
      const foreign = await w.acme.fetch(pathOf(route), { ...ATTACKS[route]!.init(), headers: { origin: 'https://evil.example' } });
      expect([route, foreign.status]).toEqual([route, 403]);
    }
  });

  it('a staff-only route refuses an enterprise session; an enterprise route refuses the admin token', async () => {
    const approve = await w.beta.fetch(`/v1/admin/claims/${betaClaim}/approve`, { method: 'POST', json: {} });
    expect(approve.status).toBe(403);
    const overview = await fetch(`${w.reg.url}/v1/portal/overview`, { headers: ADMIN });
    expect(overview.status).toBe(403);
  });
});

describe('claims: bad files, oversize, conflicts', () => {
  it('judges the evidence by its bytes, not its declared type or name', async () => {
    const gif = new TextEncoder().encode('GIF89a....');
    const r = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }, { bytes: gif, name: 'fake.png', type: 'image/png' }) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('/evidence');
    const html = new TextEncoder().encode('<html><script>alert(1)</script>');
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }, { bytes: html, name: 'x.pdf', type: 'application/pdf' }) })).status).toBe(400);
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }, null) })).status).toBe(400);
  });

  it('answers 413 with the limit for evidence over 5 MB', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const r = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }, { bytes: big }) });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/5242880 bytes/);
    const bigger = new Uint8Array(6 * 1024 * 1024);
    bigger.set(PNG);
    const r2 = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }, { bytes: bigger }) });
    expect(r2.status).toBe(413);
  });

  it('refuses item URLs, unknown sites and missing fields', async () => {
    for (const url of ['https://detail.tmall.com/item.htm?id=1', 'https://example.com/shop', 'not a url']) {
      const r = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url }) });
      expect([url, r.status]).toEqual([url, 400]);
    }
    const f = claimForm({ url: 'https://beta.tmall.com/', role: 'owner' });
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: f })).status).toBe(400);
    const long = claimForm({ url: 'https://beta.tmall.com/', name: 'x'.repeat(201) });
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: long })).status).toBe(400);
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', json: { url: 'https://beta.tmall.com/' } })).status).toBe(400);
  });

  it('409s a store registered to or claimed by another enterprise, or claimed twice', async () => {
    const registered = await w.acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://mall.jd.com/index-1000001.html' }) });
    expect(registered.status).toBe(409);
    expect(((await registered.json()) as { detail: string }).detail).toMatch(/registered to another enterprise/);
    const claimed = await w.acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://shop123456.taobao.com/' }) });
    expect(claimed.status).toBe(409);
    expect(((await claimed.json()) as { detail: string }).detail).toMatch(/already claimed by another enterprise/);
    const twice = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://shop123456.taobao.com/' }) });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { detail: string }).detail).toMatch(/You already have a pending claim/);
  });

  it('withdraws a pending claim once; rejection needs a reason and frees the store', async () => {
    const b = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }) });
    const id = ((await b.json()) as { id: string }).id;
    const wd = await w.beta.fetch(`/v1/portal/claims/${id}`, { method: 'DELETE' });
    expect(((await wd.json()) as { state: string }).state).toBe('withdrawn');
    expect((await w.beta.fetch(`/v1/portal/claims/${id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await fetch(`${w.reg.url}/v1/admin/claims/${id}/approve`, { method: 'POST', headers: ADMIN, body: '{}' })).status).toBe(409);

    const again = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }) });
    const id2 = ((await again.json()) as { id: string }).id;
    expect((await fetch(`${w.reg.url}/v1/admin/claims/${id2}/reject`, { method: 'POST', headers: ADMIN, body: '{}' })).status).toBe(400);
    const rej = await fetch(`${w.reg.url}/v1/admin/claims/${id2}/reject`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ reason: '授权书已过期' }) });
    expect(rej.status).toBe(200);
    const seen = (await (await w.beta.fetch(`/v1/portal/claims/${id2}`)).json()) as { state: string; reason: string };
    expect(seen).toMatchObject({ state: 'rejected', reason: '授权书已过期' });
    // A rejected claim does not hold the store: another enterprise may claim it.
    expect((await w.acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta.tmall.com/' }) })).status).toBe(201);
  });

  it('a staff session reviews claims (with CSRF); a store the registry removed can be claimed again', async () => {
    const staff = await inviteAndAccept(w.reg.url, { email: 'reviewer@registry.example', role: 'staff' });
    const b = await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta2.tmall.com/', name: '贝塔二店' }) });
    const id = ((await b.json()) as { id: string }).id;
    const list = (await (await staff.fetch('/v1/admin/claims')).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(id);
    expect((await staff.fetch(`/v1/admin/claims/${id}/approve`, { method: 'POST', json: {}, headers: { 'x-csrf-token': 'wrong' } })).status).toBe(403);
    const ok = await staff.fetch(`/v1/admin/claims/${id}/approve`, { method: 'POST', json: {} });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { claim: { reviewer: string } }).claim.reviewer).toBe(`user:${staff.account.id}`);
    // Approved: the store is held. Removed by the registry: free again, and the old claim is closed.
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta2.tmall.com/' }) })).status).toBe(409);
    expect((await fetch(`${w.reg.url}/v1/admin/stores/tmall/beta2`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await w.beta.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://beta2.tmall.com/' }) })).status).toBe(201);
    const old = (await (await w.beta.fetch(`/v1/portal/claims/${id}`)).json()) as { state: string; reason: string };
    expect(old).toMatchObject({ state: 'withdrawn', reason: expect.stringMatching(/removed the store/) });
  });
});

describe('uploads: wrong types and oversize', () => {
  it('answers a file that is no listing export with 400 and its reason', async () => {
    const form = new FormData();
    form.set('file', new Blob([PNG as Uint8Array<ArrayBuffer>], { type: 'text/csv' }), 'export.csv');
    const r = await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: form });
    expect(r.status).toBe(400);
    const noColumn = new FormData();
    noColumn.set('file', new Blob(['名称,价格\r\n水壶,99\r\n'], { type: 'text/csv' }), 'export.csv');
    const r2 = await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: noColumn });
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { detail: string }).detail).toMatch(/no column of listing URLs/);
    expect((await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: new FormData() })).status).toBe(400);
    expect((await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: '{"urls": [', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', json: { urls: [] } })).status).toBe(400);
  });

  it('reads an XLSX export with Chinese headers, row numbers as the sheet shows them', async () => {
    const xlsx = await writeXlsx([
      {
        name: '宝贝',
        headers: ['宝贝链接', '宝贝标题'],
        rows: [
          ['https://detail.tmall.com/item.htm?id=800000001', '阿克米 电热水壶 K-1'],
          ['垃圾', '坏行'],
          ['https://item.jd.com/2001.html', '别人的商品'],
        ],
      },
    ]);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(xlsx)]), '导出.xlsx');
    const r = await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: form });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { source: { format: string }; rows: { row: number; state: string; store: string | null; suggestions: { evaluationId: string }[] }[] };
    expect(body.source.format).toBe('xlsx');
    expect(body.rows.map((x) => [x.row, x.state])).toEqual([
      [2, 'ready'],
      [3, 'invalid'],
      [4, 'refused'],
    ]);
    expect(body.rows[0]).toMatchObject({ store: 'tmall:shop:acme', suggestions: [expect.objectContaining({ evaluationId: 'ZJM-C-1001' })] });
  });

  it('answers 413 with the limit for an upload over 32 MB', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(32 * 1024 * 1024 + 10)], { type: 'text/csv' }), 'export.csv');
    const r = await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: form });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/33554432 bytes/);
  });

  it('refuses binding rows with reasons and writes the others', async () => {
    const r = await w.acme.fetch('/v1/portal/bindings', {
      method: 'POST',
      json: {
        bindings: [
          { key: 'taobao:item:800000009', store: 'tmall:shop:acme', evaluationId: 'ZJM-D-0002' },
          { key: 'jd:item:800000010', store: 'tmall:shop:acme' },
          { key: 'not-a-key' },
          { key: 'taobao:item:800000011' },
          { key: 'taobao:item:800000012', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-1001' },
        ],
      },
    });
    const body = (await r.json()) as { results: { outcome: string; reason?: string }[] };
    expect(body.results.map((x) => x.outcome)).toEqual(['refused', 'refused', 'refused', 'refused', 'bound']);
    expect(body.results[0]!.reason).toMatch(/is not one of enterprise/);
    expect(body.results[1]!.reason).toMatch(/not a listing of tmall store/);
    const tooMany = await w.acme.fetch('/v1/portal/bindings', { method: 'POST', json: { bindings: Array.from({ length: 10_001 }, (_, i) => ({ key: `taobao:item:${i + 1}` })) } });
    expect(tooMany.status).toBe(400);
  });
});
