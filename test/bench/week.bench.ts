// A simulated week of one extension against the 1× sample registry (`pnpm bench week`), issue 10:
// every hour brings its share of 300 binding changes, 10 status changes and 1 sanction a day,
// written through the admin API; then the extension refreshes. Reports the bytes it downloads
// with signed deltas (the chain from the sequence it holds) against today's design, which
// downloads the whole snapshot whenever it changed — both gzip, both measured in this run — and
// checks on the way that the delta-applied state has the registry's digest. `-- --days 7`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startRegistry } from '@zjmade/registry';
import { openSnapshot, type SnapshotVerifier } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';

const { values: args } = parseArgs({ options: { days: { type: 'string', default: '7' } } });
const DAYS = Math.max(1, Number(args.days));
const TOKEN = 'bench-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'zjmade-bench-week-'));
const reg = await startRegistry({ dbPath: join(dir, 'registry.sqlite'), sample: true, adminToken: TOKEN, rateLimit: false });
const send = async (method: string, path: string, body: unknown) => {
  const r = await fetch(`${reg.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as { snapshot: { sequence: number } | null };
};
try {
  const repos = reg.service.repos;
  const bindings = repos.bindings.all();
  const evaluations = repos.evaluations.all();
  const enterprises = repos.enterprises.all();
  const snapshotBytes = async () => new Uint8Array(await (await fetch(`${reg.url}/v1/snapshot`)).arrayBuffer());
  let held: SnapshotVerifier = await openSnapshot(await snapshotBytes(), { trustedKeys: reg.jwks.keys });
  const initialGzip = gzipSync(await snapshotBytes()).byteLength;
  let deltaBytes = 0;
  let fullBytes = 0;
  let deltasFetched = 0;
  let b = 0;
  let e = 0;
  const started = performance.now();
  for (let hour = 0; hour < DAYS * 24; hour++) {
    if (hour % 24 === 0) console.log(`day ${hour / 24 + 1} (${Math.round((performance.now() - started) / 1000)} s)`);
    // 300 binding changes a day: 12 or 13 an hour (re-pointing existing listings between "bound" and "store-only").
    // An hour's writes arrive together and share a publish, as a real hour's would (debounced).
    const writes: Promise<unknown>[] = [];
    const n = hour % 2 === 0 ? 12 : 13;
    for (let i = 0; i < n; i++, b++) {
      const x = bindings[(b * 7919) % bindings.length]!;
      writes.push(send('PUT', `/v1/admin/listings/${x.key}`, b % 2 === 0 ? { store: x.store } : { store: x.store, ...(x.evaluationId ? { evaluationId: x.evaluationId } : {}) }));
    }
    if (hour % 24 < 10) {
      const v = evaluations[(e++ * 104729) % evaluations.length]!;
      writes.push(send('POST', `/v1/admin/evaluations/${encodeURIComponent(v.id)}/status`, { status: e % 3 === 0 ? 'valid' : 'suspended', reason: 'bench' }));
    }
    if (hour % 24 === 12) {
      const x = enterprises[(hour * 31) % enterprises.length]!;
      writes.push(send('POST', '/v1/admin/sanctions', { uscc: x.uscc, kind: 'other', reason: 'bench', from: '2026-01-01', until: '2026-12-31' }));
    }
    await Promise.all(writes);
    // The hourly refresh: today's design downloads the changed full snapshot; the delta design the chain.
    // Full snapshots are made by policy now, so the current full state is what GET /v1/snapshot
    // serves (encoded on request when the head is a delta): exactly what a full-refresh client gets.
    const full = new Uint8Array(await (await fetch(`${reg.url}/v1/snapshot`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    const latest = await openSnapshot(full, { trustedKeys: reg.jwks.keys });
    fullBytes += gzipSync(full).byteLength;
    for (let seq = held.info.sequence + 1; seq <= latest.info.sequence; seq++) {
      const r = await fetch(`${reg.url}/v1/deltas/${seq}`);
      if (r.status !== 200) throw new Error(`no delta ${seq}`);
      const bytes = new Uint8Array(await r.arrayBuffer());
      deltaBytes += gzipSync(bytes).byteLength;
      deltasFetched++;
      held = await applyDelta(held, await openDelta(bytes, { trustedKeys: reg.jwks.keys }));
    }
    if (held.info.digest !== latest.info.digest) throw new Error(`digest mismatch at hour ${hour}`);
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${DAYS} day(s) at 1×: ${b} binding changes, ${e} status changes, ${DAYS} sanction(s); hourly refresh`);
  console.log(`full snapshot (gzip) ${kb(initialGzip)}; first download is the same in both designs and not counted`);
  console.log(`today's design (full snapshot each changed hour): ${kb(fullBytes)}`);
  console.log(`signed deltas (${deltasFetched} files, digest checked each hour): ${kb(deltaBytes)}`);
  console.log(`ratio deltas / full: ${(deltaBytes / fullBytes).toFixed(4)} (target ≤ 0.01)`);
} finally {
  await reg.close();
  rmSync(dir, { recursive: true, force: true });
}
