import { toEpochMs } from '@zjmade/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { ACME, BETA, postJson, smallRegistry, type TempDb, tempDb } from './fixtures.js';

const TOKEN = 'test-admin-token-coverage-0123';
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

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const coverage = (uscc: string, headers: Record<string, string> = {}, query = '') => fetch(`${reg.url}/v1/coverage/${uscc}${query}`, { headers });
const issue = async (uscc: string, label?: string) => {
  const r = await postJson(`${reg.url}/v1/admin/enterprises/${uscc}/tokens`, label === undefined ? '' : { label }, bearer(TOKEN));
  expect(r.status).toBe(201);
  return (await r.json()) as { id: string; uscc: string; token: string; label?: string };
};

interface Report {
  uscc: string;
  at: string;
  totals: Record<string, number>;
  backed: { listings: { key: string }[] };
  unbound: { key: string }[];
}

describe('GET /v1/coverage/{uscc}', () => {
  it('answers the admin token with the registry’s own listings of the enterprise', async () => {
    const r = await coverage(ACME, bearer(TOKEN), '?at=2026-06-01');
    expect(r.status).toBe(200);
    const report = (await r.json()) as Report;
    expect(report.uscc).toBe(ACME);
    // Answered for the requested time, as the SDK reads a business date.
    expect(Date.parse(report.at)).toBe(toEpochMs('2026-06-01'));
    // ACME's store binds 1001 (to its evaluation) and 1002 (store only).
    expect(report.backed.listings.map((l) => l.key)).toEqual(['taobao:item:1001']);
    expect(report.unbound.map((l) => l.key)).toEqual(['taobao:item:1002']);
  });

  it('answers a token issued to the enterprise, and only for that enterprise', async () => {
    const t = await issue(ACME, 'acme reporting');
    expect(t.token).toMatch(/^zjt_/);
    expect(t.label).toBe('acme reporting');
    const ok = await coverage(ACME, bearer(t.token));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Report).uscc).toBe(ACME);

    const other = await coverage(BETA, bearer(t.token));
    expect(other.status).toBe(403);
    expect(((await other.json()) as { type: string }).type).toBe('https://zjmade.dev/problems/forbidden');

    // Another enterprise's token opens its own coverage only.
    const beta = await issue(BETA);
    expect((await coverage(BETA, bearer(beta.token))).status).toBe(200);
    expect((await coverage(ACME, bearer(beta.token))).status).toBe(403);
  });

  it('rejects a missing, unknown or malformed token with 401', async () => {
    const none = await coverage(ACME);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await coverage(ACME, bearer('zjt_not-a-token'))).status).toBe(401);
    expect((await coverage(ACME, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('issues tokens only under the admin token and for known enterprises', async () => {
    const r = await postJson(`${reg.url}/v1/admin/enterprises/${ACME}/tokens`, {});
    expect(r.status).toBe(401);
    const t = await issue(ACME);
    // A brand token is not an admin token.
    expect((await postJson(`${reg.url}/v1/admin/enterprises/${ACME}/tokens`, {}, bearer(t.token))).status).toBe(401);
    expect((await postJson(`${reg.url}/v1/admin/enterprises/${ACME}/tokens`, { nope: 1 }, bearer(TOKEN))).status).toBe(400);
    const unknown = '91330100MA2B3C4D5E';
    expect((await postJson(`${reg.url}/v1/admin/enterprises/${unknown}/tokens`, {}, bearer(TOKEN))).status).toBe(400);
  });

  it('validates the USCC and `at`, and 404s unknown enterprises', async () => {
    expect((await coverage('nonsense', bearer(TOKEN))).status).toBe(400);
    expect((await coverage(ACME, bearer(TOKEN), '?at=someday')).status).toBe(400);
    const { uscc } = await import('./fixtures.js');
    expect((await coverage(uscc('87654321'), bearer(TOKEN))).status).toBe(404);
  });

  it('follows admin changes: a suspension moves the listing from backed to lapsed', async () => {
    const r = await postJson(`${reg.url}/v1/admin/evaluations/ZJM-C-0001/status`, { status: 'suspended', reason: 'coverage test' }, bearer(TOKEN));
    expect(r.status).toBe(200);
    const report = (await (await coverage(ACME, bearer(TOKEN))).json()) as Report & { lapsed: { key: string; status: string }[] };
    expect(report.backed.listings).toEqual([]);
    expect(report.lapsed.map((l) => [l.key, l.status])).toEqual([['taobao:item:1001', 'suspended']]);
  });
});
