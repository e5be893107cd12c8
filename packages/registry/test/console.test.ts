import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { inviteAndAccept, type SignedInClient } from './account-helpers.js';
import { ACME, tempDb, type TempDb } from './fixtures.js';
import { AUTH, eventually, TOKEN } from './integrity-helpers.js';
import { portalRegistry } from './portal-helpers.js';

let reg: RunningRegistry;
let db: TempDb;
let staff: SignedInClient;
let reviewer: SignedInClient;
let enterprise: SignedInClient;

beforeAll(async () => {
  db = tempDb(portalRegistry());
  reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false });
  staff = await inviteAndAccept(reg.url, { email: 'staff@registry.example', role: 'staff' });
  reviewer = await inviteAndAccept(reg.url, { email: 'reviewer@registry.example', role: 'reviewer' });
  enterprise = await inviteAndAccept(reg.url, { email: 'ops@acme.example', uscc: ACME });
}, 60_000);
afterAll(async () => {
  await reg.close();
  db.cleanup();
});

const R = 'staff,reviewer';
const S = 'staff';
/**
 * The role matrix as the issue states it (staff everything; reviewers read, triage reports and
 * decide store claims), written here and not read from the routes, so a route whose guard drifts
 * from it, or a new /v1/console operation nobody put in this table, fails.
 */
const MATRIX: Record<string, string> = {
  consoleMe: R,
  consoleImportUpload: S,
  consoleImport: S,
  consoleImportDiscard: S,
  consoleImportCommit: S,
  consoleEvaluations: R,
  consoleEvaluation: R,
  consoleEvaluationAffected: R,
  consoleEvaluationStatus: S,
  consoleClaims: R,
  consoleClaim: R,
  consoleClaimEvidence: R,
  consoleApproveClaim: R,
  consoleRejectClaim: R,
  consoleReports: R,
  consoleReportGroups: R,
  consoleReport: R,
  consoleTriageReports: R,
  consoleSanctions: R,
  consoleAddSanction: S,
  consoleLiftSanction: S,
  consoleAudit: R,
  consoleAuditCsv: R,
  consoleKeys: R,
  consoleCreateKey: S,
  consolePublishing: R,
  consoleActivateKey: S,
  consoleRetireKey: S,
  consolePeople: S,
  consoleInvite: S,
  consoleDisableAccount: S,
  consoleEnableAccount: S,
  // Webhooks (notify/, helper K2): reviewers read them; only staff change them.
  consoleWebhooks: R,
  consoleCreateWebhook: S,
  consoleWebhook: R,
  consoleRotateWebhookSecret: S,
  consoleDisableWebhook: S,
  consoleEnableWebhook: S,
  consoleWebhookDeliveries: R,
  consoleReplayWebhookDelivery: S,
  consoleReplayWebhook: S,
  consoleTestWebhook: S,
};

type Who = 'none' | 'enterprise' | 'reviewer' | 'staff' | 'admin';
const WHO: Who[] = ['none', 'enterprise', 'reviewer', 'staff', 'admin'];

