import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
const [url, which, dur = '8'] = process.argv.slice(2);
const opts = { url, connections: 10, duration: Number(dur) };
if (which !== 'health') {
  const bodies = JSON.parse(readFileSync(`/tmp/rb/${which}.json`, 'utf8'));
  opts.requests = bodies.map((body) => ({ method: 'POST', path: '/v1/verify', headers: { 'content-type': 'application/json' }, body }));
  opts.url = url;
} else opts.url = `${url}/v1/health`;
const r = await autocannon(opts);
console.log(which, Math.round(r.requests.average), 'req/s p99', r.latency.p99, 'non2xx', r.non2xx, 'err', r.errors, 'bytes/req', Math.round(r.throughput.average / r.requests.average));
