// Webhooks (issue 12 "Notifications", issue 11 "Alerts"): a real registry on loopback with a real
// SQLite file and real receivers; signatures checked with the standardwebhooks package.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { inviteAndAccept, type SignedInClient } from './account-helpers.js';
import { ACME, BETA, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, eventually, TOKEN } from './integrity-helpers.js';
import { deadPort, FAST, type Receiver, receiver, verifyWith } from './webhooks-helpers.js';

let reg: RunningRegistry;
let db: TempDb;
const receivers: Receiver[] = [];

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: FAST });
});
afterAll(async () => {
  await reg?.close();
  for (const r of receivers) await r.close();
  db?.cleanup();
});

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${reg.url}${path}`, { method, headers: { 'content-type': 'application/json', ...AUTH }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

interface Created {
  endpoint: { id: string; enabled: boolean; disabledReason: string | null };
  secret: string;
}
interface Deliveries {
  items: { id: number; messageId: string; type: string; state: string; attempts: { attempt: number; at: string; status: number | null; durationMs: number; error: string | null }[] }[];
  total: number;
}

async function platformEndpoint(url: string, eventTypes: string[] = ['evaluation.status_changed']): Promise<Created> {
  const r = await admin('POST', '/v1/console/webhooks', { url, eventTypes });
  expect(r.status, await r.clone().text()).toBe(201);
  expect(r.headers.get('cache-control')).toBe('no-store');
  return (await r.json()) as Created;
}

const deliveriesOf = async (id: string, base = '/v1/console/webhooks', c?: SignedInClient): Promise<Deliveries> => {
  const r = c ? await c.fetch(`${base}/${id}/deliveries?limit=100`) : await admin('GET', `${base}/${id}/deliveries?limit=100`);
  expect(r.status).toBe(200);
  return (await r.json()) as Deliveries;
};

async function started(behaviour: Parameters<typeof receiver>[0], slowMs?: number): Promise<Receiver> {
  const r = await receiver(behaviour, slowMs);
  receivers.push(r);
  return r;
}

const suspend = (id: string, status = 'suspended') => admin('POST', `/v1/admin/evaluations/${id}/status`, { status, reason: 'webhook test' });

describe('delivery', () => {
  it('a receiver verifying with the standardwebhooks package gets a signed evaluation.status_changed after a suspension', async () => {
    const rx = await started('ok');
    const { endpoint, secret } = await platformEndpoint(rx.url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // The secret is shown once: neither the list nor the endpoint carries it.
    const listed = await (await admin('GET', '/v1/console/webhooks')).text();
    expect(listed).toContain(endpoint.id);
    expect(listed).not.toContain(secret.slice(6));
    expect(await (await admin('GET', `/v1/console/webhooks/${endpoint.id}`)).text()).not.toContain(secret.slice(6));

    expect((await suspend('ZJM-C-0001')).status).toBe(200);
    expect(await eventually(async () => rx.received.length >= 1, 10_000)).toBe(true);
    const payload = verifyWith(secret, rx.received[0]!);
    expect(payload.type).toBe('evaluation.status_changed');
    expect(payload.data).toMatchObject({ evaluationId: 'ZJM-C-0001', uscc: ACME, status: 'suspended', previousStatus: 'valid', reason: 'webhook test' });
    expect(rx.received[0]!.id).toMatch(/^msg_/);
    // A wrong secret does not verify.
    expect(() => verifyWith(`whsec_${Buffer.alloc(24, 1).toString('base64')}`, rx.received[0]!)).toThrow();

    const log = await deliveriesOf(endpoint.id);
    expect(log.items[0]).toMatchObject({ type: 'evaluation.status_changed', state: 'succeeded', attempts: [{ attempt: 1, status: 204, error: null }] });
    // Reinstating is a change back: a second event, previousStatus suspended.
    expect((await suspend('ZJM-C-0001', 'valid')).status).toBe(200);
    expect(await eventually(async () => rx.received.length >= 2, 10_000)).toBe(true);
    expect(verifyWith(secret, rx.received[1]!).data).toMatchObject({ status: 'valid', previousStatus: 'suspended' });
    await admin('POST', `/v1/console/webhooks/${endpoint.id}/disable`);
  });

  it('retries a down, a slow and a 500 receiver with backoff, logs every attempt, disables after the threshold, and replay delivers after recovery', async () => {
    const down = `http://127.0.0.1:${await deadPort()}/hook`;
    const slow = await started('slow', 4000);
    const failing = await started('fail500');
    const eps = { down: await platformEndpoint(down, ['sanction.added']), slow: await platformEndpoint(slow.url, ['sanction.added']), failing: await platformEndpoint(failing.url, ['sanction.added']) };
    const t0 = Date.now();
    expect((await admin('POST', '/v1/admin/sanctions', { uscc: BETA, kind: 'other', reason: 'webhook retry test', from: '2026-01-01' })).status).toBe(201);

    // 1 attempt + 3 retries each; then the delivery has failed.
    for (const [name, ep] of Object.entries(eps)) {
      expect(await eventually(async () => (await deliveriesOf(ep.endpoint.id)).items[0]?.state === 'failed', 20_000), name).toBe(true);
    }
    const figures: Record<string, unknown> = {};
    for (const [name, ep] of Object.entries(eps)) {
      const d = (await deliveriesOf(ep.endpoint.id)).items[0]!;
      expect(d.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
      const at = d.attempts.map((a) => Date.parse(a.at));
      // Recorded when each attempt ended; the next starts ≥ its scheduled delay later.
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      for (const [i, g] of gaps.entries()) expect(g, `${name} gap ${i}`).toBeGreaterThanOrEqual(FAST.retrySchedule[i]!);
      for (const a of d.attempts) expect(a.error).toBeTruthy();
      if (name === 'failing') for (const a of d.attempts) expect(a).toMatchObject({ status: 500, error: 'HTTP 500' });
      if (name === 'slow') for (const a of d.attempts) expect(a.error).toBe(`timeout after ${FAST.attemptTimeoutMs} ms`);
      if (name === 'down') for (const a of d.attempts) expect(a.status).toBeNull();
      figures[name] = { attempts: d.attempts.length, gapsMs: gaps, durationsMs: d.attempts.map((a) => a.durationMs), errors: [...new Set(d.attempts.map((a) => a.error))] };
    }
    expect(slow.received).toHaveLength(0);
    expect(failing.hits).toHaveLength(4);

    // Two more failing messages reach the threshold of 6 consecutive failed attempts: disabled, with the reason.
    await admin('POST', '/v1/admin/sanctions', { uscc: BETA, kind: 'other', reason: 'second', from: '2026-01-02' });
    expect(await eventually(async () => !((await (await admin('GET', `/v1/console/webhooks/${eps.failing.endpoint.id}`)).json()) as Created['endpoint']).enabled, 20_000)).toBe(true);
    const disabled = (await (await admin('GET', `/v1/console/webhooks/${eps.failing.endpoint.id}`)).json()) as Created['endpoint'];
    expect(disabled.disabledReason).toMatch(/^6 consecutive failed attempts \(last: HTTP 500\)$/);
    figures.timeToDisableMs = Date.now() - t0;
    const hitsAtDisable = failing.hits.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(failing.hits.length).toBe(hitsAtDisable);
    const audit = (await (await admin('GET', '/v1/admin/audit?limit=200')).json()) as { items: { actor: string; action: string; target: string }[] };
    expect(audit.items.some((a) => a.action === 'webhook.auto-disable' && a.actor === 'system:webhooks' && a.target === `webhook:${eps.failing.endpoint.id}`)).toBe(true);

    // The receiver recovers; enable (the pending retry goes out) and replay everything since t0.
    failing.behaviour = 'ok';
    expect((await admin('POST', `/v1/console/webhooks/${eps.failing.endpoint.id}/enable`)).status).toBe(200);
    const replay = await admin('POST', `/v1/console/webhooks/${eps.failing.endpoint.id}/replay`, { since: new Date(t0 - 1000).toISOString() });
    expect(replay.status).toBe(202);
    expect(((await replay.json()) as { deliveries: number }).deliveries).toBe(2);
    expect(await eventually(async () => new Set(failing.received.map((r) => r.id)).size === 2, 10_000)).toBe(true);
    for (const r of failing.received) expect(verifyWith(eps.failing.secret, r).type).toBe('sanction.added');
    // Replay of one delivery keeps its webhook-id (receivers de-duplicate on it).
    const first = (await deliveriesOf(eps.failing.endpoint.id)).items.find((d) => d.state === 'failed')!;
    const before = failing.received.length;
    expect((await admin('POST', `/v1/console/webhooks/${eps.failing.endpoint.id}/deliveries/${first.id}/replay`)).status).toBe(202);
    expect(await eventually(async () => failing.received.length > before, 10_000)).toBe(true);
    expect(failing.received.at(-1)!.id).toBe(first.messageId);
    console.log('[webhooks] figures under failing receivers (schedule 150/300/600 ms, timeout 1.5 s, disable after 6):', JSON.stringify(figures));
    for (const ep of Object.values(eps)) await admin('POST', `/v1/console/webhooks/${ep.endpoint.id}/disable`);
  }, 60_000);

  it('rotation: during the overlap both the old and the new secret verify; the new secret is shown once', async () => {
    const rx = await started('ok');
    const { endpoint, secret: old } = await platformEndpoint(rx.url);
    const rot = await admin('POST', `/v1/console/webhooks/${endpoint.id}/rotate`);
    expect(rot.status).toBe(200);
    expect(rot.headers.get('cache-control')).toBe('no-store');
    const { secret: fresh, endpoint: after } = (await rot.json()) as Created & { endpoint: { previousSecretUntil: string | null } };
    expect(fresh).not.toBe(old);
    expect(after.previousSecretUntil).not.toBeNull();
    expect((await admin('POST', `/v1/console/webhooks/${endpoint.id}/test`)).status).toBe(202);
    expect(await eventually(async () => rx.received.length >= 1, 10_000)).toBe(true);
    const got = rx.received[0]!;
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(verifyWith(old, got).type).toBe('webhook.test');
    expect(verifyWith(fresh, got).type).toBe('webhook.test');
    await admin('POST', `/v1/console/webhooks/${endpoint.id}/disable`);
  });

  it('a slow endpoint does not starve a healthy one; the rate to a healthy receiver', async () => {
    const rx = await started('ok');
    const slow = await started('slow', 4000);
    const healthy = await platformEndpoint(rx.url);
    const stuck = await platformEndpoint(slow.url);
    // Queue while both are disabled, then let them go at once: the rate is delivery alone.
    const n = 200;
    for (const ep of [healthy, stuck]) await admin('POST', `/v1/console/webhooks/${ep.endpoint.id}/disable`);
    for (let i = 0; i < n; i++) expect((await admin('POST', `/v1/console/webhooks/${healthy.endpoint.id}/test`)).status).toBe(202);
    for (let i = 0; i < 20; i++) await admin('POST', `/v1/console/webhooks/${stuck.endpoint.id}/test`);
    await admin('POST', `/v1/console/webhooks/${stuck.endpoint.id}/enable`);
    const t0 = performance.now();
    await admin('POST', `/v1/console/webhooks/${healthy.endpoint.id}/enable`);
    expect(await eventually(async () => rx.received.length >= n, 30_000)).toBe(true);
    const s = (performance.now() - t0) / 1000;
    for (const r of rx.received) verifyWith(healthy.secret, r);
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(n);
    // The slow endpoint's first attempts are still timing out one at a time (20 × 1.5 s) meanwhile.
    const stuckLog = await deliveriesOf(stuck.endpoint.id);
    expect(stuckLog.items.filter((d) => d.state === 'pending').length).toBeGreaterThan(0);
    expect(slow.received).toHaveLength(0);
    console.log(`[webhooks] ${n} queued deliveries to one healthy endpoint in ${s.toFixed(2)} s: ${(n / s).toFixed(0)} deliveries/s (one at a time per endpoint), while a slow endpoint's 20 were still pending`);
    for (const ep of [healthy, stuck]) await admin('POST', `/v1/console/webhooks/${ep.endpoint.id}/disable`);
  }, 60_000);
});

