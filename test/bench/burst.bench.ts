// A burst of 1,000 binding writes through the admin API (`pnpm bench burst`), issue 10: the 1×
// sample registry serves from a child process; this process measures `GET /v1/health` latency
// while idle (the baseline) and while the burst runs (50 writers at a time), same run. Reports
// p50/p99 of each and how many publishes the burst made. `-- --writes 1000`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRegistry } from '@zjmade/sample-data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages/registry/src/cli.ts');
const TOKEN = 'bench-admin-token';
const { values: args } = parseArgs({ options: { writes: { type: 'string', default: '1000' } } });
const WRITES = Math.max(1, Number(args.writes));

const dir = mkdtempSync(join(tmpdir(), 'zjmade-bench-burst-'));
const child = spawn(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'serve', '--sample', '--no-rate-limit', '--port', '0', '--db', join(dir, 'registry.sqlite')], {
  cwd: ROOT,
  env: { ...process.env, ZJMADE_ADMIN_TOKEN: TOKEN },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
const url = await new Promise<string>((resolve, reject) => {
  const onData = (d: Buffer) => {
    log += d.toString();
    const m = /listening on (http:\/\/\S+)/.exec(log);
    if (m) resolve(m[1]!);
  };
  child.stderr.on('data', onData);
  child.stdout.on('data', onData);
  child.once('exit', () => reject(new Error(`serve exited: ${log}`)));
});

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
/** Health probes one after another until `done()` (bounded by count). */
async function probe(done: () => boolean, max: number): Promise<number[]> {
  const times: number[] = [];
  while (!done() && times.length < max) {
    const t = performance.now();
    await (await fetch(`${url}/v1/health`)).arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  return times;
}

try {
  const idleEnd = Date.now() + 5000;
  const idle = await probe(() => Date.now() > idleEnd, 2000);
  const data = generateRegistry();
  const stores = data.stores.filter((s) => s.platform === 'tmall' || s.platform === 'taobao');
  const publishesBefore = (log.match(/published snapshot/g) ?? []).length;
  let finished = false;
  const started = performance.now();
  const burst = (async () => {
    let next = 0;
    const worker = async () => {
      while (next < WRITES) {
        const i = next++;
        const store = stores[i % stores.length]!;
        const r = await fetch(`${url}/v1/admin/listings/taobao:item:${900000000000 + i}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ store: store.key }),
        });
        if (r.status !== 200) throw new Error(`write ${i} answered ${r.status}`);
        await r.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    finished = true;
  })();
  const during = await probe(() => finished, 100_000);
  await burst;
  const burstMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500));
  const publishes = (log.match(/published snapshot/g) ?? []).length - publishesBefore;
  const f = (n: number) => n.toFixed(1);
  console.log(`${WRITES} binding writes (50 at a time) in ${(burstMs / 1000).toFixed(1)} s → ${publishes} publish(es)`);
  console.log(`GET /v1/health idle (baseline):  p50 ${f(pct(idle, 50))} ms, p99 ${f(pct(idle, 99))} ms (${idle.length} probes)`);
  console.log(`GET /v1/health during the burst: p50 ${f(pct(during, 50))} ms, p99 ${f(pct(during, 99))} ms (${during.length} probes; target p99 < 50 ms)`);
  console.log(`p99 during / idle: ${(pct(during, 99) / pct(idle, 99)).toFixed(2)}`);
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
