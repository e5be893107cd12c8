/**
 * Snapshot benchmark: size, open time and verify throughput of the signed snapshot against the
 * naive form (one JSON document, `JSON.parse` + Map indexing), at a chosen sample scale.
 * `pnpm bench snapshot` (1×) or `pnpm bench snapshot -- --scale 10`. A report: exits 0 either way.
 */
import { gzipSync } from 'node:zlib';
import { generateRegistry } from '@zjmade/sample-data';
import { type ListingRef, type Platform, createMemoryView, openSnapshot, verifyListing } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg('scale', 1);
const runs = arg('runs', scale >= 5 ? 5 : 11);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const data = generateRegistry({ scale });
console.log(
  `scale ${scale}×: ${data.enterprises.length} enterprises, ${data.standards.length} standards, ${data.evaluations.length} evaluations, ${data.stores.length} stores, ${data.bindings.length} bindings, ${data.sanctions.length} sanctions`,
);

const key = await generateSigningKey('bench');
const now = Date.now();
const body = encodeSnapshot(data, {
  sequence: 1,
  issuedAt: new Date(now).toISOString(),
  expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
});
const file = await signSnapshot(body, await importSigningKey(key.privateJwk));
const json = JSON.stringify(data);
const jsonBytes = Buffer.byteLength(json);
const fileGz = gzipSync(file).length;
const jsonGz = gzipSync(json).length;
console.log(`snapshot   ${kb(file.length)} raw, ${kb(fileGz)} gzip`);
// Where the bytes go: the body's sections (format.ts), gzipped one by one.
const SECTIONS = ['header', 'keys', 'key lengths', 'entities', 'entity lengths', 'listing ids', 'binding runs'];
const parts: string[] = [];
for (let i = 0, p = 8, dv = new DataView(body.buffer, body.byteOffset); i < SECTIONS.length; i++) {
  const len = dv.getUint32(p, true);
  parts.push(`${SECTIONS[i]} ${kb(len)}/${kb(gzipSync(body.subarray(p + 4, p + 4 + len)).length)}`);
  p = (p + 4 + len + 3) & ~3;
}
console.log(`  sections raw/gzip: ${parts.join(', ')}`);
console.log(`naive JSON ${kb(jsonBytes)} raw, ${kb(jsonGz)} gzip`);

// Open: signature check + indexing, and a first verify of a known and an unknown listing (which
// builds anything built lazily and decodes the entities one verdict needs).
const probe: ListingRef = { platform: 'xiaohongshu', kind: 'item', id: '0', key: 'xiaohongshu:item:0', url: '' };
const known = data.bindings[data.bindings.length >> 1]!.key;
const knownRef: ListingRef = { platform: known.split(':')[0] as Platform, kind: 'item', id: known.slice(known.lastIndexOf(':') + 1), key: known, url: '' };
const openTimes: number[] = [];
const jsonTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  openTimes.push(
    await timeAsync(async () => {
      const v = await openSnapshot(file, { trustedKeys: [key.publicJwk] });
      v.verify(probe);
      if (v.verify(knownRef).status === 'not-found') throw new Error(`bench: ${known} not found in the snapshot`);
    }),
  );
  jsonTimes.push(time(() => createMemoryView(JSON.parse(json))));
}
const open = median(openTimes);
const naive = median(jsonTimes);

// Verify: a realistic mix, 80% known listings (and their stores), 20% unknown ids.
const verifier = await openSnapshot(file, { trustedKeys: [key.publicJwk] });
let seed = 12345;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const refOf = (k: string): ListingRef => {
  const [space = '', kind = 'item', ...rest] = k.split(':');
  return { platform: space as Platform, kind: kind === 'shop' ? 'shop' : 'item', id: rest.join(':'), key: k, url: '' };
};
const keys: string[] = [];
for (let i = 0; i < 20_000; i++) {
  const r = rnd();
  if (r < 0.7) keys.push(data.bindings[Math.floor(rnd() * data.bindings.length)]!.key);
  else if (r < 0.8) keys.push(data.stores[Math.floor(rnd() * data.stores.length)]!.key);
  else keys.push(`${rnd() < 0.5 ? 'taobao' : 'jd'}:item:${Math.floor(rnd() * 1e12)}`);
}
const refs = keys.map(refOf);
const map = new Map<string, unknown>([...data.bindings.map((b) => [b.key, b] as const), ...data.stores.map((s) => [s.key, s] as const)]);

