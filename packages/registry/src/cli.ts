#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TrustedKey } from '@zjmade/sdk';
import { Command, InvalidArgumentError } from 'commander';
import { AccountRejection } from './accounts/rejection.js';
import { ROLES, type Role } from './accounts/roles.js';
import { publishAdapters } from './adapters/publish-adapters.js';
import { importFiles } from './import/import-files.js';
import { keygen } from './keys/keygen.js';
import { retireBlocker } from './keys/retire-guard.js';
import type { NotifyOptionsInput } from './notify/index.js';
import { exportTree } from './publish/export-tree.js';
import { DEFAULT_TTL_HOURS, publishSnapshot } from './publish/publish.js';
import { trustedProxies } from './http/trust-proxy.js';
import { startReplica } from './replica.js';
import { startRegistry } from './server.js';
import { createAccountService } from './services/accounts.js';
import { openDb } from './store/db.js';
import { repositories } from './store/repositories.js';

const DEFAULT_DB = './registry.sqlite';

function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function list(value: string): string[] {
  const entries = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  try {
    trustedProxies(entries);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
  return entries;
}

const keyDirOf = (db: string, keyDir: string | undefined) => resolve(keyDir ?? join(dirname(resolve(db)), 'keys'));

const program = new Command();
program.name('zjmade-registry').description('The zjmade reference registry: serve, import lists, manage keys, publish signed snapshots.');

/** The serve flags for webhook delivery (see notify/options.ts for the defaults). */
function webhookOptions(o: { webhooksAllowLoopback?: boolean; webhooksRetry?: string[]; webhooksTimeout?: number }): NotifyOptionsInput {
  const retry = o.webhooksRetry?.map((s) => {
    const n = Number(s);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`--webhooks-retry: ${s} is not a positive number of seconds`);
    return n * 1000;
  });
  return {
    ...(o.webhooksAllowLoopback ? { allowLoopback: true } : {}),
    ...(retry ? { retrySchedule: retry } : {}),
    ...(o.webhooksTimeout !== undefined ? { attemptTimeoutMs: o.webhooksTimeout * 1000 } : {}),
  };
}

program
  .command('serve')
  .description('Start the HTTP API (listens on 127.0.0.1 unless --host says otherwise)')
  .option('--port <n>', 'port', int, 8787)
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--key-dir <dir>', 'private signing keys (default: keys/ beside the database)')
  .option('--sample', 'load the synthetic sample registry when the database is empty')
  .option('--sample-scale <n>', 'scale of the sample registry', positive)
  .option('--ttl-hours <n>', 'snapshot lifetime', positive, DEFAULT_TTL_HOURS)
  .option('--no-rate-limit', 'turn rate limiting off (benchmarks only)')
  .option('--export <dir>', 'keep a published tree for a static host in DIR (after each publish; pointer re-signed every 10 minutes)')
  .option('--follow <url>', 'run a read-only /v1/verify replica of the published tree at URL (no database)')
  .option('--trusted-keys <file>', 'with --follow: JWKS file of the keys to trust (pinned, never fetched from URL)')
  .option('--follow-interval <s>', 'with --follow: seconds between looks at latest.json', positive, 30)
  .option('--trust-proxy <list>', 'comma-separated proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8) whose X-Forwarded-For names the client', list)
  .option('--max-connections <n>', 'open connections in all (default 10000)', int)
  .option('--max-connections-per-address <n>', 'open connections per client address, 0 for no cap; trusted proxies are exempt (default 256)', int)
  .option('--secure-cookies', 'mark the session cookie Secure even over HTTP (behind a TLS-terminating proxy)')
  .option('--webhooks-allow-loopback', 'dev only: let webhook endpoints be http(s) to loopback (private addresses stay refused)')
  .option('--webhooks-retry <seconds>', 'comma-separated delays between webhook retries (default 5,300,1800,7200,18000,36000,36000)', (v: string) => v.split(',').map((x) => x.trim()))
  .option('--webhooks-timeout <s>', 'seconds one webhook attempt may take (default 15)', positive)
  .option('--no-webhooks', 'run no webhook delivery loop (another registry process on the same database delivers)')
  .action(async (o: { webhooksAllowLoopback?: boolean; webhooksRetry?: string[]; webhooksTimeout?: number; webhooks: boolean; secureCookies?: boolean; port: number; host: string; db: string; keyDir?: string; sample?: boolean; sampleScale?: number; ttlHours: number; rateLimit: boolean; export?: string; follow?: string; trustedKeys?: string; followInterval: number; trustProxy?: string[]; maxConnections?: number; maxConnectionsPerAddress?: number }) => {
    const log = (m: string) => process.stderr.write(`zjmade-registry: ${m}\n`);
    if (o.follow) {
      if (!o.trustedKeys) throw new InvalidArgumentError('--follow needs --trusted-keys FILE (a JWKS of the keys to trust)');
      const jwks = JSON.parse(readFileSync(resolve(o.trustedKeys), 'utf8')) as { keys?: TrustedKey[] };
      if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new InvalidArgumentError(`${o.trustedKeys} has no keys`);
      const replica = await startReplica({ follow: o.follow, trustedKeys: jwks.keys, port: o.port, host: o.host, intervalMs: o.followInterval * 1000, rateLimit: o.rateLimit, log });
      log(`replica listening on ${replica.url}, following ${o.follow} (snapshot ${replica.follower.current()?.stored.sequence ?? 'none yet'})`);
      const stopReplica = () => replica.close().then(() => process.exit(0));
      process.on('SIGTERM', stopReplica);
      process.on('SIGINT', stopReplica);
      return;
    }
    const reg = await startRegistry({
      dbPath: resolve(o.db),
      keyDir: keyDirOf(o.db, o.keyDir),
      port: o.port,
      host: o.host,
      ...(o.secureCookies ? { accounts: { secureCookies: true } } : {}),
      snapshotTtlHours: o.ttlHours,
      ...(o.sample ? { sample: o.sampleScale ? { scale: o.sampleScale } : true } : {}),
      ...(o.rateLimit ? {} : { rateLimit: false as const }),
      ...(o.export ? { exportDir: resolve(o.export) } : {}),
      ...(o.trustProxy ? { trustProxy: o.trustProxy } : {}),
      webhooks: o.webhooks ? webhookOptions(o) : false,
      connections: {
        ...(o.maxConnections !== undefined ? { maxConnections: o.maxConnections } : {}),
        ...(o.maxConnectionsPerAddress !== undefined ? { maxConnectionsPerAddress: o.maxConnectionsPerAddress } : {}),
      },
      log,
    });
    const seq = reg.service.current()?.stored.sequence;
    log(`listening on ${reg.url} (snapshot ${seq ?? 'none'}; admin API ${process.env.ZJMADE_ADMIN_TOKEN ? 'enabled' : 'disabled: set ZJMADE_ADMIN_TOKEN'})`);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: shutting down`);
      reg.close().then(
        () => process.exit(0),
        (e: unknown) => {
          log(`shutdown failed: ${String(e)}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });

program
  .command('import')
  .description('Import CSV/XLSX lists and sample-data directories in one transaction')
  .argument('<files...>', 'files (.csv, .xlsx) or sample-data directories')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--skip-invalid', 'import the good rows and list the bad ones')
  .option('--allow-reinstate', 'let rows make a suspended, withdrawn, cancelled or expired evaluation valid again (each is listed)')
  .option('--progress', 'print progress to stderr even without a terminal')
  .action(async (files: string[], o: { db: string; skipInvalid?: boolean; allowReinstate?: boolean; progress?: boolean }) => {
    const db = openDb(resolve(o.db));
    try {
      const repos = repositories(db);
      const progress = process.stderr.isTTY ? 'bar' : o.progress ? 'lines' : 'off';
      const r = await importFiles(repos, files, { skipInvalid: o.skipInvalid === true, allowReinstate: o.allowReinstate === true, progress });
      for (const e of r.errors) process.stderr.write(`${e.file}:${e.row}: ${e.reason}\n`);
      for (const n of [...r.reinstated, ...r.notices]) process.stdout.write(`${n.file}:${n.row}: ${n.id} ${n.message}\n`);
      if (r.committed) {
        process.stdout.write(`imported ${r.imported} of ${r.rows} rows${r.errors.length ? ` (${r.errors.length} skipped)` : ''}\n`);
      } else {
        process.stderr.write(`import aborted: ${r.errors.length} bad row(s); nothing was written (use --skip-invalid to import the good rows)\n`);
        process.exitCode = 1;
      }
    } finally {
      db.close();
    }
  });

program
  .command('keygen')
  .description('Generate an Ed25519 signing key (private JWK file mode 0600) and make it active')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--key-dir <dir>', 'where to write the private key (default: keys/ beside the database)')
  .option('--kid <id>', 'key id (default: the JWK thumbprint)')
  .option('--standby', 'add the key without activating it (publish it in JWKS ahead of a rotation)')
  .action(async (o: { db: string; keyDir?: string; kid?: string; standby?: boolean }) => {
    const db = openDb(resolve(o.db));
    try {
      const k = await keygen(repositories(db), keyDirOf(o.db, o.keyDir), { ...(o.kid ? { kid: o.kid } : {}), activate: !o.standby });
      process.stdout.write(`${k.kid} ${k.active ? 'active' : 'standby'} ${k.file}\n`);
    } finally {
      db.close();
    }
  });

