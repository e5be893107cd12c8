// Load test of the registry service (`pnpm bench registry`): the sample registry on loopback with
// rate limiting off, served by a child process (this file again, with ZJMADE_BENCH_SERVE set);
// autocannon runs in this process, so each has a core. The child starts the registry with the
// per-socket request cap off (`maxRequestsPerSocket: 0`): with the production default (1,000) the
// server answers `Connection: close` every 1,000 requests and autocannon counts each reconnect as
// an error; everything else is the production configuration. Rounds alternate GET /v1/health
// with POST /v1/verify carrying 60-listing batches (a search-results page): canonical keys
// `{ key }` as the SDK client and the extension send them, in the default compact answer (warm:
// after one pass over every body, so the verdict cache holds them; the headline figure) and
// cold (each listing `{ key, text: "" }`, which the cache never answers, so every verdict is
// computed and encoded: what a cold cache costs), with `?evidence=full` and `none`; a shop's page
// (shared evidence) compact and full; and URL strings (compact, never cached). Reports the median
// requests/s of each, the ratio verify/health (target ≥ 0.6), verdicts/s, bytes per answer,
// p99 and errors (must be 0), the load average, then the split times of the publish an admin
// suspension triggers. `-- --rounds N --seconds S --scale X` (sample scale, default 1).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRegistry, itemUrl } from '@zjmade/sample-data';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    scale: { type: 'string', default: '1' },
    /** Only the scenarios whose title contains this (GET /v1/health always runs: it is the baseline). */
    only: { type: 'string' },
    /** Write a V8 CPU profile of the server (`--cpu-prof`) into this directory. */
    profile: { type: 'string' },
  },
});
const SCALE = Number(args.scale) > 0 ? Number(args.scale) : 1;
const ROUNDS = Math.max(1, Number(args.rounds));
const DURATION_S = Math.max(1, Number(args.seconds));
const CONNECTIONS = 10;
const BATCH = 60;
/** Distinct bodies: 12,000 listings, so the server sees a spread of the registry, not a few pages. */
const BODIES = 200;
const TOKEN = 'bench-admin-token';

