import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { TrustedKey } from '@zjmade/sdk';
import type { AccountOptionsInput } from './accounts/options.js';
import { type AppOptions, createApp } from './http/app.js';
import { unparsableRequest, withAsteriskForm } from './http/asterisk.js';
import { withoutBodilessContentType } from './http/bodiless.js';
import { loadSampleData } from './sample-data.js';
import type { AuthFailureOptions } from './http/auth-failures.js';
import { applyConnectionLimits, type ConnectionLimits } from './http/connection-limits.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import { resolveClientAddress, trustedProxies } from './http/trust-proxy.js';
import { keygen } from './keys/keygen.js';
import { type Notifier, type NotifyOptionsInput, startNotifier } from './notify/index.js';
import { exportTree } from './publish/export-tree.js';
import { POINTER_RESIGN_MS } from './publish/pointer.js';
import type { PublishResult } from './publish/publish.js';
import { createService, type RegistryService } from './service.js';
import { registryEvents } from './services/events.js';
import { openDb } from './store/db.js';
import { repositories, writeRegistryData } from './store/repositories.js';

export interface StartRegistryOptions {
  /** SQLite file; default a fresh file in a temp directory, removed on close. */
  dbPath?: string;
  /** Load the sample registry when the database has no enterprises yet. */
  sample?: boolean | { scale?: number; asOf?: string; seed?: number };
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Admin bearer token; default `ZJMADE_ADMIN_TOKEN`. Without one the admin API is disabled. */
  adminToken?: string;
  /** Where private signing keys live; default `keys/` beside the database. */
  keyDir?: string;
  snapshotTtlHours?: number;
  rateLimit?: false | RateLimitOptions;
  /** Backoff on wrong tokens; on by default, even with `rateLimit: false`. */
  authFailures?: false | Partial<AuthFailureOptions>;
  /** Progress and lifecycle messages; default silent. */
  log?: (message: string) => void;
  /** Encode snapshots in a worker thread (default true for a database file); `false` for comparisons. */
  encodeInWorker?: boolean;
  /** Keep a published tree (see `exportTree`) in this directory: after each publish, and re-signed every 10 minutes. */
  exportDir?: string;
  /** Accounts and sessions: lifetimes, lockout, `secureCookies`, an injected clock. */
  accounts?: AccountOptionsInput;
  /**
   * Reverse proxies (addresses, CIDRs) whose `X-Forwarded-For` names the client for rate limits,
   * token backoff and audit actors. Default none: the socket peer is the client.
   */
  trustProxy?: readonly string[];
  /** Timeouts and connection caps of the HTTP server (see `DEFAULT_CONNECTION_LIMITS`). */
  connections?: Partial<ConnectionLimits>;
  /** Webhook delivery (retry schedule, timeouts, `allowLoopback` for dev); `false` runs no delivery loop. */
  webhooks?: NotifyOptionsInput | false;
}

