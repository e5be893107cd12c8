// Webhook events from the change log (kept across restarts by the cursor), the scheduled lapse
// check, sanctions, and K1's confirmed-misuse event; a real registry and receivers on loopback.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDb, repositories, startRegistry, type RunningRegistry } from '../src/index.js';
import { ACME, BETA, postJson, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, eventually, TOKEN } from './integrity-helpers.js';
import { FAST, type Receiver, receiver, verifyWith } from './webhooks-helpers.js';

const open: { reg?: RunningRegistry; db?: TempDb; rx: Receiver[] } = { rx: [] };
afterEach(async () => {
  await open.reg?.close();
  open.reg = undefined;
});
afterAll(async () => {
  for (const r of open.rx) await r.close();
  open.db?.cleanup();
});

const send = (reg: RunningRegistry, method: string, path: string, body?: unknown) =>
  fetch(`${reg.url}${path}`, { method, headers: { 'content-type': 'application/json', ...AUTH }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

async function subscribe(reg: RunningRegistry, eventTypes: string[]) {
  const rx = await receiver('ok');
  open.rx.push(rx);
  const r = await send(reg, 'POST', '/v1/console/webhooks', { url: rx.url, eventTypes });
  expect(r.status).toBe(201);
  const { secret } = (await r.json()) as { secret: string };
  const types = () => rx.received.map((m) => verifyWith(secret, m));
  return { rx, secret, types };
}

describe('events', () => {
  it('a change made while no delivery loop runs is delivered after the restart (the cursor is in the database), once', async () => {
    open.db = tempDb(smallRegistry());
    open.reg = await startRegistry({ dbPath: open.db.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: FAST });
    const { types } = await subscribe(open.reg, ['evaluation.status_changed']);
    await open.reg.close();
    // The registry runs without its loop (`serve --no-webhooks`) while the certificate is suspended.
    open.reg = await startRegistry({ dbPath: open.db.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: false });
    expect((await send(open.reg, 'POST', '/v1/admin/evaluations/ZJM-D-0002/status', { status: 'suspended', reason: 'while away' })).status).toBe(200);
    await open.reg.close();
    open.reg = await startRegistry({ dbPath: open.db.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: FAST });
    expect(await eventually(async () => types().length >= 1, 10_000)).toBe(true);
    expect(types()[0]).toMatchObject({ type: 'evaluation.status_changed', data: { evaluationId: 'ZJM-D-0002', uscc: BETA, status: 'suspended', reason: 'while away' } });
    // Another restart does not send it again.
    await open.reg.close();
    open.reg = await startRegistry({ dbPath: open.db.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: FAST });
    await new Promise((r) => setTimeout(r, 400));
    expect(types()).toHaveLength(1);
  });

  it('sanction.added and sanction.lifted; a lapse found by the scheduled check, once; a confirmed misuse report the platform is to be told of', async () => {
    const db = tempDb(smallRegistry());
    const reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: { ...FAST, lapseCheckMs: 100 } });
    open.reg = reg;
    try {
      const { types } = await subscribe(reg, ['sanction.added', 'sanction.lifted', 'evaluation.lapsed', 'report.confirmed_misuse']);
      const added = await send(reg, 'POST', '/v1/admin/sanctions', { uscc: ACME, kind: 'other', reason: 'events test', from: '2026-01-01' });
      expect(added.status).toBe(201);
      expect(await eventually(async () => types().some((t) => t.type === 'sanction.added'), 10_000)).toBe(true);
      expect(types().find((t) => t.type === 'sanction.added')!.data).toMatchObject({ uscc: ACME, kind: 'other', reason: 'events test', from: '2026-01-01', until: null });

      // Another process (an import) ends the sanction and adds an evaluation that expired yesterday.
      const other = openDb(db.dbPath);
      const repos = repositories(other);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
      const sanction = repos.sanctions.ofEnterprise(ACME).find((x) => x.reason === 'events test')!;
      const sanctionId = sanction.id;
      other.transaction(() => {
        repos.sanctions.upsert({ ...sanction, until: today });
        const base = repos.evaluations.get('ZJM-C-0001')!;
        repos.evaluations.upsert({ ...base, id: 'ZJM-C-0099', history: [], expires: yesterday });
      })();
      other.close();
      expect(await eventually(async () => types().some((t) => t.type === 'evaluation.lapsed'), 10_000)).toBe(true);
      expect(types().find((t) => t.type === 'evaluation.lapsed')!.data).toEqual({ evaluationId: 'ZJM-C-0099', uscc: ACME, expires: yesterday });
      expect(await eventually(async () => types().some((t) => t.type === 'sanction.lifted'), 10_000)).toBe(true);
      expect(types().find((t) => t.type === 'sanction.lifted')!.data).toMatchObject({ sanctionId, uscc: ACME, until: today, how: 'ended' });
      await new Promise((r) => setTimeout(r, 400));
      expect(types().filter((t) => t.type === 'evaluation.lapsed')).toHaveLength(1);

      // A shopper's report, confirmed as misuse with the platform to be told.
      const rep = await postJson(`${reg.url}/v1/reports`, { listing: 'taobao:item:1002', reason: 'unbacked-claim', note: '页面写着浙江制造' });
      const reportId = ((await rep.json()) as { id: string }).id;
      const triage = await send(reg, 'POST', '/v1/console/reports/triage', { ids: [reportId], state: 'confirmed-misuse', note: 'seen', notifyPlatform: true, confirm: true });
      expect(triage.status, await triage.clone().text()).toBe(200);
      expect(await eventually(async () => types().some((t) => t.type === 'report.confirmed_misuse'), 10_000)).toBe(true);
      expect(types().find((t) => t.type === 'report.confirmed_misuse')!.data).toMatchObject({ subject: { kind: 'listing', key: 'taobao:item:1002', platform: 'taobao' }, reports: 1, note: 'seen' });
    } finally {
      await reg.close();
      open.reg = undefined;
      db.cleanup();
    }
  });
});
