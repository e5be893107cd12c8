import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { openDb } from '../src/store/db.js';
import { accept, cookieOf, invite, inviteAndAccept, PASSWORD, signIn } from './account-helpers.js';
import { ACME, BETA, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, TOKEN } from './integrity-helpers.js';

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

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${reg.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: reg.url, ...headers }, body: JSON.stringify(body) });
const slug = async (r: Response) => ((await r.json()) as { type: string }).type.replace('https://zjmade.dev/problems/', '');
const auditOf = (action: string) => {
  const d = openDb(db.dbPath);
  try {
    return d.prepare('SELECT actor, target, after_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as { actor: string; target: string; after_json: string | null }[];
  } finally {
    d.close();
  }
};

describe('invite → accept → sign in → me → change password → sign out', () => {
  it('runs the whole flow, each step audited', async () => {
    const { link, token } = await invite(reg.url, { email: 'Zhang.Wei@Acme.example', uscc: ACME });
    expect(link).toBe(`${reg.url}/portal/accept#${token}`);
    expect(token).toMatch(/^[\w-]{43}$/);

    const first = await accept(reg.url, token);
    expect(first.account).toMatchObject({ email: 'Zhang.Wei@Acme.example', role: 'enterprise', uscc: ACME });
    const me1 = await first.fetch('/v1/auth/me');
    expect(me1.status).toBe(200);
    expect(me1.headers.get('cache-control')).toBe('no-store');
    expect(((await me1.json()) as { csrfToken: string }).csrfToken).toBe(first.csrf);

    // Email is case-insensitive.
    const s = await signIn(reg.url, 'zhang.wei@acme.EXAMPLE');
    expect(s.account.id).toBe(first.account.id);
    expect(s.cookie).not.toBe(first.cookie);

    const changed = await s.fetch('/v1/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'a new and longer passphrase' } });
    expect(changed.status).toBe(200);
    const after = cookieOf(changed);
    // Every earlier session ended with the password change; the answer carries the new one.
    expect((await first.fetch('/v1/auth/me')).status).toBe(401);
    expect((await s.fetch('/v1/auth/me')).status).toBe(401);
    const me2 = await fetch(`${reg.url}/v1/auth/me`, { headers: { cookie: after } });
    expect(me2.status).toBe(200);

    expect((await post('/v1/auth/sign-in', { email: 'zhang.wei@acme.example', password: PASSWORD })).status).toBe(401);
    const s2 = await signIn(reg.url, 'zhang.wei@acme.example', 'a new and longer passphrase');
    const out = await s2.fetch('/v1/auth/sign-out', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^zj_session=;.*Max-Age=0/);
    expect((await s2.fetch('/v1/auth/me')).status).toBe(401);

    const id = first.account.id;
    expect(auditOf('invitation.create').at(-1)).toMatchObject({ actor: expect.stringMatching(/^admin@/), target: 'email:zhang.wei@acme.example' });
    expect(auditOf('account.create').at(-1)?.after_json).toContain(`user:${id}`);
    expect(auditOf('auth.sign-in').filter((a) => a.actor === `user:${id}`).length).toBe(2);
    expect(auditOf('account.password.change').at(-1)).toMatchObject({ actor: `user:${id}`, target: `account:${id}` });
    expect(auditOf('auth.sign-in.failure').at(-1)).toMatchObject({ actor: expect.stringMatching(/^address:/), target: 'email:zhang.wei@acme.example' });
    expect(auditOf('auth.sign-out').at(-1)).toMatchObject({ actor: `user:${id}` });
    // Neither the raw token nor a password reaches the audit log.
    const d = openDb(db.dbPath);
    const everything = JSON.stringify(d.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(d.prepare('SELECT * FROM invitations').all());
    d.close();
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(PASSWORD);
  });

  it('a console role gets a /console/ link; a reset link signs out every session', async () => {
    const { link, token } = await invite(reg.url, { email: 'reviewer@zjmade.example', role: 'reviewer' });
    expect(link).toBe(`${reg.url}/console/accept#${token}`);
    const r = await accept(reg.url, token);
    expect(r.account).toMatchObject({ role: 'reviewer', uscc: null });
    const reset = await invite(reg.url, { email: 'REVIEWER@zjmade.example', purpose: 'reset' });
    const again = await accept(reg.url, reset.token, 'my reset passphrase 1');
    expect(again.account.id).toBe(r.account.id);
    expect((await r.fetch('/v1/auth/me')).status).toBe(401);
    expect((await signIn(reg.url, 'reviewer@zjmade.example', 'my reset passphrase 1')).account.role).toBe('reviewer');
  });
});

describe('invitations', () => {
  it('refuses a used link, an unknown one, and a duplicate account; checks uscc against the role', async () => {
    const { token } = await invite(reg.url, { email: 'li@beta.example', uscc: BETA });
    await accept(reg.url, token);
    const used = await post('/v1/auth/accept', { token, password: PASSWORD });
    expect(used.status).toBe(410);
    expect(await slug(used)).toBe('invitation-used');
    expect(await slug(await post('/v1/auth/accept', { token: 'x'.repeat(43), password: PASSWORD }))).toBe('not-found');

    const dup = await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'LI@beta.example', uscc: BETA }) });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('cache-control')).toBe('no-store');
    const noUscc = await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.example' }) });
    expect(noUscc.status).toBe(400);
    const staffWithUscc = await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.example', role: 'staff', uscc: ACME }) });
    expect(staffWithUscc.status).toBe(400);
    const unknown = await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.example', uscc: '91330100MA2XXXXX0X' }) });
    expect(unknown.status).toBe(422);
  });

  it('a newer link makes the older one useless', async () => {
    const a = await invite(reg.url, { email: 'twice@acme.example', uscc: ACME });
    const b = await invite(reg.url, { email: 'twice@acme.example', uscc: ACME });
    expect(await slug(await post('/v1/auth/accept', { token: a.token, password: PASSWORD }))).toBe('invitation-used');
    expect((await accept(reg.url, b.token)).account.email).toBe('twice@acme.example');
  });

  it('refuses weak and common passwords with the reason, and the link stays usable', async () => {
    const { token } = await invite(reg.url, { email: 'weak@acme.example', uscc: ACME });
    const short = await post('/v1/auth/accept', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toContain('at least 10 characters');
    const common = await post('/v1/auth/accept', { token, password: 'password123' });
    expect(JSON.stringify(await common.json())).toContain('commonly used');
    expect((await accept(reg.url, token)).account.email).toBe('weak@acme.example');
  });

  it('staff invite through a session too; a reviewer and an enterprise user cannot', async () => {
    const staff = await inviteAndAccept(reg.url, { email: 'staff1@zjmade.example', role: 'staff' });
    const r = await staff.fetch('/v1/admin/invitations', { method: 'POST', json: { email: 'new@acme.example', uscc: ACME } });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const created = auditOf('invitation.create').at(-1)!;
    expect(created.actor).toBe(`user:${staff.account.id}`);
    const ent = await signIn(reg.url, 'li@beta.example');
    expect((await ent.fetch('/v1/admin/invitations', { method: 'POST', json: { email: 'n2@acme.example', uscc: ACME } })).status).toBe(403);
    const rev = await signIn(reg.url, 'reviewer@zjmade.example', 'my reset passphrase 1');
    expect((await rev.fetch('/v1/admin/invitations', { method: 'POST', json: { email: 'n2@acme.example', uscc: ACME } })).status).toBe(403);
    // Without a session or token at all.
    expect(await slug(await post('/v1/admin/invitations', { email: 'n2@acme.example', uscc: ACME }))).toBe('session-required');
  });
});

