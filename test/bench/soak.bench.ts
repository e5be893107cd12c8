// Memory soak (`pnpm bench soak`), issue 14: a fuzz of every route (valid and broken verify
// batches, look-ups of random keys, snapshots and deltas, reports, admin writes that publish,
// wrong tokens, random forwarded addresses so every client has its own rate-limit bucket and
// wrong-token entry) in rounds, against the 1× sample registry in this process. After each round:
// RSS and heap, then again after a full GC (run.mjs starts benchmarks with --expose-gc). Bounded
// state shows as flat post-GC figures from round to round. `-- --rounds 4 --requests 1500`;
// `--no-worker` encodes snapshots on the main thread (to tell a worker's memory from the server's).
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { startRegistry } from '@zjmade/registry';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '4' }, requests: { type: 'string', default: '1500' }, 'no-worker': { type: 'boolean', default: false } } });
const ROUNDS = Math.max(1, Number(args.rounds));
const REQUESTS = Math.max(1, Number(args.requests));
const TOKEN = 'soak-admin-token-0123456789abcdef';
const gc = (globalThis as { gc?: () => void }).gc;

const reg = await startRegistry({ sample: true, adminToken: TOKEN, trustProxy: ['127.0.0.1'], log: () => {}, ...(args['no-worker'] ? { encodeInWorker: false } : {}) });
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const word = (n = 8) => Array.from({ length: Math.ceil(rand() * n) }, () => pick(['a', '9', ':', '%', '浙', '😀', '/', '.', '-', ' '])).join('');
const v6 = () => `2001:db8:${Math.floor(rand() * 0xffff).toString(16)}:${Math.floor(rand() * 0xffff).toString(16)}::1`;

interface Req {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const cases: (() => Req)[] = [
  () => ({ method: 'POST', path: '/v1/verify', body: JSON.stringify({ listings: Array.from({ length: 1 + Math.floor(rand() * 60) }, () => ({ key: `taobao:item:${Math.floor(rand() * 5000)}` })) }) }),
  () => ({ method: 'POST', path: '/v1/verify', body: pick(['{', '[]', '{"listings":5}', JSON.stringify({ listings: [word(300)], extra: word() })]) }),
  () => ({ method: 'GET', path: `/v1/listings/${encodeURIComponent(pick([`taobao:item:${Math.floor(rand() * 5000)}`, word()]))}` }),
  () => ({ method: 'GET', path: `/v1/enterprises/${encodeURIComponent(word(18))}` }),
  () => ({ method: 'GET', path: `/v1/evaluations/${encodeURIComponent(word())}` }),
  () => ({ method: 'GET', path: `/v1/standards/${encodeURIComponent(word())}` }),
  () => ({ method: 'GET', path: `/v1/stores/${pick(['tmall', 'jd', 'x'])}/${encodeURIComponent(word())}` }),
  () => ({ method: 'GET', path: pick(['/v1/snapshot', '/v1/snapshot/latest', '/.well-known/jwks.json', '/openapi.json', '/v1/health', '/v1/adapters']) }),
  () => ({ method: 'GET', path: `/v1/deltas/${Math.floor(rand() * 50)}` }),
  () => ({ method: 'GET', path: `/v1/changes?since=${Math.floor(rand() * 100)}` }),
  () => ({ method: 'POST', path: '/v1/reports', body: JSON.stringify({ listing: `taobao:item:${Math.floor(rand() * 5000)}`, reason: pick(['other', 'unbacked-claim', 'nope']), note: word(50) }) }),
  () => ({ method: 'GET', path: '/v1/admin/audit?limit=50', headers: { authorization: `Bearer wrong-${encodeURIComponent(word(20))}` } }),
  () => ({ method: 'GET', path: `/v1/coverage/${encodeURIComponent(word(18))}`, headers: { authorization: `Bearer ${encodeURIComponent(word(30))}` } }),
  () => ({ method: 'PUT', path: `/v1/admin/listings/${encodeURIComponent(`taobao:item:${900000 + Math.floor(rand() * 1000)}`)}`, body: JSON.stringify({ store: pick(['tmall:shop:nope', word()]) }), headers: admin }),
  () => ({ method: 'GET', path: `/v1/admin/audit?limit=${pick(['5', '500', 'x'])}`, headers: admin }),
  () => ({ method: pick(['DELETE', 'PATCH', 'PUT']), path: pick(['/v1/verify', '/v1/health', `/${word()}`]) }),
];
// A few real publishes per round: what a busy registry keeps of its snapshots shows too.
const publish = (): Req => ({ method: 'POST', path: '/v1/admin/publish', headers: admin });

function send(r: Req): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${reg.url}${r.path}`, { method: r.method, agent, headers: { 'x-forwarded-for': v6(), ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(r.body);
  });
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const usage = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external };
};
type Usage = ReturnType<typeof usage>;
const line = (label: string, u: Usage) => console.log(`${label.padEnd(30)} rss ${mb(u.rss).padStart(9)}  heap ${mb(u.heap).padStart(9)}  external ${mb(u.external).padStart(9)}`);

gc?.();
const start = usage();
line('start (after GC)', start);
const statuses = new Map<number, number>();
const afterGc: Usage[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const t = performance.now();
  for (let i = 0; i < REQUESTS; i += 16) {
    const batch = Array.from({ length: Math.min(16, REQUESTS - i) }, (_, j) => send(i + j === 0 ? publish() : pick(cases)()));
    for (const s of await Promise.all(batch)) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  line(`round ${round} (${REQUESTS} req, ${Math.round(performance.now() - t)} ms)`, usage());
  if (gc) {
    gc();
    const u = usage();
    afterGc.push(u);
    line(`round ${round} after GC`, u);
  }
}
console.log(`answers: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
if (!gc) console.log('(no --expose-gc: post-GC figures not measured)');
else if (afterGc.length >= 2) {
  const first = afterGc[0]!;
  const last = afterGc[afterGc.length - 1]!;
  console.log(`growth after GC from round 1 to round ${afterGc.length}: rss ${mb(last.rss - first.rss)}, heap ${mb(last.heap - first.heap)}, external ${mb(last.external - first.external)}; from start: rss ${mb(last.rss - start.rss)}, heap ${mb(last.heap - start.heap)}`);
}
agent.destroy();
await reg.close();
