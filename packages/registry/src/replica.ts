import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { TrustedKey } from '@zjmade/sdk';
import { POINTER_MEDIA_TYPE } from '@zjmade/sdk/publisher';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { problem } from './http/problem.js';
import { publicCors } from './http/public-cors.js';
import { DEFAULT_PUBLIC_LIMIT, rateLimit } from './http/rate-limit.js';
import { verifyRoutes } from './http/routes/verify.js';
import { createFollower, type Follower } from './publish/follow.js';

export interface StartReplicaOptions {
  /** Base URL of the published tree to follow. */
  follow: string;
  trustedKeys: readonly TrustedKey[];
  port?: number;
  host?: string;
  intervalMs?: number;
  rateLimit?: boolean;
  log?: (message: string) => void;
}

export interface RunningReplica {
  url: string;
  follower: Follower;
  close(): Promise<void>;
}

/** The same verify body limit as the registry's own `/v1/verify`. */
const VERIFY_LIMIT = 1024 * 1024;

/**
 * A read-only `/v1/verify` replica: no database, no keys of its own, only a published tree to
 * follow and the keys to trust. Answers `/v1/verify` from the followed snapshot with the same code
 * as the registry, relays the upstream's signed pointer, and says in `/v1/health` how current it is.
 */
export async function startReplica(opts: StartReplicaOptions): Promise<RunningReplica> {
  const follower = createFollower({ url: opts.follow, trustedKeys: opts.trustedKeys, ...(opts.intervalMs ? { intervalMs: opts.intervalMs } : {}), ...(opts.log ? { log: opts.log } : {}) });
  await follower.start();
  const app = new Hono();
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, crossOriginEmbedderPolicy: false, referrerPolicy: 'no-referrer' }));
  app.use('*', publicCors());
  if (opts.rateLimit !== false) app.use('*', rateLimit(DEFAULT_PUBLIC_LIMIT));
  app.get('/v1/health', (c) => {
    const current = follower.current();
    const h = follower.health();
    const stale = current ? Date.now() >= Date.parse(current.stored.expiresAt) : true;
    const status = !current ? 'no-snapshot' : stale || h.lastError ? 'degraded' : 'ok';
    return c.json(
      {
        status,
        role: 'replica',
        following: opts.follow,
        sample: current?.verifier.info.meta.sample ?? null,
        snapshot: current ? { sequence: current.stored.sequence, issuedAt: current.stored.issuedAt, expiresAt: current.stored.expiresAt } : null,
        follow: { lastCheckAt: h.lastCheckAt, lastError: h.lastError },
      },
      current ? 200 : 503,
    );
  });
  app.route('/', verifyRoutes(follower, VERIFY_LIMIT));
  app.get('/v1/snapshot/latest', (c) => {
    const pointer = follower.health().pointer;
    if (!pointer) return problem(c, 'no-snapshot', 'The replica has not verified a pointer yet.');
    return c.body(pointer, 200, { 'Content-Type': POINTER_MEDIA_TYPE, 'Cache-Control': 'no-cache' });
  });
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: opts.trustedKeys }));
  app.notFound((c) => problem(c, 'not-found', `No route for ${c.req.method} ${c.req.path} on a read-only replica.`));
  app.onError((err, c) => {
    console.error('[zjmade-replica]', err);
    return problem(c, 'internal', 'The replica failed to answer this request.');
  });
  const host = opts.host ?? '127.0.0.1';
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, (info: AddressInfo) => resolve(info.port));
    server.once('error', reject);
  });
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    follower,
    async close() {
      follower.stop();
      await new Promise<void>((resolve) => {
        const s = server!;
        s.close(() => resolve());
        if ('closeAllConnections' in s && typeof s.closeAllConnections === 'function') s.closeAllConnections();
      });
    },
  };
}