describe('authorisation, route by route', () => {
  it('lets each role reach exactly its account routes', async () => {
    const staff = await inviteAndAccept(reg.url, { email: 'matrix-staff@zjmade.example', role: 'staff' });
    const reviewer = await inviteAndAccept(reg.url, { email: 'matrix-reviewer@zjmade.example', role: 'reviewer' });
    const enterprise = await inviteAndAccept(reg.url, { email: 'matrix-ent@acme.example', uscc: ACME });
    const victim = await inviteAndAccept(reg.url, { email: 'matrix-victim@acme.example', uscc: ACME });
    const staffOnly: [string, string, unknown?][] = [
      ['GET', '/v1/admin/accounts'],
      ['POST', '/v1/admin/invitations', { email: 'matrix-new@acme.example', uscc: ACME }],
      ['POST', `/v1/admin/accounts/${victim.account.id}/disable`],
    ];
    for (const who of [reviewer, enterprise]) {
      for (const [method, path, json] of staffOnly) {
        const r = await who.fetch(path, { method, ...(json ? { json } : {}) });
        expect([who.account.role, path, r.status, await slug(r)]).toEqual([who.account.role, path, 403, 'forbidden']);
      }
    }
    expect((await victim.fetch('/v1/auth/me')).status).toBe(200);
    for (const who of [staff, reviewer, enterprise]) expect((await who.fetch('/v1/auth/me')).status).toBe(200);
    const list = await staff.fetch('/v1/admin/accounts');
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).not.toContain('argon2');
    // The admin token has no session: the session routes refuse it.
    for (const [method, path] of [
      ['GET', '/v1/auth/me'],
      ['POST', '/v1/auth/sign-out'],
      ['POST', '/v1/auth/password'],
    ] as const) {
      expect((await fetch(`${reg.url}${path}`, { method, headers: AUTH })).status).toBe(403);
    }
  });

  it('documents every account route in /openapi.json with the cookie scheme', async () => {
    const doc = (await (await fetch(`${reg.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, { name?: string }> } };
    for (const p of ['/v1/auth/sign-in', '/v1/auth/sign-out', '/v1/auth/me', '/v1/auth/accept', '/v1/auth/password', '/v1/admin/invitations', '/v1/admin/accounts', '/v1/admin/accounts/{id}/disable']) expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths['/v1/auth/me']!.get!.security).toEqual([{ cookieAuth: [] }]);
    expect(Object.keys(doc.paths['/v1/auth/sign-in']!.post!.responses).sort()).toEqual(['200', '400', '401', '403', '413', '429', '503']);
    expect(doc.components.securitySchemes.cookieAuth?.name).toBe('zj_session');
  });

  it('ends a session presented at accept, as at sign-in', async () => {
    const old = await inviteAndAccept(reg.url, { email: 'accept-fix@acme.example', uscc: ACME });
    const { token } = await invite(reg.url, { email: 'accept-fix2@acme.example', uscc: ACME });
    const res = await post('/v1/auth/accept', { token, password: PASSWORD }, { cookie: old.cookie });
    expect(res.status).toBe(200);
    expect(cookieOf(res)).not.toBe(old.cookie);
    expect((await old.fetch('/v1/auth/me')).status).toBe(401);
  });
});
