// Listing suggestions and bulk binding (issue 11), `pnpm bench suggest`:
// (a) suggestions for 100,000 listings against one enterprise's evaluations vs a plain
//     verifyListing loop over the same listings, same run (ratio; target ≤ 2×);
// (b) a 100,000-row export file → read + resolved → suggested → bound → published delta live in a
//     running registry on loopback, each phase timed (target ≤ 10 s);
// (c) precision and recall of suggestions on the 1× sample data against the generator's truth,
//     over thresholds. `-- --rows 100000`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startRegistry } from '@zjmade/registry';
import { createMemoryView, evaluationStanding, type ListingRef, refFromKey, verifyListing } from '@zjmade/sdk';
import { readListingExport } from '../../packages/registry/src/listings/index.js';
import { type BindingRow, bindListings } from '../../packages/registry/src/services/listing-bindings.js';
import { buildEnterpriseIndex, type EnterpriseIndex, enterpriseIndexOf, suggestEvaluation } from '../../packages/registry/src/suggest/index.js';
import { generateRegistry, listingTruth } from '../../packages/sample-data/src/index.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const ROWS = Math.max(1000, Number(args.rows));
const THRESHOLD = 0.3;

const data = generateRegistry();
const truth = listingTruth(data);
const storeOf = new Map(data.stores.map((s) => [s.key, s]));
const asOfMs = Date.parse(`${data.meta.generatedAt}`);
const standardTitle = new Map(data.standards.map((s) => [s.code, s.title]));
const evaluationsOf = new Map<string, typeof data.evaluations>();
for (const e of data.evaluations) evaluationsOf.set(e.uscc, [...(evaluationsOf.get(e.uscc) ?? []), e]);
const indexes = new Map<string, EnterpriseIndex>();
const indexOf = (uscc: string) => {
  let ix = indexes.get(uscc);
  if (!ix) {
    ix = buildEnterpriseIndex(evaluationsOf.get(uscc) ?? [], { standardTitle: (c) => standardTitle.get(c), inForce: (e) => evaluationStanding(e, asOfMs).state === 'valid' });
    indexes.set(uscc, ix);
  }
  return ix;
};