describe('enterprise endpoints', () => {
  it('an enterprise manages only its own endpoints and hears only of its own evaluations and listings', async () => {
    const acme = await inviteAndAccept(reg.url, { email: 'wh-acme@example.com', role: 'enterprise', uscc: ACME });
    const beta = await inviteAndAccept(reg.url, { email: 'wh-beta@example.com', role: 'enterprise', uscc: BETA });
    const rxA = await started('ok');
    const rxB = await started('ok');
    const types = ['evaluation.status_changed', 'listing.bound', 'listing.unbound'];
    const make = async (c: SignedInClient, url: string) => {
      const r = await c.fetch('/v1/portal/webhooks', { method: 'POST', json: { url, eventTypes: types } });
      expect(r.status, await r.clone().text()).toBe(201);
      return (await r.json()) as Created;
    };
    const a = await make(acme, rxA.url);
    const b = await make(beta, rxB.url);
    // Without the CSRF header a session cannot create.
    expect((await acme.fetch('/v1/portal/webhooks', { method: 'POST', json: { url: rxA.url, eventTypes: types }, headers: { 'x-csrf-token': '' } })).status).toBe(403);

    // Beta sees only its own; every route on Acme's endpoint is "not found" to Beta.
    const listB = (await (await beta.fetch('/v1/portal/webhooks')).json()) as { items: { id: string }[] };
    expect(listB.items.map((e) => e.id)).toEqual([b.endpoint.id]);
    const foreign = [
      ['GET', ''],
      ['POST', '/rotate'],
      ['POST', '/disable'],
      ['POST', '/enable'],
      ['GET', '/deliveries'],
      ['POST', '/test'],
      ['POST', '/deliveries/1/replay'],
    ] as const;
    for (const [method, path] of foreign) expect((await beta.fetch(`/v1/portal/webhooks/${a.endpoint.id}${path}`, { method })).status, `${method} ${path}`).toBe(404);
    expect((await beta.fetch(`/v1/portal/webhooks/${a.endpoint.id}/replay`, { method: 'POST', json: { since: '2026-01-01T00:00:00Z' } })).status).toBe(404);
    // Nor are platform endpoints reachable from the portal, or portal ones from an enterprise in the console.
    expect((await acme.fetch('/v1/console/webhooks')).status).toBe(403);
    expect((await admin('GET', `/v1/console/webhooks/${a.endpoint.id}`)).status).toBe(404);
    // The admin token is not an enterprise: the portal refuses it.
    expect((await admin('GET', '/v1/portal/webhooks')).status).toBe(403);

    // Acme's evaluation changes and Acme's listing is bound: only Acme's receiver hears.
    expect((await suspend('ZJM-C-0001', 'withdrawn')).status).toBe(200);
    expect((await admin('PUT', '/v1/admin/listings/taobao:item:1002', { store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' })).status).toBeLessThan(300);
    expect(await eventually(async () => rxA.received.length >= 2, 10_000)).toBe(true);
    const typesA = rxA.received.map((r) => verifyWith(a.secret, r).type).sort();
    expect(typesA).toEqual(['evaluation.status_changed', 'listing.bound']);
    expect(verifyWith(a.secret, rxA.received.find((r) => r.body.includes('listing.bound'))!).data).toMatchObject({ listingKey: 'taobao:item:1002', uscc: ACME, platform: 'tmall', evaluationId: 'ZJM-C-0001' });
    // Unbinding it is an unbound event, still Acme's.
    expect((await admin('DELETE', '/v1/admin/listings/taobao:item:1002')).status).toBeLessThan(300);
    expect(await eventually(async () => rxA.received.length >= 3, 10_000)).toBe(true);
    expect(verifyWith(a.secret, rxA.received[2]!).type).toBe('listing.unbound');
    await new Promise((r) => setTimeout(r, 300));
    expect(rxB.received).toHaveLength(0);
    // Acme reads its own delivery log.
    expect((await deliveriesOf(a.endpoint.id, '/v1/portal/webhooks', acme)).items.length).toBe(3);
  });

  it('a reviewer reads platform endpoints but cannot change them', async () => {
    const rev = await inviteAndAccept(reg.url, { email: 'wh-reviewer@example.com', role: 'reviewer' });
    expect((await rev.fetch('/v1/console/webhooks')).status).toBe(200);
    expect((await rev.fetch('/v1/console/webhooks', { method: 'POST', json: { url: 'https://hooks.example.com/x', eventTypes: ['sanction.added'] } })).status).toBe(403);
    const staff = await inviteAndAccept(reg.url, { email: 'wh-staff@example.com', role: 'staff' });
    const r = await staff.fetch('/v1/console/webhooks', { method: 'POST', json: { url: 'https://hooks.example.com/x', eventTypes: ['sanction.added'], platform: 'jd' } });
    expect(r.status).toBe(201);
    const id = ((await r.json()) as Created).endpoint.id;
    expect((await rev.fetch(`/v1/console/webhooks/${id}/rotate`, { method: 'POST' })).status).toBe(403);
    expect((await rev.fetch(`/v1/console/webhooks/${id}/deliveries`)).status).toBe(200);
  });
});

describe('SSRF guard', () => {
  const refused = ['http://example.com/hook', 'https://10.0.0.1/hook', 'https://192.168.1.5/', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/', 'https://[::ffff:10.0.0.1]/', 'ftp://example.com/', 'https://user:pw@example.com/', 'not a url'];

  it('refuses private, link-local and non-https URLs; with the dev flag only loopback is let through', async () => {
    for (const url of [...refused, 'http://10.0.0.1/hook']) {
      const r = await admin('POST', '/v1/console/webhooks', { url, eventTypes: ['sanction.added'] });
      expect(r.status, url).toBe(400);
      expect(((await r.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('/url');
    }
  });

  it('without the dev flag loopback is refused too, http or https', async () => {
    const d = tempDb(smallRegistry());
    const plain = await startRegistry({ dbPath: d.dbPath, adminToken: TOKEN, rateLimit: false, webhooks: { ...FAST, allowLoopback: false } });
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', ...refused]) {
        const r = await fetch(`${plain.url}/v1/console/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ url, eventTypes: ['sanction.added'] }) });
        expect(r.status, url).toBe(400);
      }
      const ok = await fetch(`${plain.url}/v1/console/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ url: 'https://hooks.example.com/zjmade', eventTypes: ['sanction.added'] }) });
      expect(ok.status).toBe(201);
    } finally {
      await plain.close();
      d.cleanup();
    }
  });
});