if (process.env.ZJMADE_BENCH_SERVE) {
  const { startRegistry } = await import('@zjmade/registry');
  const log = (m: string) => process.stderr.write(`zjmade-registry: ${m}\n`);
  const reg = await startRegistry({
    dbPath: join(process.env.ZJMADE_BENCH_SERVE, 'registry.sqlite'),
    sample: { scale: SCALE },
    rateLimit: false,
    adminToken: TOKEN,
    connections: { maxRequestsPerSocket: 0 },
    port: 0,
    host: '127.0.0.1',
    log,
  });
  log(`listening on ${reg.url}`);
  // The server's own CPU time and event-loop utilisation, asked for around each scenario: the
  // load-independent figure (other processes on the machine change req/s, not CPU per request).
  let elu = performance.eventLoopUtilization();
  process.on('message', () => {
    const now = performance.eventLoopUtilization();
    const d = performance.eventLoopUtilization(now, elu);
    elu = now;
    process.send?.({ cpu: process.cpuUsage(), elu: d.utilization });
  });
  process.on('SIGTERM', () => void reg.close().then(() => process.exit(0)));
  await new Promise(() => undefined);
}

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
 * Search pages: random known listings, as keys or as their item URLs; and shop pages, 60 listings
 * in a row of the bindings sorted by store (one or a few stores and enterprises, so evidence is
 * shared, as on a shop's own listing page).
 */
function verifyBodies(): { keys: string[]; cold: string[]; urls: string[]; shop: string[] } {
  const data = generateRegistry({ scale: SCALE });
  const stores = new Map(data.stores.map((s) => [s.key, s]));
  const rand = prng(7);
  const keys: string[] = [];
  const cold: string[] = [];
  const urls: string[] = [];
  for (let b = 0; b < BODIES; b++) {
    const page = Array.from({ length: BATCH }, () => data.bindings[Math.floor(rand() * data.bindings.length)]!);
    keys.push(JSON.stringify({ listings: page.map((x) => ({ key: x.key })) }));
    cold.push(JSON.stringify({ listings: page.map((x) => ({ key: x.key, text: '' })) }));
    urls.push(
      JSON.stringify({
        listings: page.map((x) => {
          const store = stores.get(x.store)!;
          return itemUrl(store.platform, x.key.slice(x.key.lastIndexOf(':') + 1), store.shopId);
        }),
      }),
    );
  }
  const sorted = [...data.bindings].sort((a, b) => (a.store < b.store ? -1 : a.store > b.store ? 1 : 0));
  const shop = Array.from({ length: BODIES }, () => {
    const at = Math.floor(rand() * (sorted.length - BATCH));
    return JSON.stringify({ listings: sorted.slice(at, at + BATCH).map((x) => ({ key: x.key })) });
  });
  return { keys, cold, urls, shop };
}

interface ServerUsage {
  cpu: NodeJS.CpuUsage;
  elu: number;
}

async function startServer(dir: string): Promise<{ url: string; log: () => string; usage: () => Promise<ServerUsage>; stop: () => Promise<void> }> {
  const profile = args.profile ? [`--cpu-prof`, `--cpu-prof-dir=${args.profile}`] : [];
  const child = spawn(process.execPath, [...profile, '--conditions=zjmade-source', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: { ...process.env, ZJMADE_BENCH_SERVE: dir },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`registry exited: ${log}`)));
  });
  process.stdout.write(log);
  return {
    url,
    log: () => log,
    usage: () =>
      new Promise<ServerUsage>((resolve) => {
        child.once('message', (m) => resolve(m as ServerUsage));
        child.send('usage');
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'zjmade-registry-bench-'));
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let failed = false;
try {
  const bodies = verifyBodies();
  server = await startServer(dir);
  const { url } = server;
  const post = (path: string, list: string[]) => ({
    url: `${url}${path}`,
    requests: list.map((body) => ({ method: 'POST' as const, path, headers: { 'content-type': 'application/json' }, body })),
  });
  const all: Array<[string, autocannon.Options]> = [
    ['GET /v1/health', { url: `${url}/v1/health` }],
    [`POST /v1/verify (compact), ${BATCH} keys, warm`, post('/v1/verify', bodies.keys)],
    [`POST /v1/verify (compact), ${BATCH} keys, cold (uncached)`, post('/v1/verify', bodies.cold)],
    [`POST /v1/verify?evidence=full, ${BATCH} keys`, post('/v1/verify?evidence=full', bodies.keys)],
    [`POST /v1/verify?evidence=none, ${BATCH} keys`, post('/v1/verify?evidence=none', bodies.keys)],
    [`POST /v1/verify (compact), ${BATCH} keys of a shop, warm`, post('/v1/verify', bodies.shop)],
    [`POST /v1/verify?evidence=full, ${BATCH} keys of a shop`, post('/v1/verify?evidence=full', bodies.shop)],
    [`POST /v1/verify (compact), ${BATCH} URLs`, post('/v1/verify', bodies.urls)],
  ];
  const scenarios = all.filter(([title], i) => i === 0 || !args.only || title.includes(args.only));
  // One pass over every body: the verdict cache then holds what the warm scenarios ask.
  for (const list of [bodies.keys, bodies.shop]) {
    for (const body of list) {
      const r = await fetch(`${url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (r.status !== 200) failed = true;
      await r.arrayBuffer();
    }
  }
  // The server's CPU while nobody asks (timers, notifier passes, workers): it is counted in every
  // scenario's CPU per request, so it is reported, not subtracted.
  const idleBefore = await server.usage();
  await new Promise((r) => setTimeout(r, 3000));
  const idleAfter = await server.usage();
  const idleCpu = (idleAfter.cpu.user + idleAfter.cpu.system - idleBefore.cpu.user - idleBefore.cpu.system) / 3;
  const loadBefore = loadavg();
  const rps = scenarios.map(() => [] as number[]);
  const bytes = scenarios.map(() => [] as number[]);
  const p99 = scenarios.map(() => [] as number[]);
  /** Server CPU (user + system) per request, µs; the driver's (autocannon, this process) likewise; server event-loop utilisation. */
  const serverCpu = scenarios.map(() => [] as number[]);
  const driverCpu = scenarios.map(() => [] as number[]);
  const elu = scenarios.map(() => [] as number[]);
  const cpuUs = (c: NodeJS.CpuUsage) => c.user + c.system;
  let errors = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, [title, opts]] of scenarios.entries()) {
      const before = await server.usage();
      const driverBefore = process.cpuUsage();
      const res = await run(opts);
      const driver = cpuUs(process.cpuUsage(driverBefore));
      const after = await server.usage();
      const n = Math.max(1, res.requests.total);
      errors += res.errors + res.timeouts + res.non2xx;
      rps[i]!.push(res.requests.average);
      bytes[i]!.push(res.throughput.average / Math.max(1, res.requests.average));
      p99[i]!.push(res.latency.p99);
      serverCpu[i]!.push((cpuUs(after.cpu) - cpuUs(before.cpu)) / n);
      driverCpu[i]!.push(driver / n);
      elu[i]!.push(after.elu);
      console.log(
        `  round ${r + 1} ${title}: ${Math.round(res.requests.average)} req/s, p99 ${res.latency.p99} ms, server ${serverCpu[i]!.at(-1)!.toFixed(0)} µs CPU/req (event loop ${(after.elu * 100).toFixed(0)} % busy), driver ${driverCpu[i]!.at(-1)!.toFixed(0)} µs/req, errors ${res.errors + res.timeouts + res.non2xx}`,
      );
    }
  }
  const health = median(rps[0]!);
  const healthCpu = median(serverCpu[0]!);
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`sample scale ${SCALE}×; medians of ${ROUNDS} rounds × ${DURATION_S} s, ${CONNECTIONS} connections; load average before ${la(loadBefore)}, after ${la(loadavg())}:`);
  console.log(`server CPU while idle: ${(idleCpu / 1000).toFixed(1)} ms per s (included in the CPU per request below)`);
  for (const [i, [title]] of scenarios.entries()) {
    const m = median(rps[i]!);
    const cpu = median(serverCpu[i]!);
    const verdicts = i === 0 ? '' : `, ${Math.round(m * BATCH)} verdicts/s, ratio ${(m / health).toFixed(2)} (by server CPU ${(healthCpu / cpu).toFixed(2)})`;
    console.log(
      `${title}: ${Math.round(m)} req/s, ${(median(bytes[i]!) / 1024).toFixed(1)} KiB/answer, p99 ${median(p99[i]!)} ms, server ${cpu.toFixed(0)} µs CPU/req (loop ${(median(elu[i]!) * 100).toFixed(0)} % busy), driver ${median(driverCpu[i]!).toFixed(0)} µs/req${verdicts}`,
    );
  }
  const warm = scenarios.findIndex(([t]) => t.includes('keys, warm'));
  if (warm > 0) {
    const ratio = median(rps[warm]!) / health;
    const cpuRatio = healthCpu / median(serverCpu[warm]!);
    console.log(`RATIO verify (60 keys, compact, warm)/health: ${ratio.toFixed(2)} req/s (target ≥ 0.6: ${ratio >= 0.6 ? 'met' : 'NOT met'}); by server CPU per request ${cpuRatio.toFixed(2)}`);
  }
  const cold = scenarios.findIndex(([t]) => t.includes('cold'));
  if (cold > 0) console.log(`RATIO verify (60 keys, compact, cold)/health: ${(median(rps[cold]!) / health).toFixed(2)} req/s; by server CPU per request ${(healthCpu / median(serverCpu[cold]!)).toFixed(2)}`);
  console.log(`errors: ${errors}`);
  if (errors > 0) failed = true;

  // Publish latency at 1×: an admin suspension returns only after the new snapshot is live.
  const data = generateRegistry({ scale: SCALE });
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
  console.log(`admin suspension incl. publish (${SCALE}×): median ${Math.round(times[2]!)} ms, min ${Math.round(times[0]!)} ms, max ${Math.round(times[4]!)} ms`);
  const lines = server.log().split('\n').filter((l) => l.includes('published snapshot'));
  for (const l of lines.slice(-ids.length)) console.log(`  ${l.replace(/^zjmade-registry: /, '')}`);
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
