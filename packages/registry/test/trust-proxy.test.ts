// Issue 14: behind a reverse proxy, X-Forwarded-For names the client, but only when the socket
// peer is a listed proxy. Real servers on loopback; the peer is always 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { forwardedClient, trustedProxies } from '../src/http/trust-proxy.js';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { smallRegistry, tempDb } from './fixtures.js';
import { AUTH, TOKEN } from './integrity-helpers.js';

const running: RunningRegistry[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const c of cleanups.splice(0)) c();
});

async function serve(trustProxy: string[]): Promise<RunningRegistry> {
  const db = tempDb(smallRegistry());
  cleanups.push(db.cleanup);
  const reg = await startRegistry({
    dbPath: db.dbPath,
    adminToken: TOKEN,
    trustProxy,
    rateLimit: { public: { capacity: 2, refillPerSecond: 0.001 } },
    authFailures: { budget: 2 },
  });
  running.push(reg);
  return reg;
}

const health = (reg: RunningRegistry, forwardedFor?: string) => fetch(`${reg.url}/v1/health`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }).then((r) => r.status);

describe('trust proxy', () => {
  it('a trusted peer: each forwarded client has its own rate-limit bucket', async () => {
    const reg = await serve(['127.0.0.1']);
    expect([await health(reg, '203.0.113.1'), await health(reg, '203.0.113.1'), await health(reg, '203.0.113.1')]).toEqual([200, 200, 429]);
    // Spoofed entries to the left of the proxy's own are not believed: the rightmost untrusted counts.
    expect(await health(reg, '198.51.100.9, 203.0.113.1')).toBe(429);
    expect(await health(reg, '203.0.113.2')).toBe(200);
    // A chain through a second trusted proxy (127.0.0.1 again) still finds the client.
    expect(await health(reg, '203.0.113.3, 127.0.0.1')).toBe(200);
    expect(await health(reg, '203.0.113.3, 127.0.0.1')).toBe(200);
    expect(await health(reg, '203.0.113.3')).toBe(429);
  });

  it('an untrusted peer: X-Forwarded-For is ignored and the socket address counts', async () => {
    const reg = await serve(['10.0.0.0/8']);
    expect(await health(reg, '203.0.113.1')).toBe(200);
    expect(await health(reg, '203.0.113.2')).toBe(200);
    expect(await health(reg, '203.0.113.3')).toBe(429);
    expect(await health(reg)).toBe(429);
  });

  it('wrong-token backoff and the audit actor use the forwarded client', async () => {
    const reg = await serve(['127.0.0.0/8']);
    const wrong = (ip: string) => fetch(`${reg.url}/v1/admin/audit`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef', 'x-forwarded-for': ip } }).then((r) => r.status);
    expect([await wrong('192.0.2.1'), await wrong('192.0.2.1'), await wrong('192.0.2.1')]).toEqual([401, 401, 429]);
    expect(await wrong('192.0.2.2')).toBe(401);

    const publish = await fetch(`${reg.url}/v1/admin/publish`, { method: 'POST', headers: { ...AUTH, 'x-forwarded-for': '192.0.2.77', 'x-zjmade-actor': 'ops' } });
    expect(publish.status).toBeLessThan(300);
    const audit = await (await fetch(`${reg.url}/v1/admin/audit?limit=5`, { headers: { ...AUTH, 'x-forwarded-for': '192.0.2.78' } })).text();
    expect(audit).toContain('ops@192.0.2.77');
    expect(audit).not.toContain('ops@127.0.0.1');
  });

  it('without a list the socket peer is the client', async () => {
    const db = tempDb(smallRegistry());
    cleanups.push(db.cleanup);
    const reg = await startRegistry({ dbPath: db.dbPath, rateLimit: { public: { capacity: 1, refillPerSecond: 0.001 } } });
    running.push(reg);
    expect(await health(reg, '203.0.113.1')).toBe(200);
    expect(await health(reg, '203.0.113.2')).toBe(429);
  });
});

describe('forwardedClient', () => {
  const t = trustedProxies(['10.0.0.0/8', '::1', 'fd00::/8']);
  it('walks from the right past trusted hops', () => {
    expect(forwardedClient('10.1.2.3', '1.1.1.1, 2.2.2.2, 10.9.9.9', t)).toBe('2.2.2.2');
    expect(forwardedClient('::ffff:10.1.2.3', '2.2.2.2', t)).toBe('2.2.2.2');
    expect(forwardedClient('::1', ['1.1.1.1', 'fd00::5'], t)).toBe('1.1.1.1');
    expect(forwardedClient('10.1.2.3', '[2001:db8::1]:443', t)).toBe('2001:db8::1');
    expect(forwardedClient('10.1.2.3', '203.0.113.4:5123', t)).toBe('203.0.113.4');
  });
  it('believes nothing from an untrusted peer or past garbage', () => {
    expect(forwardedClient('192.0.2.1', '1.1.1.1', t)).toBe('192.0.2.1');
    expect(forwardedClient('10.1.2.3', undefined, t)).toBe('10.1.2.3');
    expect(forwardedClient('10.1.2.3', 'unknown', t)).toBe('10.1.2.3');
    expect(forwardedClient('10.1.2.3', '1.1.1.1, not-an-ip, 10.0.0.2', t)).toBe('10.0.0.2');
    expect(forwardedClient('10.1.2.3', '10.0.0.7, 10.0.0.2', t)).toBe('10.0.0.7');
  });
  it('rejects an entry that is no address or CIDR', () => {
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trustedProxies(['localhost'])).toThrow(/localhost/);
    expect(() => trustedProxies(['10.0.0.0/8/1'])).toThrow(RangeError);
    expect(trustedProxies([' 127.0.0.1 ', '']).entries).toEqual(['127.0.0.1']);
  });
});
