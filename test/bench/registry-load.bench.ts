// Load test of the registry service (`pnpm bench registry`): the 1× sample registry on loopback
// with rate limiting off, autocannon against GET /v1/health, then POST /v1/verify with 60-listing
// batches (a search-results page). Reports requests/s of each, the ratio verify/health (target
// ≥ 0.6), verdicts/s and errors (must be 0), then the time an admin suspension takes to publish.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages/registry/src/cli.ts');
const DURATION_S = 10;
const CONNECTIONS = 10;
const BATCH = 60;
const BODIES = 40;
const TOKEN = 'bench-admin-token';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Request bodies like a search page: examples of every status (as URLs with titles) and bound keys.
 * With `at`, the server computes every verdict afresh (its verdict cache serves only "now").
 */
function verifyBodies(at?: string): string[] {
  const data = generateRegistry();
  const ex = pickExamples(data);
  const pool = [...Object.values(ex.byStatus).flat(), ...ex.unbackedClaims];
  const rand = prng(7);
  const bodies: string[] = [];
  for (let b = 0; b < BODIES; b++) {
    const listings: Array<{ url: string; text: string } | { key: string }> = [];
    for (let i = 0; i < BATCH; i++) {
      if (i % 2 === 0 && pool.length) {
        const e = pool[Math.floor(rand() * pool.length)]!;
        listings.push({ url: e.url, text: e.title });
      } else {
        listings.push({ key: data.bindings[Math.floor(rand() * data.bindings.length)]!.key });
      }
    }
    bodies.push(JSON.stringify(at ? { listings, at } : { listings }));
  }
  return bodies;
}

async function startServer(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'serve', '--sample', '--no-rate-limit', '--port', '0', '--db', join(dir, 'registry.sqlite')],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, ZJMADE_ADMIN_TOKEN: TOKEN } },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`registry exited: ${log}`)));
  });
  process.stdout.write(log);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function run(title: string, opts: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  console.log(`${title}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'zjmade-registry-bench-'));
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let failed = false;
try {
  const bodies = verifyBodies();
  const uncachedBodies = verifyBodies(new Date().toISOString());
  server = await startServer(dir);
  const { url } = server;

  const health = await run('GET /v1/health', { url: `${url}/v1/health` });
  const verify = await run(`POST /v1/verify (${BATCH} listings)`, {
    url: `${url}/v1/verify`,
    requests: bodies.map((body) => ({ method: 'POST' as const, path: '/v1/verify', headers: { 'content-type': 'application/json' }, body })),
  });

  const uncached = await run(`POST /v1/verify (${BATCH} listings, explicit at: no verdict cache)`, {
    url: `${url}/v1/verify`,
    requests: uncachedBodies.map((body) => ({ method: 'POST' as const, path: '/v1/verify', headers: { 'content-type': 'application/json' }, body })),
  });

  const ratio = verify.requests.average / health.requests.average;
  const errors = [health, verify, uncached].reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0);
  console.log(`ratio uncached verify/health: ${(uncached.requests.average / health.requests.average).toFixed(2)} (${Math.round(uncached.requests.average * BATCH)} verdicts/s)`);
  console.log(`ratio verify/health: ${ratio.toFixed(2)} (target ≥ 0.6: ${ratio >= 0.6 ? 'met' : 'NOT met'})`);
  console.log(`verdicts/s: ${Math.round(verify.requests.average * BATCH)}`);
  console.log(`errors: ${errors}`);
  if (errors > 0) failed = true;

  // Publish latency at 1×: an admin suspension returns only after the new snapshot is live.
  const data = generateRegistry();
  const ids = data.evaluations.slice(0, 5).map((e) => e.id);
  const times: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    const r = await fetch(`${url}/v1/admin/evaluations/${encodeURIComponent(id)}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', reason: 'benchmark' }),
    });
    if (r.status !== 200) failed = true;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`admin suspension incl. publish (1×): median ${Math.round(times[2]!)} ms, min ${Math.round(times[0]!)} ms, max ${Math.round(times[4]!)} ms`);
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