// The enterprise with the most listings: its titles, cycled to ROWS listings.
const perEnterprise = new Map<string, typeof truth>();
for (const t of truth) {
  const uscc = storeOf.get(t.store)!.uscc;
  perEnterprise.set(uscc, [...(perEnterprise.get(uscc) ?? []), t]);
}
const [bigUscc, bigListings] = [...perEnterprise.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
const listings = Array.from({ length: ROWS }, (_, i) => bigListings[i % bigListings.length]!);
const refs = listings.map((t) => refFromKey(t.key) as ListingRef);
const view = createMemoryView(data);

// (a) alternating blocks so drift hits both sides alike.
function timeSuggest(): number {
  const ix = indexOf(bigUscc);
  const t0 = performance.now();
  let n = 0;
  for (const l of listings) if (suggestEvaluation(ix, l.title, { threshold: THRESHOLD, words: false })) n++;
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t0;
}
// With the matched words, as a page of suggestions shown to a person computes them.
function timeSuggestWords(): number {
  const ix = indexOf(bigUscc);
  const t0 = performance.now();
  let n = 0;
  for (const l of listings) if (suggestEvaluation(ix, l.title, { threshold: THRESHOLD })?.matched.length) n++;
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t0;
}
function timeVerify(): number {
  const t0 = performance.now();
  let n = 0;
  for (const r of refs) if (verifyListing(r, view, { at: asOfMs }).status === 'verified') n++;
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t0;
}
const build0 = performance.now();
indexes.delete(bigUscc);
indexOf(bigUscc);
const buildMs = performance.now() - build0;
timeSuggest();
timeVerify();
const s: number[] = [];
const w: number[] = [];
const v: number[] = [];
for (let i = 0; i < 7; i++) {
  s.push(timeSuggest());
  v.push(timeVerify());
  w.push(timeSuggestWords());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`(a) ${ROWS.toLocaleString('en')} listings of the biggest enterprise (${bigListings.length} distinct, ${evaluationsOf.get(bigUscc)?.length} evaluations):`);
const us = (ms: number) => `${((ms * 1000) / ROWS).toFixed(2)} µs`;
console.log(`    load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; medians of 7 alternating rounds; index built in ${buildMs.toFixed(1)} ms`);
console.log(`    suggest (evaluation, score, margin; no matched words) ${median(s).toFixed(0)} ms = ${us(median(s))}/title; verifyListing ${median(v).toFixed(0)} ms = ${us(median(v))}/listing; ratio ${(median(s) / median(v)).toFixed(2)}× (target ≤ 2×)`);
console.log(`    suggest with matched words (what a shown page computes) ${median(w).toFixed(0)} ms = ${us(median(w))}/title; ratio ${(median(w) / median(v)).toFixed(2)}×`);

// (b) end to end in a running registry.
const dir = mkdtempSync(join(tmpdir(), 'zjmade-bench-suggest-'));
const reg = await startRegistry({ dbPath: join(dir, 'registry.sqlite'), sample: { scale: 1 }, adminToken: 'bench-token', rateLimit: false });
try {
  const store = data.stores.find((x) => x.uscc === bigUscc && (x.platform === 'tmall' || x.platform === 'taobao')) ?? data.stores.find((x) => x.uscc === bigUscc)!;
  // Settle the sample's first publish, so the measured publish is the bind's own delta.
  await reg.service.publish();
  const base = 7_100_000_000_000;
  const lines = ['宝贝ID,宝贝标题,店铺名称'];
  for (let i = 0; i < ROWS; i++) lines.push(`${base + i},"${listings[i]!.title.replace(/"/g, '""')}",${store.name}`);
  const file = join(dir, 'export.csv');
  writeFileSync(file, lines.join('\r\n'));
  const phases: Array<[string, number]> = [];
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases.push([name, now - t]);
    t = now;
  };
  const x = await readListingExport(file, { platform: store.platform });
  lap('read + resolve');
  const repos = reg.service.repos;
  const ix = enterpriseIndexOf(repos, bigUscc, asOfMs);
  const rows: BindingRow[] = [];
  for (const r of x.results) {
    if (!r.ok) continue;
    const sug = r.title ? suggestEvaluation(ix, r.title, { threshold: THRESHOLD, words: false }) : null;
    rows.push(sug ? { key: r.key, store: store.key, evaluationId: sug.evaluationId } : { key: r.key, store: store.key });
  }
  lap('suggest');
  const bound = bindListings(repos, 'system:bench', bigUscc, rows);
  lap('bind');
  const before = repos.snapshots.lastSequence();
  const published = await reg.service.publish();
  lap('publish');
  const key = rows.find((r) => r.evaluationId)!.key;
  const res = await fetch(`${reg.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: [{ key }] }) });
  const st = ((await res.json()) as { results: { status: string }[] }).results[0]!.status;
  lap('verify (live check)');
  const total = phases.reduce((a, [, ms]) => a + ms, 0);
  console.log(`(b) ${ROWS.toLocaleString('en')}-row export (${(lines.join('\r\n').length / 1e6).toFixed(1)} MB) → live bindings: ${phases.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')}; total ${(total / 1000).toFixed(2)} s (target ≤ 10 s)`);
  console.log(`    resolved ${x.resolved}, suggested ${rows.filter((r) => r.evaluationId).length}, bound ${bound.counts.bound}, refused ${bound.counts.refused}; publish ${before} → ${published.sequence} (${published.delta ? `delta of ${published.delta.changes} changes, ${published.delta.bytes} bytes` : 'no delta'}${published.full ? `, full snapshot ${published.fullReason}` : ''}; worker load ${published.ms.load.toFixed(0)} ms, encode ${published.ms.encode.toFixed(0)} ms, sign ${published.ms.sign.toFixed(0)} ms, store ${published.ms.store.toFixed(0)} ms${published.ms.open !== undefined ? `, open ${published.ms.open.toFixed(0)} ms` : ''}); ${key} is ${st}`);
  console.log(`    load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  await reg.close();
  rmSync(dir, { recursive: true, force: true });
}

// (c) precision and recall over the whole 1× sample.
const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7];
const results = truth.map((tr) => {
  const uscc = storeOf.get(tr.store)!.uscc;
  return { tr, sug: suggestEvaluation(indexOf(uscc), tr.title, { threshold: 0 }) };
});
const boundCount = truth.filter((t) => t.evaluationId).length;
console.log(`(c) precision / recall on the 1× sample (${truth.length.toLocaleString('en')} listings, ${boundCount.toLocaleString('en')} with a true evaluation):`);
console.log('    threshold  suggested  precision  recall   (unambiguous only: precision, share)');
for (const th of thresholds) {
  const made = results.filter((r) => r.sug && r.sug.score >= th);
  const right = made.filter((r) => r.sug!.evaluationId === r.tr.evaluationId).length;
  const clear = made.filter((r) => !r.sug!.ambiguous);
  const clearRight = clear.filter((r) => r.sug!.evaluationId === r.tr.evaluationId).length;
  console.log(
    `    ${th.toFixed(2).padStart(9)}  ${String(made.length).padStart(9)}  ${((right / made.length) * 100).toFixed(1).padStart(8)}%  ${((right / boundCount) * 100).toFixed(1).padStart(5)}%   (${((clearRight / clear.length) * 100).toFixed(1)}%, ${((clear.length / made.length) * 100).toFixed(0)}%)${th === THRESHOLD ? '  ← default' : ''}`,
  );
}