export interface RunningRegistry {
  url: string;
  port: number;
  jwks: { keys: TrustedKey[] };
  /** Time the last publish took, in ms. */
  lastPublishMs: number | undefined;
  service: RegistryService;
  /** Connections the HTTP server holds open now. */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

const ms = (n: number | undefined) => `${Math.round(n ?? 0)} ms`;
const publishLine = (r: PublishResult) =>
  `published ${r.full ? `full snapshot (${r.fullReason}, ${r.full.bytes.byteLength} bytes) and ` : ''}delta ${r.sequence} (${r.delta ? `${r.delta.bytes} bytes` : 'none'}) in ${ms(r.ms.total)}: load ${ms(r.ms.load)}, encode ${ms(r.ms.encode)}, snapshot ${ms(r.ms.snapshot)}, sign ${ms(r.ms.sign)}, store ${ms(r.ms.store)}, open ${ms(r.ms.open)}`;

/**
 * Opens (or creates) the database, seeds sample data when asked and empty, makes a signing key when
 * none exists, publishes a snapshot and listens. `close()` stops the server, then the database.
 */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<RunningRegistry> {
  const log = opts.log ?? (() => {});
  const tempDir = opts.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'zjmade-registry-'));
  const dbPath = opts.dbPath ?? join(tempDir!, 'registry.sqlite');
  const keyDir = opts.keyDir ?? join(dirname(dbPath), 'keys');
  // Before the database opens: a typo in the list fails without leaving anything behind.
  const trusted = opts.trustProxy?.length ? trustedProxies(opts.trustProxy) : undefined;
  const db = openDb(dbPath);
  const repos = repositories(db);
  let server: Server | undefined;
  let service: RegistryService | undefined;
  let exportTimer: NodeJS.Timeout | undefined;
  let notifier: Notifier | undefined;
  // One export at a time; a failure is logged and the next publish or renewal tries again.
  let exporting: Promise<unknown> = Promise.resolve();
  const exportNow = () => {
    const dir = opts.exportDir;
    if (!dir) return;
    exporting = exporting.then(() => exportTree(repos, keyDir, dir).catch((e: unknown) => log(`export to ${dir} failed: ${String(e)}`)));
  };
  try {
    if (opts.sample) {
      const empty = (db.prepare('SELECT COUNT(*) AS n FROM enterprises').get() as { n: number }).n === 0;
      if (empty) {
        const s = typeof opts.sample === 'object' ? opts.sample : {};
        const t = performance.now();
        const { generateRegistry } = await loadSampleData('serve --sample');
        const data = generateRegistry({ ...(s.scale !== undefined ? { scale: s.scale } : {}), ...(s.asOf !== undefined ? { asOf: s.asOf } : {}), ...(s.seed !== undefined ? { seed: s.seed } : {}) });
        db.transaction(() => {
          writeRegistryData(repos, data);
          repos.audit.record({ actor: 'system', action: 'import.sample', target: 'registry', before: null, after: { enterprises: data.enterprises.length, evaluations: data.evaluations.length, bindings: data.bindings.length } });
        })();
        log(`loaded sample registry (${data.evaluations.length} evaluations, ${data.bindings.length} bindings) in ${Math.round(performance.now() - t)} ms`);
      }
    }
    if (!repos.keys.active()) {
      const k = await keygen(repos, keyDir);
      log(`generated signing key ${k.kid} (${k.file})`);
    }
    service = createService(repos, { keyDir, ...(opts.snapshotTtlHours !== undefined ? { ttlHours: opts.snapshotTtlHours } : {}), ...(opts.encodeInWorker !== undefined ? { encodeInWorker: opts.encodeInWorker } : {}), onError: (e) => log(`publish failed: ${String(e)}`),
      onPublish: (r) => {
        log(publishLine(r));
        exportNow();
      },
      onProblem: (p) => log(`publish: ${p.record} has an unusable ${p.field} "${p.value}" (${p.action}); fix the record`),
    });
    await service.start();
    if (opts.exportDir) {
      exportNow();
      exportTimer = setInterval(exportNow, POINTER_RESIGN_MS);
      exportTimer.unref();
    }
    const appOpts: AppOptions = { rateLimit: opts.rateLimit ?? {}, ...(opts.authFailures !== undefined ? { authFailures: opts.authFailures } : {}) };
    const token = opts.adminToken ?? process.env.ZJMADE_ADMIN_TOKEN;
    if (token) appOpts.adminToken = token;
    if (opts.accounts) appOpts.accounts = opts.accounts;
    if (opts.webhooks !== false) notifier = appOpts.webhooks = startNotifier(repos, registryEvents(repos), { log, ...opts.webhooks });
    const app = createApp(service, appOpts);
    const host = opts.host ?? '127.0.0.1';
    const port = await new Promise<number>((resolve, reject) => {
      // What `serve` of @hono/node-server does, plus the `OPTIONS *` form it cannot parse and
      // problem+json for other requests it cannot parse.
      const listener = withAsteriskForm(withoutBodilessContentType(getRequestListener(app.fetch, { hostname: host, errorHandler: unparsableRequest })));
      const s = createServer(
        trusted
          ? (req, res) => {
              resolveClientAddress(req, trusted);
              listener(req, res);
            }
          : listener,
      );
      applyConnectionLimits(s, opts.connections, trusted);
      server = s;
      s.once('error', reject);
      // A deep accept queue: a burst of connects waits its turn rather than hanging half-open.
      s.listen({ port: opts.port ?? 0, host, backlog: 2048 }, () => resolve((s.address() as AddressInfo).port));
    });
    const svc = service;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    let closed = false;
    return {
      url: `http://${urlHost}:${port}`,
      port,
      jwks: svc.jwks(),
      get lastPublishMs() {
        return svc.lastPublishMs();
      },
      service: svc,
      openConnections: () => new Promise<number>((resolve, reject) => server!.getConnections((e, n) => (e ? reject(e) : resolve(n)))),
      async close() {
        if (closed) return;
        closed = true;
        svc.stop();
        await notifier?.stop();
        if (exportTimer) clearInterval(exportTimer);
        await exporting;
        await new Promise<void>((resolve) => {
          const s = server!;
          s.close(() => resolve());
          // Keep-alive sockets would otherwise hold close() open.
          if ('closeAllConnections' in s && typeof s.closeAllConnections === 'function') s.closeAllConnections();
        });
        db.close();
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    service?.stop();
    void notifier?.stop();
    server?.close();
    db.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
}
