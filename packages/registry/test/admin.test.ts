import { openSnapshot } from '@zjmade/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { ACME, BETA, postJson, smallRegistry, type TempDb, tempDb, uscc } from './fixtures.js';

const TOKEN = 'test-admin-token-0123456789';
let reg: RunningRegistry;
let db: TempDb;

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false });
});
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

const auth = { authorization: `Bearer ${TOKEN}` };
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
  fetch(`${reg.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const verifyOne = async (key: string) => {
  const r = await postJson(`${reg.url}/v1/verify`, { listings: [{ key }] });
  return ((await r.json()) as { results: { status: string; evidence: { lapseReason?: string } }[] }).results[0]!;
};

describe('admin auth', () => {
  it('rejects a missing token with 401 and WWW-Authenticate', async () => {
    const r = await send('GET', '/v1/admin/audit', undefined, {});
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await r.json()) as { type: string }).type).toBe('https://zjmade.dev/problems/unauthorized');
  });

  it('rejects a wrong token (same length and different length) with 401', async () => {
    expect((await send('GET', '/v1/admin/audit', undefined, { authorization: `Bearer ${TOKEN.replace(/.$/, 'X')}` })).status).toBe(401);
    expect((await send('GET', '/v1/admin/audit', undefined, { authorization: 'Bearer short' })).status).toBe(401);
    expect((await send('GET', '/v1/admin/audit', undefined, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('accepts the right token', async () => {
    expect((await send('GET', '/v1/admin/audit')).status).toBe(200);
  });

  it('is disabled without a configured token', async () => {
    const d = tempDb(smallRegistry());
    const prev = process.env.ZJMADE_ADMIN_TOKEN;
    delete process.env.ZJMADE_ADMIN_TOKEN;
    const off = await startRegistry({ dbPath: d.dbPath });
    try {
      const r = await fetch(`${off.url}/v1/admin/audit`, { headers: { authorization: 'Bearer anything' } });
      expect(r.status).toBe(403);
      expect(((await r.json()) as { type: string }).type).toBe('https://zjmade.dev/problems/admin-disabled');
    } finally {
      if (prev !== undefined) process.env.ZJMADE_ADMIN_TOKEN = prev;
      await off.close();
      d.cleanup();
    }
  });
});

describe('admin changes', () => {
  it('suspends an evaluation: /v1/verify and the next snapshot show it at once, and it is audited', async () => {
    expect((await verifyOne('taobao:item:1001')).status).toBe('verified');
    const before = await fetch(`${reg.url}/v1/snapshot`);
    const etagBefore = before.headers.get('etag');

    const r = await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'suspended', reason: '监督抽查不合格' }, { ...auth, 'x-zjmade-actor': 'inspector.li' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { evaluation: { history: { status: string }[] }; snapshot: { sequence: number } };
    expect(body.evaluation.history.at(-1)?.status).toBe('suspended');

    const v = await verifyOne('taobao:item:1001');
    expect(v.status).toBe('suspended');
    expect(v.evidence.lapseReason).toBe('监督抽查不合格');

    const snap = await fetch(`${reg.url}/v1/snapshot`, { headers: { 'if-none-match': etagBefore! } });
    expect(snap.status).toBe(200);
    const jwks = (await (await fetch(`${reg.url}/.well-known/jwks.json`)).json()) as { keys: Parameters<typeof openSnapshot>[1]['trustedKeys'] };
    const verifier = await openSnapshot(new Uint8Array(await snap.arrayBuffer()), { trustedKeys: jwks.keys });
    expect(verifier.info.sequence).toBe(body.snapshot.sequence);
    expect(verifier.verify({ platform: 'taobao', kind: 'item', id: '1001', key: 'taobao:item:1001', url: '' }).status).toBe('suspended');

    const audit = (await (await send('GET', '/v1/admin/audit?limit=1')).json()) as { items: { actor: string; action: string; target: string; before: unknown; after: { status: string }[] }[] };
    expect(audit.items[0]).toMatchObject({ action: 'evaluation.status', target: 'evaluation:ZJM-C-0001' });
    expect(audit.items[0]!.actor).toMatch(/^inspector\.li@/);
    expect(audit.items[0]!.before).toEqual([]);
    expect(audit.items[0]!.after.at(-1)?.status).toBe('suspended');

    // Reinstating makes it verified again.
    await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'valid', reason: '整改完成' });
    expect((await verifyOne('taobao:item:1001')).status).toBe('verified');
  });

  it('validates admin bodies and references', async () => {
    const bad = await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'paused' });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/status', '/reason']));
    expect((await send('POST', '/v1/admin/evaluations/NOPE/status', { status: 'suspended', reason: 'x' })).status).toBe(404);
    const noEnt = await send('PUT', '/v1/admin/stores/jd/777', { uscc: uscc('55555555'), name: 'x', role: 'authorised', since: '2025-01-01' });
    expect(noEnt.status).toBe(422);
    const badUscc = await send('PUT', '/v1/admin/stores/jd/777', { uscc: '913301007161058520', name: 'x', role: 'authorised', since: '2025-01-01' });
    expect(badUscc.status).toBe(400);
    expect((await send('PUT', '/v1/admin/stores/amazon/777', { uscc: ACME, name: 'x', role: 'authorised', since: '2025-01-01' })).status).toBe(400);
  });

  it('binds and unbinds stores and listings', async () => {
    const s = await send('PUT', '/v1/admin/stores/pinduoduo/5550001', { uscc: BETA, name: '贝塔家居拼多多店', role: 'authorised', since: '2025-06-01' });
    expect(s.status).toBe(200);
    expect((await verifyOne('pinduoduo:shop:5550001')).status).toBe('store-only');

    const l = await send('PUT', '/v1/admin/listings/pinduoduo:item:8880001', { store: 'pinduoduo:shop:5550001', evaluationId: 'ZJM-D-0002' });
    expect(l.status).toBe(200);
    expect((await verifyOne('pinduoduo:item:8880001')).status).toBe('verified');

    expect((await send('PUT', '/v1/admin/listings/pinduoduo:item:8880002', { store: 'pinduoduo:shop:404' })).status).toBe(422);

    expect((await send('DELETE', '/v1/admin/listings/pinduoduo:item:8880001')).status).toBe(200);
    expect((await verifyOne('pinduoduo:item:8880001')).status).toBe('not-found');
    expect((await send('DELETE', '/v1/admin/listings/pinduoduo:item:8880001')).status).toBe(404);

    const del = await send('DELETE', '/v1/admin/stores/pinduoduo/5550001');
    expect(del.status).toBe(200);
    expect((await verifyOne('pinduoduo:shop:5550001')).status).toBe('not-found');
  });

  it('adds sanctions', async () => {
    const r = await send('POST', '/v1/admin/sanctions', { uscc: BETA, kind: 'quality-dishonesty-blacklist', reason: '质量失信', from: '2025-01-01' });
    expect(r.status).toBe(201);
    expect((await verifyOne('jd:item:2001')).status).toBe('sanctioned');
    const e = (await (await fetch(`${reg.url}/v1/enterprises/${BETA}`)).json()) as { sanctions: unknown[] };
    expect(e.sanctions).toHaveLength(1);
    expect((await send('POST', '/v1/admin/sanctions', { uscc: ACME, kind: 'other', from: '2025-02-01', until: '2025-01-01' })).status).toBe(400);
  });

  it('lists reports newest first', async () => {
    await postJson(`${reg.url}/v1/reports`, { listing: 'jd:item:2001', reason: 'wrong-details' });
    await postJson(`${reg.url}/v1/reports`, { listing: 'taobao:item:1002', reason: 'unbacked-claim', note: 'n' });
    const r = (await (await send('GET', '/v1/admin/reports?limit=10')).json()) as { total: number; items: { key: string; reason: string }[] };
    expect(r.total).toBe(2);
    expect(r.items[0]).toMatchObject({ key: 'taobao:item:1002', reason: 'unbacked-claim' });
    expect((await send('GET', '/v1/admin/reports?limit=0')).status).toBe(400);
  });
});