program
  .command('keys')
  .description('List signing keys, or change one: keys activate KID | keys retire KID')
  .argument('[action]', 'list | activate | retire', 'list')
  .argument('[kid]', 'key id')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .action(async (action: string, kid: string | undefined, o: { db: string }) => {
    const db = openDb(resolve(o.db));
    try {
      const repos = repositories(db);
      if (action === 'list') {
        for (const k of repos.keys.all()) process.stdout.write(`${k.kid}\t${k.state}\t${k.createdAt}\n`);
        return;
      }
      if ((action !== 'activate' && action !== 'retire') || !kid) throw new InvalidArgumentError('usage: keys activate KID | keys retire KID');
      if (action === 'retire' && repos.keys.active()?.kid === kid) throw new Error('Activate another key before retiring the active one.');
      const blocker = action === 'retire' ? await retireBlocker(repos, kid) : undefined;
      if (blocker) throw new Error(blocker);
      const ok = action === 'activate' ? repos.keys.activate(kid) : repos.keys.retire(kid);
      if (!ok) throw new Error(`No usable key ${kid}.`);
      repos.audit.record({ actor: 'cli:keys', action: `key.${action}`, target: `key:${kid}`, before: null, after: { kid } });
      process.stdout.write(`${kid} ${action === 'activate' ? 'active' : 'retired'}; run publish (or restart serve) to sign with the current key\n`);
    } finally {
      db.close();
    }
  });

program
  .command('publish')
  .description('Publish a new signed snapshot from the database')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--key-dir <dir>', 'private signing keys (default: keys/ beside the database)')
  .option('--ttl-hours <n>', 'snapshot lifetime', positive, DEFAULT_TTL_HOURS)
  .action(async (o: { db: string; keyDir?: string; ttlHours: number }) => {
    const db = openDb(resolve(o.db));
    try {
      const r = await publishSnapshot(repositories(db), { keyDir: keyDirOf(o.db, o.keyDir), ttlHours: o.ttlHours });
      process.stdout.write(`snapshot ${r.sequence}: ${r.bytes.byteLength} bytes, key ${r.kid}, expires ${r.expiresAt} (${Math.round(r.ms.total)} ms)\n`);
    } finally {
      db.close();
    }
  });

program
  .command('export')
  .description('Write the published tree (immutable snapshot files + a freshly signed latest.json) for a static host')
  .argument('<dir>', 'output directory (served as the tree root)')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--key-dir <dir>', 'private signing keys (default: keys/ beside the database)')
  .action(async (dir: string, o: { db: string; keyDir?: string }) => {
    const db = openDb(resolve(o.db));
    try {
      const r = await exportTree(repositories(db), keyDirOf(o.db, o.keyDir), resolve(dir));
      process.stdout.write(`exported snapshot ${r.sequence} (${r.bytes} bytes) as ${r.snapshot}; latest.json signed now\n`);
    } finally {
      db.close();
    }
  });

program
  .command('adapters')
  .description('Sign a marketplace adapter document (selectors and placement, data only) and serve it at /v1/adapters')
  .argument('<file>', 'the adapter document (JSON)')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--key-dir <dir>', 'private signing keys (default: keys/ beside the database)')
  .action(async (file: string, o: { db: string; keyDir?: string }) => {
    const db = openDb(resolve(o.db));
    try {
      const payload: unknown = JSON.parse(readFileSync(resolve(file), 'utf8'));
      const signed = await publishAdapters(repositories(db), keyDirOf(o.db, o.keyDir), payload, 'cli:adapters');
      process.stdout.write(`adapter document signed with ${signed.kid}; served at /v1/adapters (and in an exported tree as adapters.json)\n`);
    } finally {
      db.close();
    }
  });

program
  .command('invite')
  .description('Invite a person (or reset a password): prints a one-time link to set the password')
  .requiredOption('--email <address>', 'the person\'s email address')
  .option('--uscc <code>', 'the enterprise (required for role enterprise)')
  .option('--role <role>', 'enterprise | staff | reviewer', 'enterprise')
  .option('--reset', 'a new password for an existing account (its sessions end when the link is used)')
  .option('--hours <n>', 'how long the link works', positive, 72)
  .option('--base-url <url>', 'where the registry (its /portal/ and /console/) is served', 'http://127.0.0.1:8787')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .action((o: { email: string; uscc?: string; role: string; reset?: boolean; hours: number; baseUrl: string; db: string }) => {
    if (!(ROLES as readonly string[]).includes(o.role)) throw new InvalidArgumentError(`--role is one of ${ROLES.join(', ')}`);
    const db = openDb(resolve(o.db));
    try {
      const accounts = createAccountService(repositories(db));
      const r = accounts.invite('cli:invite', { email: o.email, role: o.role as Role, uscc: o.uscc ?? null, purpose: o.reset ? 'reset' : 'invite', expiresInMs: o.hours * 3_600_000, baseUrl: o.baseUrl });
      process.stderr.write(`${r.invitation.purpose === 'reset' ? 'password reset' : 'invitation'} for ${r.invitation.email} (${r.invitation.role}${r.invitation.uscc ? ` ${r.invitation.uscc}` : ''}), valid until ${r.invitation.expiresAt}; the link works once:\n`);
      process.stdout.write(`${r.link}\n`);
    } catch (e) {
      if (e instanceof AccountRejection) throw new Error(`${e.slug}: ${e.message}`);
      throw e;
    } finally {
      db.close();
    }
  });

program.parseAsync().catch((e: unknown) => {
  process.stderr.write(`zjmade-registry: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
