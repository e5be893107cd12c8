import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { openDb } from '../src/store/db.js';
import { accept, clientOf, cookieOf, invite, inviteAndAccept, PASSWORD, signIn } from './account-helpers.js';
import { ACME, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, CLI, ROOT, TOKEN } from './integrity-helpers.js';

const HOUR = 3_600_000;
let reg: RunningRegistry;
let db: TempDb;
/** The registry's clock: tests move it instead of waiting. */
let clock = Date.parse('2026-03-01T00:00:00Z');

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await startRegistry({
    dbPath: db.dbPath,
    adminToken: TOKEN,
    rateLimit: false,
    accounts: { now: () => clock, lockout: { accountBudget: 3, addressBudget: 1000, baseDelayMs: 10_000 } },
  });
});
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${reg.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: reg.url, ...headers }, body: JSON.stringify(body) });
const problemOf = async (r: Response) => (await r.json()) as { type: string; detail: string; title: string; status: number };
const slug = async (r: Response) => (await problemOf(r)).type.replace('https://zjmade.dev/problems/', '');
const rows = <T>(sql: string, ...args: unknown[]): T[] => {
  const d = openDb(db.dbPath);
  try {
    return d.prepare(sql).all(...args) as T[];
  } finally {
    d.close();
  }
};

describe('passwords', () => {
  it('stores an argon2id PHC string with m=19456, t=2, p=1 and a salt per account', async () => {
    await inviteAndAccept(reg.url, { email: 'hash1@acme.example', uscc: ACME });
    await inviteAndAccept(reg.url, { email: 'hash2@acme.example', uscc: ACME });
    const hashes = rows<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE email LIKE 'hash%'").map((r) => r.password_hash);
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hashes[0]).not.toBe(hashes[1]); // same password, different salts
  });
});

