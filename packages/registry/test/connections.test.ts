// Issue 14: a flood of idle connections must not starve other clients. Real server on loopback;
// the flood comes from 127.0.0.x addresses (all loopback on Linux), the fresh client from another.
// Every loop is bounded and every socket is destroyed at the end.
import { createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyConnectionLimits, type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from '../src/http/connection-limits.js';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { smallRegistry, tempDb } from './fixtures.js';
import { eventually } from './integrity-helpers.js';

const sockets: Socket[] = [];
const running: RunningRegistry[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const r of running.splice(0)) await r.close();
  for (const c of cleanups.splice(0)) c();
});

async function serve(connections: Partial<ConnectionLimits>) {
  const db = tempDb(smallRegistry());
  cleanups.push(db.cleanup);
  const reg = await startRegistry({ dbPath: db.dbPath, rateLimit: false, connections });
  running.push(reg);
  return reg;
}

/**
 * Opens `n` TCP connections from `localAddress` that send `send` (default nothing) and then idle,
 * in batches; each batch waits until the server has accepted or dropped it (a client's `connect`
 * only means the kernel queued it).
 */
async function flood(reg: RunningRegistry, n: number, localAddress: string, send = ''): Promise<Socket[]> {
  const opened: Socket[] = [];
  for (let i = 0; i < n; i += 100) {
    const before = await reg.openConnections();
    const batch = Array.from({ length: Math.min(100, n - i) }, () => {
      const s = connect({ host: '127.0.0.1', port: reg.port, localAddress });
      s.on('error', () => {}); // a reset from the server is the point
      // Read what the server sends (a 408), or its close stays unseen behind the unread data.
      s.on('data', (d: Buffer) => {
        if (d.toString('latin1').startsWith('HTTP/1.1 408')) timedOut.add(s);
      });
      sockets.push(s);
      opened.push(s);
      return new Promise<void>((resolve) => {
        s.once('connect', () => {
          if (send) s.write(send);
          resolve();
        });
        s.once('close', () => resolve());
      });
    });
    await Promise.all(batch);
    // Accepted (counted) or dropped (closed on our side): either way the server has seen it.
    const end = Date.now() + 5_000;
    while ((await reg.openConnections()) - before + closedSince(opened, i) < batch.length && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  }
  return opened;
}

const closedSince = (list: Socket[], from: number) => list.slice(from).filter((s) => s.destroyed || s.readyState !== 'open').length;

/** Sockets that were answered 408 Request Timeout. */
const timedOut = new WeakSet<Socket>();

const open = (list: Socket[]) => list.filter((s) => !s.destroyed && s.readyState === 'open').length;

/** GET /v1/health from a given local address; the status, or the error code. */
function health(reg: RunningRegistry, localAddress: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: reg.port, path: '/v1/health', localAddress, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end();
  });
}

describe('connection limits', () => {
  it('one address holding 2,000 idle connections gets its cap; a fresh client is answered; idle sockets close after the timeout', async () => {
    const reg = await serve({ maxConnectionsPerAddress: 100, idleTimeoutMs: 4_000, headersTimeoutMs: 4_000, requestTimeoutMs: 4_000 });
    const held = await flood(reg, 2_000, '127.0.0.1');
    // The server drops what is over the cap at once.
    expect(await eventually(async () => open(held) <= 100, 3_000)).toBe(true);
    expect(open(held)).toBeGreaterThan(0);
    expect(await health(reg, '127.0.0.2')).toBe(200);
    // The flooding address itself gets nothing more while it holds its cap.
    expect(await health(reg, '127.0.0.1')).not.toBe(200);
    // Idle connections do not stay: the server closes them after the idle timeout.
    expect(await eventually(async () => open(held) === 0, 15_000)).toBe(true);
    expect(await health(reg, '127.0.0.1')).toBe(200);
  });

  it('3,000 idle and half-sent connections from 30 addresses, each under its cap: a fresh client is answered; half-sent requests get 408, and every socket is closed', async () => {
    const reg = await serve({ maxConnectionsPerAddress: 200, idleTimeoutMs: 8_000, headersTimeoutMs: 4_000, requestTimeoutMs: 4_000 });
    const idle: Socket[] = [];
    const halfSent: Socket[] = [];
    for (let a = 10; a < 40; a++) {
      idle.push(...(await flood(reg, 50, `127.0.1.${a}`)));
      // Slowloris: a request line, a header, and then nothing.
      halfSent.push(...(await flood(reg, 50, `127.0.2.${a}`, 'GET /v1/health HTTP/1.1\r\nHost: x\r\n')));
    }
    expect(await reg.openConnections()).toBeGreaterThanOrEqual(2_900);
    expect(await health(reg, '127.0.0.250')).toBe(200);
    expect(await eventually(async () => open(halfSent) === 0 && open(idle) === 0, 25_000)).toBe(true);
    expect(halfSent.filter((s) => timedOut.has(s)).length).toBe(halfSent.length);
    expect(await reg.openConnections()).toBe(0);
    expect(await health(reg, '127.0.0.251')).toBe(200);
  }, 60_000);

  it('defaults are shorter than Node\'s own and fit under the open-file limit', () => {
    const s = createServer();
    applyConnectionLimits(s);
    expect({ headers: s.headersTimeout, request: s.requestTimeout, keepAlive: s.keepAliveTimeout, idle: s.timeout, perSocket: s.maxRequestsPerSocket, max: s.maxConnections }).toEqual({
      headers: DEFAULT_CONNECTION_LIMITS.headersTimeoutMs,
      request: DEFAULT_CONNECTION_LIMITS.requestTimeoutMs,
      keepAlive: DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs,
      idle: DEFAULT_CONNECTION_LIMITS.idleTimeoutMs,
      perSocket: DEFAULT_CONNECTION_LIMITS.maxRequestsPerSocket,
      max: DEFAULT_CONNECTION_LIMITS.maxConnections,
    });
    expect(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs).toBeLessThan(60_000);
    expect(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs).toBeLessThan(300_000);
    s.close();
  });
});