function throughput(fn: (i: number) => unknown, minMs = 400): number {
  let sink = 0;
  for (let i = 0; i < keys.length; i++) if (fn(i)) sink++; // warm up
  let n = 0;
  const t = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < keys.length; i++) if (fn(i)) sink++;
    n += keys.length;
    elapsed = performance.now() - t;
  }
  if (sink < 0) console.log(sink);
  return (n / elapsed) * 1000;
}
// Search pages of 60 listings, as the extension and the registry verify them: one call per page.
const pages: ListingRef[][] = [];
for (let i = 0; i < refs.length; i += 60) pages.push(refs.slice(i, i + 60));
const pageOf = (i: number) => (i % 60 === 0 ? verifier.verifyMany(pages[i / 60]!).length : 1);

// The machine is shared and noisy: measure in alternating rounds and keep each measure's best.
const best = { map: 0, verify: 0, page: 0, lookup: 0 };
for (let round = 0; round < 5; round++) {
  best.map = Math.max(best.map, throughput((i) => map.get(keys[i]!), 200));
  best.verify = Math.max(best.verify, throughput((i) => verifier.verify(refs[i]!), 200));
  best.page = Math.max(best.page, throughput(pageOf, 200));
  best.lookup = Math.max(best.lookup, throughput((i) => verifier.view.binding(keys[i]!) ?? verifier.view.store(keys[i]!), 200));
}
const { map: mapOps, verify: verifyOps, page: pageOps, lookup: lookupOps } = best;

const ratioOpen = naive / open;
const ratioVerify = verifyOps / mapOps;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`open (signature + index + first verify), median of ${runs}: ${open.toFixed(1)} ms`);
console.log(`JSON.parse + Map indexing, median of ${runs}:            ${naive.toFixed(1)} ms`);
console.log(`  → open is ${ratioOpen.toFixed(1)}× faster (target ≥ 10×)`);
console.log(`verify:        ${fmt(verifyOps)} ops/s  (verifier.verify, one listing a call, full verdict)`);
console.log(`verifyMany:    ${fmt(pageOps)} listings/s  (pages of 60, one clock read a page) → ${(pageOps / mapOps).toFixed(3)} of Map.get`);
console.log(`index lookup:  ${fmt(lookupOps)} ops/s  (view.binding / view.store)`);
console.log(`Map.get:       ${fmt(mapOps)} ops/s`);
console.log(`  → verify is ${ratioVerify.toFixed(3)} of Map.get (target ≥ 0.25); lookup is ${(lookupOps / mapOps).toFixed(2)} of Map.get`);
console.log('');
console.log(`${verdict(fileGz <= 1024 * 1024)} size: ${kb(fileGz)} gzip (target ≤ 1024 KB${scale === 1 ? '' : ', set at 1×'})`);
console.log(`${verdict(ratioOpen >= 10)} open: ${ratioOpen.toFixed(1)}× faster than JSON.parse + Map (target ≥ 10×)`);
console.log(`${verdict(ratioVerify >= 0.25)} verify: ${ratioVerify.toFixed(3)} of Map.get (target ≥ 0.25; best of 5 alternating rounds)`);
// Context: the same verdict function over plain Maps, the ceiling for any view.
const memoryView = createMemoryView(data);
console.log(`(verifyListing over createMemoryView: ${fmt(throughput((i) => verifyListing(refs[i]!, memoryView)))} ops/s)`);