describe('sign-in failures', () => {
  it('answers an unknown address exactly like a wrong password', async () => {
    await inviteAndAccept(reg.url, { email: 'known@acme.example', uscc: ACME });
    const wrong = await post('/v1/auth/sign-in', { email: 'known@acme.example', password: 'not the password' });
    const unknown = await post('/v1/auth/sign-in', { email: 'nobody@acme.example', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await problemOf(wrong)).toEqual(await problemOf(unknown));
    const visible = (r: Response) => ['content-type', 'set-cookie', 'retry-after', 'www-authenticate', 'cache-control'].map((h) => r.headers.get(h));
    expect(visible(wrong)).toEqual(visible(unknown));
  });

  it('locks an email after the budget with a growing Retry-After, refuses even the right password meanwhile, and audits the lockout', async () => {
    await inviteAndAccept(reg.url, { email: 'target@acme.example', uscc: ACME });
    for (let i = 0; i < 2; i++) expect((await post('/v1/auth/sign-in', { email: 'target@acme.example', password: `guess number ${i}` })).status).toBe(401);
    // The third failure spends the budget: still 401, and from now on 429.
    expect((await post('/v1/auth/sign-in', { email: 'target@acme.example', password: 'guess number 2' })).status).toBe(401);
    const locked = await post('/v1/auth/sign-in', { email: 'target@acme.example', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(await slug(locked)).toBe('locked');
    expect(locked.headers.get('retry-after')).toBe('10');
    // An unknown address locks the same way (nothing tells the two apart).
    for (let i = 0; i < 3; i++) await post('/v1/auth/sign-in', { email: 'ghost@acme.example', password: `guess number ${i}` });
    const ghost = await post('/v1/auth/sign-in', { email: 'ghost@acme.example', password: PASSWORD });
    expect(ghost.status).toBe(429);
    expect(ghost.headers.get('retry-after')).toBe('10');

    clock += 11_000;
    // After the wait, another wrong guess doubles it.
    expect((await post('/v1/auth/sign-in', { email: 'target@acme.example', password: 'guess number 3' })).status).toBe(401);
    expect((await post('/v1/auth/sign-in', { email: 'target@acme.example', password: PASSWORD })).headers.get('retry-after')).toBe('20');
    clock += 21_000;
    // The right password after the wait signs in and clears the count.
    expect((await signIn(reg.url, 'target@acme.example')).account.email).toBe('target@acme.example');
    expect((await post('/v1/auth/sign-in', { email: 'target@acme.example', password: 'guess again 1' })).status).toBe(401);

    const audit = rows<{ action: string; actor: string; target: string }>("SELECT action, actor, target FROM audit_log WHERE target = 'email:target@acme.example' AND action LIKE 'auth.%' ORDER BY id");
    expect(audit.filter((a) => a.action === 'auth.sign-in.failure').length).toBe(5);
    expect(audit.filter((a) => a.action === 'auth.lockout').length).toBe(2);
    expect(audit.every((a) => a.actor.startsWith('address:') || a.actor.startsWith('system:'))).toBe(true);
  });

  it('limits one client address across emails', async () => {
    const other = await startRegistry({ dbPath: db.dbPath.replace('registry.sqlite', 'address.sqlite'), adminToken: TOKEN, rateLimit: false, accounts: { now: () => clock, lockout: { accountBudget: 100, addressBudget: 4, baseDelayMs: 5_000 } } });
    try {
      for (let i = 0; i < 4; i++) expect((await fetch(`${other.url}/v1/auth/sign-in`, { method: 'POST', body: JSON.stringify({ email: `spray${i}@x.example`, password: 'spray password' }) })).status).toBe(401);
      const r = await fetch(`${other.url}/v1/auth/sign-in`, { method: 'POST', body: JSON.stringify({ email: 'spray99@x.example', password: 'spray password' }) });
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('5');
    } finally {
      await other.close();
    }
  });
});

describe('cookie and session', () => {
  it('sets HttpOnly, SameSite=Strict, Path=/, Max-Age of 7 days, no Secure over plain HTTP; stores only a hash of the id', async () => {
    const s = await inviteAndAccept(reg.url, { email: 'cookie@acme.example', uscc: ACME });
    const c = s.setCookie;
    expect(c).toMatch(/^zj_session=[\w-]{43};/);
    expect(c).toContain('HttpOnly');
    expect(c).toContain('SameSite=Strict');
    expect(c).toContain('Path=/');
    expect(c).toContain(`Max-Age=${7 * 24 * 3600}`);
    expect(c).not.toContain('Secure');
    const id = s.cookie.split('=')[1]!;
    const stored = rows<{ id_hash: string }>('SELECT id_hash FROM sessions').map((r) => r.id_hash);
    expect(stored).not.toContain(id);
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('marks the cookie Secure with secureCookies', async () => {
    const other = await startRegistry({ dbPath: db.dbPath.replace('registry.sqlite', 'secure.sqlite'), adminToken: TOKEN, rateLimit: false, accounts: { secureCookies: true } });
    try {
      const { link } = await invite(other.url, { email: 'sec@x.example', role: 'staff' });
      const s = await accept(other.url, link.split('#')[1]!);
      expect(s.setCookie).toContain('Secure');
    } finally {
      await other.close();
    }
  });

  it('never accepts a cookie it did not issue, and issues a new id on every sign-in (no fixation)', async () => {
    await inviteAndAccept(reg.url, { email: 'fix@acme.example', uscc: ACME });
    const planted = 'zj_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(await slug(await fetch(`${reg.url}/v1/auth/me`, { headers: { cookie: planted } }))).toBe('session-required');
    // Signing in with the planted cookie: the answer sets a different id, and the planted one stays dead.
    const res = await post('/v1/auth/sign-in', { email: 'fix@acme.example', password: PASSWORD }, { cookie: planted });
    expect(res.status).toBe(200);
    expect(cookieOf(res)).not.toBe(planted);
    expect((await fetch(`${reg.url}/v1/auth/me`, { headers: { cookie: planted } })).status).toBe(401);
    // A real earlier session presented at sign-in is ended, not carried over.
    const first = clientOf(reg.url, res, (await res.json()) as never);
    const again = await post('/v1/auth/sign-in', { email: 'fix@acme.example', password: PASSWORD }, { cookie: first.cookie });
    expect(cookieOf(again)).not.toBe(first.cookie);
    expect((await first.fetch('/v1/auth/me')).status).toBe(401);
  });

  it('ends after 12 h idle, is pushed on by use, and ends 7 days after sign-in however busy', async () => {
    const s = await inviteAndAccept(reg.url, { email: 'clock@acme.example', uscc: ACME });
    clock += 11 * HOUR;
    const me = await s.fetch('/v1/auth/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as { session: { idleExpiresAt: string; expiresAt: string } };
    expect(Date.parse(body.session.idleExpiresAt)).toBe(clock + 12 * HOUR);
    clock += 11 * HOUR; // 22 h after sign-in, 11 h after the last request
    expect((await s.fetch('/v1/auth/me')).status).toBe(200);
    for (let day = 0; day < 6; day++) {
      clock += 11 * HOUR;
      expect((await s.fetch('/v1/auth/me')).status).toBe(200);
    }
    // 22 h + 66 h = 88 h; keep going in 11 h steps until past 7 days (168 h).
    for (let t = 88 + 11; t < 168; t += 11) {
      clock += 11 * HOUR;
      expect((await s.fetch('/v1/auth/me')).status).toBe(200);
    }
    clock += 11 * HOUR;
    const ended = await s.fetch('/v1/auth/me');
    expect(ended.status).toBe(401);
    expect(ended.headers.getSetCookie()[0]).toMatch(/^zj_session=;/);

    const idle = await signIn(reg.url, 'clock@acme.example');
    clock += 12 * HOUR + 1;
    expect(await slug(await idle.fetch('/v1/auth/me'))).toBe('session-required');
  });

  it('ends the sessions of a disabled account, which then cannot sign in', async () => {
    const s = await inviteAndAccept(reg.url, { email: 'gone@acme.example', uscc: ACME });
    const r = await fetch(`${reg.url}/v1/admin/accounts/${s.account.id}/disable`, { method: 'POST', headers: AUTH });
    expect(r.status).toBe(200);
    expect((await s.fetch('/v1/auth/me')).status).toBe(401);
    expect((await post('/v1/auth/sign-in', { email: 'gone@acme.example', password: PASSWORD })).status).toBe(401);
    const list = (await (await fetch(`${reg.url}/v1/admin/accounts`, { headers: AUTH })).json()) as { items: { email: string; disabledAt: string | null }[] };
    expect(list.items.find((a) => a.email === 'gone@acme.example')?.disabledAt).not.toBeNull();
  });
});

describe('invitation expiry', () => {
  it('answers invitation-expired after 72 h', async () => {
    const { token } = await invite(reg.url, { email: 'late@acme.example', uscc: ACME });
    clock += 72 * HOUR;
    const r = await post('/v1/auth/accept', { token, password: PASSWORD });
    expect(r.status).toBe(410);
    expect(await slug(r)).toBe('invitation-expired');
  });
});

describe('CSRF', () => {
  it('refuses a missing, wrong, or cross-origin request on every unsafe route that uses the cookie', async () => {
    const staff = await inviteAndAccept(reg.url, { email: 'csrf@zjmade.example', role: 'staff' });
    const routes: [string, unknown][] = [
      ['/v1/auth/sign-out', {}],
      ['/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'another passphrase 9' }],
      ['/v1/admin/invitations', { email: 'csrf-victim@acme.example', uscc: ACME }],
      [`/v1/admin/accounts/${staff.account.id}/disable`, {}],
    ];
    for (const [path, body] of routes) {
      const missing = await staff.fetch(path, { method: 'POST', json: body, headers: { 'x-csrf-token': '' } });
      expect([path, missing.status, await slug(missing)]).toEqual([path, 403, 'csrf']);
      const wrong = await staff.fetch(path, { method: 'POST', json: body, headers: { 'x-csrf-token': 'x'.repeat(43) } });
      expect([path, wrong.status]).toEqual([path, 403]);
      const foreign = await staff.fetch(path, { method: 'POST', json: body, headers: { origin: 'https://evil.example' } });
      expect([path, foreign.status, await slug(foreign)]).toEqual([path, 403, 'csrf']);
      const site = await staff.fetch(path, { method: 'POST', json: body, headers: { 'sec-fetch-site': 'cross-site' } });
      expect([path, site.status]).toEqual([path, 403]);
    }
    // None of it took effect: the session lives, the password is unchanged, nobody was invited.
    expect((await staff.fetch('/v1/auth/me')).status).toBe(200);
    expect((await signIn(reg.url, 'csrf@zjmade.example')).account.id).toBe(staff.account.id);
    expect(rows("SELECT * FROM invitations WHERE email = 'csrf-victim@acme.example'").length).toBe(0);
  });

  it('refuses sign-in and accept from a foreign page (login CSRF)', async () => {
    const { token } = await invite(reg.url, { email: 'login-csrf@acme.example', uscc: ACME });
    const a = await post('/v1/auth/accept', { token, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(await slug(a)).toBe('csrf');
    await accept(reg.url, token);
    const s = await post('/v1/auth/sign-in', { email: 'login-csrf@acme.example', password: PASSWORD }, { 'sec-fetch-site': 'cross-site' });
    expect(s.status).toBe(403);
    expect(s.headers.getSetCookie()).toEqual([]);
  });

  it('exempts the admin bearer token (automation) and audits it as its own actor', async () => {
    const r = await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json', 'x-zjmade-actor': 'ops-bot' }, body: JSON.stringify({ email: 'bot-invited@acme.example', uscc: ACME }) });
    expect(r.status).toBe(201);
    const last = rows<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'invitation.create' ORDER BY id DESC LIMIT 1")[0]!;
    expect(last.actor).toMatch(/^ops-bot@/);
    expect((await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { authorization: 'Bearer wrong-token', 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${reg.url}/v1/admin/accounts`, { headers: AUTH })).status).toBe(200);
    // …and a session does not open the token-only admin routes.
    const staff = await signIn(reg.url, 'csrf@zjmade.example');
    expect((await staff.fetch('/v1/admin/audit')).status).toBe(401);
  });
});

/**
 * Runs the CLI without blocking this process: the registry under test lives in it, and a
 * synchronous spawn froze its keep-alive timers with fetch's, so both fired together afterwards and
 * the next request went out on a socket the server was closing ("fetch failed").
 */
function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, ...args], { cwd: ROOT, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('CLI invite', () => {
  it('prints a one-time link that sets the password and signs in', async () => {
    const r = await runCli(['invite', '--db', db.dbPath, '--uscc', ACME, '--email', 'cli-user@acme.example', '--base-url', reg.url]);
    expect(r.status).toBe(0);
    const link = r.stdout.trim();
    expect(link).toMatch(new RegExp(`^${reg.url.replace(/[.]/g, '\\.')}/portal/accept#[\\w-]{43}$`));
    expect(r.stderr).toContain('valid until');
    // The CLI's clock is the real one; the server's is far ahead only if tests moved it: accept
    // checks against the server clock, so bring it back for this link.
    clock = Date.now();
    const s = await accept(reg.url, link.split('#')[1]!);
    expect(s.account).toMatchObject({ email: 'cli-user@acme.example', role: 'enterprise', uscc: ACME });
    const again = await runCli(['invite', '--db', db.dbPath, '--uscc', ACME, '--email', 'cli-user@acme.example']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('conflict');
  });
});