async function call(who: Who, method: string, path: string, opts: { csrf?: boolean } = {}): Promise<Response> {
  const init: RequestInit = { method: method.toUpperCase(), ...(method === 'get' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }) };
  if (who === 'none') return fetch(`${reg.url}${path}`, init);
  if (who === 'admin') return fetch(`${reg.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...AUTH } });
  const client = { enterprise, reviewer, staff }[who];
  return client.fetch(path, { ...init, ...(opts.csrf === false ? { headers: { ...(init.headers as Record<string, string>), 'x-csrf-token': '' } } : {}) });
}

describe('console role matrix (every /v1/console operation in the generated document)', () => {
  it('answers 401 / 403 / allowed as each operation’s roles say, with CSRF for sessions', async () => {
    const doc = (await (await fetch(`${reg.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-roles'?: string[]; operationId: string }>> };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/console/'))
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ path: p, method: m, op })));
    expect(ops.length).toBeGreaterThanOrEqual(30);
    const matrix: string[] = [];
    for (const { path, method, op } of ops) {
      const roles = MATRIX[op.operationId]?.split(',');
      expect(roles, `${op.operationId} is in the role matrix`).toBeDefined();
      if (op['x-roles']) expect(op['x-roles'], `${op.operationId} documents the matrix's roles`).toEqual(roles);
      // Placeholder ids: an allowed caller gets past the guard (404/400/…), never 401/403.
      const concrete = path.replace(/\{[^}]+\}/g, 'none-such');
      const row: string[] = [];
      for (const who of WHO) {
        const res = await call(who, method, concrete);
        await res.body?.cancel();
        row.push(`${who}=${res.status}`);
        const allowed = who === 'admin' || who === 'staff' || (who === 'reviewer' && roles!.includes('reviewer'));
        if (who === 'none') expect(res.status, `${op.operationId} ${who}`).toBe(401);
        else if (!allowed) expect(res.status, `${op.operationId} ${who}`).toBe(403);
        else expect([401, 403], `${op.operationId} ${who} (${res.status})`).not.toContain(res.status);
      }
      if (method !== 'get') {
        const res = await call('staff', method, concrete, { csrf: false });
        expect(res.status, `${op.operationId} without CSRF`).toBe(403);
        expect(((await res.json()) as { type: string }).type).toMatch(/csrf$/);
      }
      matrix.push(`${method.toUpperCase()} ${path}: ${row.join(' ')}`);
    }
    console.log(matrix.join('\n'));
  }, 120_000);
});

