// Main-thread stall per publish (`pnpm bench publish`), issue 10: the sample registry in this
// process; a suspension triggers a publish; an event-loop delay histogram records how long the
// server could not answer anyone meanwhile. The same suspensions run with encoding in this thread
// (the baseline, as before) and in the encode worker, in one run. `-- --scale 10 --changes 5`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startRegistry } from '@zjmade/registry';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: '1' }, changes: { type: 'string', default: '5' } } });
const SCALE = Number(args.scale);
const CHANGES = Math.max(1, Number(args.changes));
const TOKEN = 'bench-admin-token';

/**
 * The main thread's own CPU time (Linux: the first field of its schedstat, in ns), so that a stall
 * can be told apart from the OS running other threads: on a loaded machine a 10 ms turn takes
 * 100 ms of wall time. Undefined elsewhere.
 */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
function threadCpuNs(): number | undefined {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/**
 * Ticks every millisecond between turns of the event loop; the longest gap between two ticks is
 * the longest turn (wall), and the most CPU time this thread spent within one gap is that turn's
 * own cost, whatever the load.
 */
function turnSampler() {
  let lastWall = performance.now();
  let lastCpu = threadCpuNs();
  let maxCpuMs = 0;
  let wallOfMax = 0;
  const timer = setInterval(() => {
    const wall = performance.now();
    const cpu = threadCpuNs();
    if (cpu !== undefined && lastCpu !== undefined && (cpu - lastCpu) / 1e6 > maxCpuMs) {
      maxCpuMs = (cpu - lastCpu) / 1e6;
      wallOfMax = wall - lastWall;
    }
    lastWall = wall;
    lastCpu = cpu;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return lastCpu === undefined ? undefined : { maxCpuMs, wallOfMax };
    },
  };
}

/** What the main thread spent, apart from scheduling: its longest GC pause, and the publish's own main-thread pieces (store, open) from the publish log. */
type Pieces = { gcMaxMs: number; storeMaxMs: number; openMaxMs: number };

type Turn = { maxCpuMs: number; wallOfMax: number } | undefined;

async function measure(encodeInWorker: boolean): Promise<{ maxMs: number; p99Ms: number; publishMs: number; turn: Turn; load: number[] } & Pieces> {
  const dir = mkdtempSync(join(tmpdir(), 'zjmade-bench-publish-'));
  const lines: string[] = [];
  const reg = await startRegistry({ dbPath: join(dir, 'registry.sqlite'), sample: { scale: SCALE }, adminToken: TOKEN, rateLimit: false, encodeInWorker, log: (l) => lines.push(l) });
  try {
    const ids = reg.service.repos.evaluations.all().slice(0, CHANGES).map((e) => e.id);
    const h = monitorEventLoopDelay({ resolution: 1 });
    const gcs: number[] = [];
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcs.push(e.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    lines.length = 0;
    const t0 = performance.now();
    const turns = turnSampler();
    h.enable();
    for (const id of ids) {
      const r = await fetch(`${reg.url}/v1/admin/evaluations/${encodeURIComponent(id)}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ status: 'suspended', reason: 'bench' }),
      });
      if (r.status !== 200) throw new Error(`suspension answered ${r.status}`);
      await r.arrayBuffer();
    }
    h.disable();
    const turn = turns.stop();
    const load = loadavg();
    gc.disconnect();
    const piece = (name: string) => Math.max(0, ...lines.map((l) => Number(new RegExp(`${name} (\\d+) ms`).exec(l)?.[1] ?? 0)));
    return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, publishMs: (performance.now() - t0) / ids.length, turn, load, gcMaxMs: Math.max(0, ...gcs), storeMaxMs: piece('store'), openMaxMs: piece('open') };
  } finally {
    await reg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const main = await measure(false);
const worker = await measure(true);
const f = (n: number) => n.toFixed(1);
console.log(`scale ${SCALE}×, ${CHANGES} suspensions, each answered after its publish`);
console.log(`in-thread encode (baseline): longest stall ${f(main.maxMs)} ms, p99 event-loop delay ${f(main.p99Ms)} ms, ${f(main.publishMs)} ms per change`);
console.log(`encode worker:               longest stall ${f(worker.maxMs)} ms, p99 event-loop delay ${f(worker.p99Ms)} ms, ${f(worker.publishMs)} ms per change`);
console.log(`encode worker, main-thread pieces: longest GC pause ${f(worker.gcMaxMs)} ms, longest store ${worker.storeMaxMs} ms, longest open/apply ${worker.openMaxMs} ms (the rest of a stall is the OS scheduling this thread: report the load average)`);
const cpu = (t: Turn) => (t ? `${f(t.maxCpuMs)} ms CPU (that turn took ${f(t.wallOfMax)} ms wall)` : 'not measured (no /proc schedstat)');
const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
console.log(`most main-thread CPU in one turn (load-independent): in-thread ${cpu(main.turn)}; worker ${cpu(worker.turn)}`);
console.log(`load average at the end of each run: in-thread ${la(main.load)}; worker ${la(worker.load)}`);
console.log(`longest stall, worker / baseline: ${(worker.maxMs / main.maxMs).toFixed(3)}`);
if (main.turn && worker.turn) console.log(`most CPU in one turn, worker / baseline: ${(worker.turn.maxCpuMs / main.turn.maxCpuMs).toFixed(3)}`);