describe('console features', () => {
  it('a suspension through the console changes POST /v1/verify within seconds, audited with the staff actor', async () => {
    const verdict = async () => {
      const r = await fetch(`${reg.url}/v1/verify?evidence=full`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: ['jd:item:2001'] }) });
      return JSON.stringify(await r.json());
    };
    const before = await verdict();
    const res = await staff.fetch('/v1/console/evaluations/ZJM-D-0002/status', { method: 'POST', json: { action: 'suspend', reason: '抽检不合格' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { affects: { listings: number; stores: number }; committed: boolean };
    expect(body.affects).toEqual({ listings: 1, stores: 1 });
    expect(await eventually(async () => (await verdict()) !== before && (await verdict()).includes('suspended'))).toBe(true);
    const audit = (await (await staff.fetch(`/v1/console/audit?action=evaluation.status&target=evaluation:ZJM-D-0002`)).json()) as { items: { actor: string }[] };
    expect(audit.items[0]?.actor).toBe(`user:${staff.account.id}`);
    // Whitespace reason: refused, nothing written.
    const blank = await staff.fetch('/v1/console/evaluations/ZJM-D-0002/status', { method: 'POST', json: { action: 'reinstate', reason: '   ' } });
    expect(blank.status).toBe(400);
    const reviewerTry = await reviewer.fetch('/v1/console/evaluations/ZJM-D-0002/status', { method: 'POST', json: { action: 'reinstate', reason: 'x' } });
    expect(reviewerTry.status).toBe(403);
  });

  it('triage: reports grouped with counts, moved through states by a reviewer, no reporter identity in answers', async () => {
    for (const note of ['假冒', '假冒', '标志不符']) {
      const r = await fetch(`${reg.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ listing: 'jd:item:2001', reason: 'counterfeit-mark', note }) });
      expect(r.status).toBeLessThan(300);
    }
    const groups = (await (await reviewer.fetch('/v1/console/reports/groups?by=listing')).json()) as { items: { key: string; reports: number; total: number; states: Record<string, number> }[] };
    const g = groups.items.find((x) => x.key === 'jd:item:2001')!;
    expect(g).toMatchObject({ reports: 2, total: 3, states: { new: 2 } });
    const byStore = (await (await reviewer.fetch('/v1/console/reports/groups?by=store')).json()) as { items: { key: string }[] };
    expect(byStore.items.map((x) => x.key)).toContain('jd:shop:1000001');
    const list = await reviewer.fetch('/v1/console/reports?state=new');
    const text = await list.text();
    expect(text).not.toContain('203.0.113.9');
    expect(text).not.toContain('127.0.0.1');
    const ids = (JSON.parse(text) as { items: { id: string }[] }).items.map((r) => r.id);
    const inv = await reviewer.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids, state: 'investigating', note: '核实中' } });
    expect(inv.status).toBe(200);
    const noConfirm = await reviewer.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids, state: 'confirmed-misuse', notifyPlatform: true } });
    expect(noConfirm.status).toBe(400);
    const ok = await reviewer.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids, state: 'confirmed-misuse', notifyPlatform: true, confirm: true } });
    expect(ok.status).toBe(200);
    const back = await reviewer.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids, state: 'dismissed' } });
    expect(back.status).toBe(409);
    const detail = (await (await staff.fetch(`/v1/console/reports/${ids[0]}`)).json()) as { report: { state: string }; notes: { actor: string }[] };
    expect(detail.report.state).toBe('confirmed-misuse');
    expect(detail.notes[0]?.actor).toBe(`user:${reviewer.account.id}`);
  });

  it('sanctions, keys rotation and people through the console, each audited', async () => {
    const add = await staff.fetch('/v1/console/sanctions', { method: 'POST', json: { uscc: ACME, kind: 'mark-misuse', from: '2026-01-01', source: '浙市监〔2026〕1号' } });
    expect(add.status).toBe(201);
    const id = ((await add.json()) as { sanction: { id: string } }).sanction.id;
    expect((await staff.fetch(`/v1/console/sanctions/${id}/lift`, { method: 'POST', json: { until: '2026-06-01', reason: '整改完成' } })).status).toBe(200);
    const created = (await (await staff.fetch('/v1/console/keys', { method: 'POST' })).json()) as { kid: string; jwks: { before: { keys: unknown[] }; after: { keys: unknown[] } } };
    expect(created.jwks.after.keys.length).toBe(created.jwks.before.keys.length + 1);
    const old = ((await (await staff.fetch('/v1/console/keys')).json()) as { active: string }).active;
    expect((await staff.fetch(`/v1/console/keys/${created.kid}/activate`, { method: 'POST' })).status).toBe(200);
    const retired = (await (await staff.fetch(`/v1/console/keys/${old}/retire`, { method: 'POST' })).json()) as { jwks: { before: { keys: { kid: string }[] }; after: { keys: { kid: string }[] } } };
    expect(retired.jwks.before.keys.map((k) => k.kid)).toContain(old);
    expect(retired.jwks.after.keys.map((k) => k.kid)).not.toContain(old);
    expect(retired.jwks.after.keys.map((k) => k.kid)).toContain(created.kid);
    // Retiring the active key is refused: the registry would have nothing to sign with.
    expect((await staff.fetch(`/v1/console/keys/${created.kid}/retire`, { method: 'POST' })).status).toBe(409);
    // The new key signs what is published now, and verify still answers.
    const jwks = (await (await fetch(`${reg.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(created.kid);
    const people = (await (await fetch(`${reg.url}/v1/console/people`, { headers: AUTH })).json()) as { items: { id: string; email: string; lastSignInAt: string | null }[] };
    const ent = people.items.find((p) => p.email === 'ops@acme.example')!;
    expect((await staff.fetch(`/v1/console/people/${ent.id}/disable`, { method: 'POST' })).status).toBe(200);
    expect((await enterprise.fetch('/v1/portal/overview')).status).toBe(401);
    const audit = (await (await fetch(`${reg.url}/v1/console/audit?actor=user:${staff.account.id}`, { headers: AUTH })).json()) as { items: { action: string }[] };
    for (const a of ['sanction.add', 'sanction.lift', 'key.create', 'key.activate', 'key.retire', 'account.disable']) expect(audit.items.map((x) => x.action)).toContain(a);
    const csv = await staff.fetch(`/v1/console/audit.csv?action=key.&actor=user:${staff.account.id}`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the Chinese as UTF-8
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,at,actor,actor_email,action,target,before,after');
    // Who acted, readable in the export too (the log keeps the account id; the address is joined on read).
    expect(lines.slice(1).every((l) => l.includes(`,user:${staff.account.id},${staff.account.email},key.`))).toBe(true);
    for (const [action, kid] of [['key.create', created.kid], ['key.activate', created.kid], ['key.retire', old]]) expect(lines.some((l) => l.includes(`,${action},key:${kid},`))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(',key.'))).toBe(true);
  });
});

describe('sanction sources and audit actors', () => {
  it('a sanction’s source document is its own field: answered, listed, audited, kept through a lift, not in the reason nor in the published snapshot', async () => {
    const source = '浙市监质〔2026〕27号';
    const add = await staff.fetch('/v1/console/sanctions', { method: 'POST', json: { uscc: ACME, kind: 'quality-dishonesty-blacklist', from: '2026-02-01', reason: '质量失信', source } });
    expect(add.status).toBe(201);
    const { sanction } = (await add.json()) as { sanction: { id: string; reason?: string; source?: string } };
    expect(sanction).toMatchObject({ reason: '质量失信', source });
    const listed = (await (await staff.fetch(`/v1/console/sanctions?uscc=${ACME}`)).json()) as { items: { id: string; reason?: string; source?: string }[] };
    expect(listed.items.find((x) => x.id === sanction.id)).toMatchObject({ reason: '质量失信', source });
    const audit = (await (await staff.fetch(`/v1/console/audit?target=sanction:${sanction.id}`)).json()) as { items: { action: string; after: { source?: string } }[] };
    expect(audit.items.find((x) => x.action === 'sanction.add')?.after.source).toBe(source);
    const lifted = (await (await staff.fetch(`/v1/console/sanctions/${sanction.id}/lift`, { method: 'POST', json: { until: '2026-08-01', reason: '整改完成' } })).json()) as { sanction: { source?: string } };
    expect(lifted.sanction.source).toBe(source);
    // The published record (the SDK's Sanction, the snapshot format unchanged) has no source.
    const published = (await (await fetch(`${reg.url}/v1/enterprises/${ACME}`)).json()) as { sanctions?: { id: string }[] };
    expect(published.sanctions?.some((x) => x.id === sanction.id)).toBe(true);
    expect(JSON.stringify(published)).not.toContain(source);
    // Without a source none is answered; a blank or an over-long one is refused.
    const plain = (await (await staff.fetch('/v1/console/sanctions', { method: 'POST', json: { uscc: ACME, kind: 'other', from: '2026-02-02' } })).json()) as { sanction: Record<string, unknown> };
    expect('source' in plain.sanction).toBe(false);
    for (const bad of ['   ', 'x'.repeat(257)]) expect((await staff.fetch('/v1/console/sanctions', { method: 'POST', json: { uscc: ACME, kind: 'other', from: '2026-02-02', source: bad } })).status).toBe(400);
  });

  it('audit entries name an account actor by email; the admin token stays admin@<address> without one', async () => {
    await staff.fetch('/v1/console/sanctions', { method: 'POST', json: { uscc: ACME, kind: 'other', from: '2026-03-01' } });
    await fetch(`${reg.url}/v1/console/sanctions`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ uscc: ACME, kind: 'other', from: '2026-03-02' }) });
    const page = (await (await staff.fetch('/v1/console/audit?action=sanction.add&limit=500')).json()) as { items: { actor: string; actorEmail?: string }[] };
    const mine = page.items.filter((x) => x.actor === `user:${staff.account.id}`);
    expect(mine.length).toBeGreaterThan(0);
    for (const x of mine) expect(x.actorEmail).toBe('staff@registry.example');
    const admin = page.items.filter((x) => x.actor.startsWith('admin@'));
    expect(admin.length).toBeGreaterThan(0);
    for (const x of admin) expect(x.actorEmail).toBeUndefined();
  });
});

describe('console automation and people', () => {
  it('the admin token works as staff and is audited as its own actor', async () => {
    const res = await fetch(`${reg.url}/v1/console/evaluations/ZJM-C-1001/status`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json', 'x-zjmade-actor': 'nightly-sync' }, body: JSON.stringify({ action: 'withdraw', reason: '企业申请撤销', effectiveAt: '2026-03-01T00:00:00Z' }) });
    expect(res.status).toBe(200);
    const audit = (await (await staff.fetch('/v1/console/audit?target=evaluation:ZJM-C-1001')).json()) as { items: { actor: string; action: string }[] };
    expect(audit.items[0]).toMatchObject({ actor: 'nightly-sync@127.0.0.1', action: 'evaluation.status' });
    const detail = (await (await staff.fetch('/v1/console/evaluations/ZJM-C-1001')).json()) as { history: { status: string; at: string }[] };
    expect(detail.history.at(-1)).toMatchObject({ status: 'withdrawn', at: '2026-03-01T00:00:00Z' });
  });

  it('invites a reviewer, lists people with last sign-in, disables and enables; bad invitations are refused', async () => {
    const inv = await staff.fetch('/v1/console/people/invitations', { method: 'POST', json: { email: 'new-reviewer@registry.example', role: 'reviewer' } });
    expect(inv.status).toBe(201);
    expect(((await inv.json()) as { link: string }).link).toContain('#');
    expect((await staff.fetch('/v1/console/people/invitations', { method: 'POST', json: { email: 'reviewer@registry.example', role: 'reviewer' } })).status).toBe(409);
    expect((await staff.fetch('/v1/console/people/invitations', { method: 'POST', json: { email: 'x@acme.example', role: 'enterprise', uscc: '91330100MA27XL0000' } })).status).toBe(400);
    expect((await staff.fetch('/v1/console/people/invitations', { method: 'POST', json: { email: 'not-an-address', role: 'staff' } })).status).toBe(400);
    const people = (await (await staff.fetch('/v1/console/people?role=reviewer')).json()) as { items: { id: string; email: string; lastSignInAt: string | null; disabledAt: string | null }[] };
    const r = people.items.find((p) => p.email === 'reviewer@registry.example')!;
    expect(r.lastSignInAt).not.toBeNull();
    expect(people.items.every((p) => !('passwordHash' in p))).toBe(true);
    const extra = await inviteAndAccept(reg.url, { email: 'temp@registry.example', role: 'reviewer' });
    expect((await staff.fetch(`/v1/console/people/${extra.account.id}/enable`, { method: 'POST' })).status).toBe(409);
    expect((await staff.fetch(`/v1/console/people/${extra.account.id}/disable`, { method: 'POST' })).status).toBe(200);
    expect((await extra.fetch('/v1/console/me')).status).toBe(401);
    const enabled = await staff.fetch(`/v1/console/people/${extra.account.id}/enable`, { method: 'POST' });
    expect(((await enabled.json()) as { disabledAt: string | null }).disabledAt).toBeNull();
    expect((await staff.fetch('/v1/console/people/acc_nope/disable', { method: 'POST' })).status).toBe(404);
  });

  it('filters reports by platform, store and time', async () => {
    await fetch(`${reg.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listing: 'https://item.taobao.com/item.htm?id=123456789', reason: 'other' }) });
    const tb = (await (await staff.fetch('/v1/console/reports?platform=taobao')).json()) as { total: number; items: { key: string }[] };
    expect(tb.total).toBeGreaterThanOrEqual(1);
    expect(tb.items.every((r) => r.key.startsWith('taobao:'))).toBe(true);
    const future = (await (await staff.fetch(`/v1/console/reports?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json()) as { total: number };
    expect(future.total).toBe(0);
    const store = (await (await staff.fetch('/v1/console/reports?store=jd:shop:1000001')).json()) as { items: { store: string }[] };
    expect(store.items.every((r) => r.store === 'jd:shop:1000001')).toBe(true);
    expect((await staff.fetch('/v1/console/reports?state=open')).status).toBe(400);
    expect((await staff.fetch('/v1/console/reports?from=yesterday')).status).toBe(400);
  });
});
