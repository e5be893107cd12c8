/**
 * Delta benchmark (issue 10): applying a day's delta to an opened snapshot against a full open of
 * the same state, in the same run; the signed size of a one-status-change delta and of a day's;
 * the time of the state digest of the whole registry. `pnpm bench delta` (1×) or
 * `pnpm bench delta -- --scale 10`. A report: exits 0 either way.
 */
import { gzipSync } from 'node:zlib';
import { generateRegistry } from '@zjmade/sample-data';
import { type ListingRef, type Platform, openSnapshot } from '@zjmade/sdk';
import { type RegistryDelta, applyDelta, openDelta, recordDigestInput } from '@zjmade/sdk/delta';
import type { Evaluation, ListingBinding, RegistryData, Sanction } from '@zjmade/sdk';
import { DigestAccumulator, encodeDelta, encodeSnapshot, generateSigningKey, importSigningKey, signDelta, signSnapshot, stateDigest } from '@zjmade/sdk/publisher';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg('scale', 1);
const runs = arg('runs', scale >= 5 ? 5 : 11);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
// Benchmarks run with --expose-gc: each timed run starts from a collected heap, so the garbage a
// full open leaves (megabytes) is not charged to the apply after it, nor the other way round. A
// forced full collection of this process's heap (the generator's data is alive) finishes its
// sweeping on background threads and lazily on the next allocations: measured here (load ~25,
// profiler attached), openDelta + applyDelta cost ~19 ms of process CPU right after gc(), ~8 ms
// 300 ms after it, ~4 ms with no forced collection. So the timed run waits for that tail before
// it starts, the same for both sides.
const collect0 = (globalThis as { gc?: () => void }).gc;
const SETTLE_MS = 100;
async function settle(): Promise<void> {
  if (!collect0) return;
  collect0();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The last timed run's process CPU time (every thread: the crypto pool too), less sensitive to the machine's load than wall time. */
let lastCpu = 0;
async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  await settle();
  const c = cpuMs();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  lastCpu = cpuMs() - c;
  return wall;
}
const refOf = (k: string): ListingRef => {
  const [space = '', kind = 'item', ...rest] = k.split(':');
  return { platform: space as Platform, kind: kind === 'shop' ? 'shop' : 'item', id: rest.join(':'), key: k, url: '' };
};

const data = generateRegistry({ scale });
const records = 1 + data.enterprises.length + data.standards.length + data.evaluations.length + data.stores.length + data.bindings.length + data.sanctions.length;
console.log(`scale ${scale}×: ${data.evaluations.length} evaluations, ${data.bindings.length} bindings, ${records} records in the digest`);

// State digest of the whole registry, and the same hashing through WebCrypto (one digest call a record, batched with Promise.all) as the baseline.
const digestTimes: number[] = [];
let digest = '';
for (let i = 0; i < Math.min(runs, 5); i++) digestTimes.push(await timeAsync(async () => (digest = await stateDigest(data))));
const utf8 = new TextEncoder();
const inputs: Uint8Array[] = [];
const collect = (entity: Parameters<typeof recordDigestInput>[0], xs: readonly object[]) => {
  for (const x of xs) inputs.push(utf8.encode(recordDigestInput(entity, x)));
};
const webTime = await timeAsync(async () => {
  inputs.length = 0;
  collect('meta', [data.meta]);
  for (const c of ['enterprises', 'standards', 'evaluations', 'stores', 'bindings', 'sanctions'] as const) collect(c, data[c]);
  await Promise.all(inputs.map((b) => crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
});
// 180,000 buffers the baseline needed: not part of a client's heap, so not left for every gc() below.
inputs.length = 0;
const digestMs = median(digestTimes);
console.log(`stateDigest (whole registry), median of ${digestTimes.length}: ${digestMs.toFixed(0)} ms; the same records through crypto.subtle.digest + Promise.all: ${webTime.toFixed(0)} ms`);

const key = await generateSigningKey('bench');
const signer = await importSigningKey(key.privateJwk);
const trustedKeys = [key.publicJwk];
const now = Date.now();
const issuedAt = new Date(now).toISOString();
const expiresAt = new Date(now + 7 * 86_400_000).toISOString();
const snapshot = await signSnapshot(encodeSnapshot(data, { sequence: 1, issuedAt, expiresAt, digest }), signer);
const base = await openSnapshot(snapshot, { trustedKeys });

// A day: 300 binding changes (150 new, 100 rebound, 50 removed), 10 status changes, 1 sanction.
const after: RegistryData = structuredClone(data);
let seed = 4242;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const upBindings: ListingBinding[] = [];
const rmBindings: string[] = [];
for (let i = 0; i < 150; i++) upBindings.push({ key: `taobao:item:${900_000_000_000 + i * 7919}`, store: pick(data.stores).key, evaluationId: pick(data.evaluations).id, since: '2026-06-01' });
const touched = new Set<number>();
while (touched.size < 150) touched.add(Math.floor(rnd() * data.bindings.length));
[...touched].forEach((i, n) => {
  const b = data.bindings[i]!;
  if (n < 100) upBindings.push({ ...b, evaluationId: pick(data.evaluations).id });
  else rmBindings.push(b.key);
});
const statusChange = (e: Evaluation): Evaluation => ({ ...e, history: [...e.history, { status: 'suspended', at: issuedAt, reason: '监督抽查不合格' }] });
const upEvaluations: Evaluation[] = [];
const seenEval = new Set<string>();
while (upEvaluations.length < 10) {
  const e = pick(data.evaluations);
  if (seenEval.has(e.id)) continue;
  seenEval.add(e.id);
  upEvaluations.push(statusChange(e));
}
const sanction: Sanction = { id: 'S-BENCH-1', uscc: pick(data.enterprises).uscc, kind: 'quality-dishonesty-blacklist', from: '2026-06-01' };
// The after-state digest, incrementally (as the registry keeps it): minus the old records, plus the new.
const acc = new DigestAccumulator(digest);
const evalById = new Map(data.evaluations.map((e) => [e.id, e]));
const bindingByKey = new Map(data.bindings.map((b) => [b.key, b]));
for (const b of upBindings) {
  const old = bindingByKey.get(b.key);
  if (old) acc.remove('bindings', old);
  acc.add('bindings', b);
}
for (const k of rmBindings) acc.remove('bindings', bindingByKey.get(k)!);
for (const e of upEvaluations) {
  acc.remove('evaluations', evalById.get(e.id)!);
  acc.add('evaluations', e);
}
acc.add('sanctions', sanction);
const dayDelta: RegistryDelta = {
  base: 1,
  sequence: 2,
  issuedAt,
  expiresAt,
  digest: await acc.value(),
  upsert: { bindings: upBindings, evaluations: upEvaluations, sanctions: [sanction] },
  remove: { bindings: rmBindings },
};
// The same state as plain data, for the full snapshot to compare with.
const rm = new Set(rmBindings);
const up = new Map(upBindings.map((b) => [b.key, b]));
after.bindings = after.bindings.filter((b) => !rm.has(b.key)).map((b) => up.get(b.key) ?? b);
after.bindings.push(...upBindings.filter((b) => !bindingByKey.has(b.key)));
const upE = new Map(upEvaluations.map((e) => [e.id, e]));
after.evaluations = after.evaluations.map((e) => upE.get(e.id) ?? e);
after.sanctions.push(sanction);
const afterDigest = await stateDigest(after);
if (afterDigest !== dayDelta.digest) throw new Error('bench: incremental digest differs from the full one');

const dayFile = await signDelta(encodeDelta(dayDelta), signer);
const fullFile = await signSnapshot(encodeSnapshot(after, { sequence: 2, issuedAt, expiresAt, digest: afterDigest }), signer);
const one = { ...dayDelta, digest: '', upsert: { evaluations: [upEvaluations[0]!] }, remove: {} };
const oneAcc = new DigestAccumulator(digest);
oneAcc.remove('evaluations', evalById.get(upEvaluations[0]!.id)!);
oneAcc.add('evaluations', upEvaluations[0]!);
one.digest = await oneAcc.value();
const oneFile = await signDelta(encodeDelta(one), signer);
const renewal = await signDelta(encodeDelta({ base: 1, sequence: 2, issuedAt, expiresAt, digest, upsert: {}, remove: {} }), signer);

// Apply (signature + strict parse + digest check + overlay + first verify of a changed listing) vs a full open (+ the same verify).
const probe = refOf(upBindings[0]!.key);
// Each in its own block of runs, blocks alternating: a full open leaves ~MBs of garbage whose
// collection would otherwise land in the next apply's time.
const applyTimes: number[] = [];
const openTimes: number[] = [];
const applyCpu: number[] = [];
const openCpu: number[] = [];
// Warm-up, untimed: both paths compiled before the first timed run (a client applies a delta every hour, opens rarely).
for (let i = 0; i < 5; i++) {
  await openSnapshot(fullFile, { trustedKeys });
  await applyDelta(base, await openDelta(dayFile, { trustedKeys }));
}
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < runs; i++) {
    openTimes.push(
      await timeAsync(async () => {
        const v = await openSnapshot(fullFile, { trustedKeys });
        if (v.verify(probe).status === 'not-found') throw new Error('bench: probe not found');
      }),
    );
    openCpu.push(lastCpu);
  }
  for (let i = 0; i < runs; i++) {
    applyTimes.push(
      await timeAsync(async () => {
        const v = await applyDelta(base, await openDelta(dayFile, { trustedKeys }));
        if (v.verify(probe).status === 'not-found') throw new Error('bench: probe not found');
      }),
    );
    applyCpu.push(lastCpu);
  }
}
const split = { open: [] as number[], apply: [] as number[], verify: [] as number[] };
for (let i = 0; i < runs; i++) {
  await settle();
  const t0 = performance.now();
  const d = await openDelta(dayFile, { trustedKeys });
  const t1 = performance.now();
  const v = await applyDelta(base, d);
  const t2 = performance.now();
  v.verify(probe);
  const t3 = performance.now();
  split.open.push(t1 - t0);
  split.apply.push(t2 - t1);
  split.verify.push(t3 - t2);
}
console.log(`split (medians of ${runs}): openDelta ${median(split.open).toFixed(2)} ms, applyDelta ${median(split.apply).toFixed(2)} ms, first verify ${median(split.verify).toFixed(2)} ms`);
const applyMs = median(applyTimes);
const openMs = median(openTimes);
const ratio = applyMs / openMs;
const applied = await applyDelta(base, await openDelta(dayFile, { trustedKeys }));
const full = await openSnapshot(fullFile, { trustedKeys });
let same = 0;
for (const k of [...upBindings.map((b) => b.key), ...rmBindings]) same += JSON.stringify(applied.verify(refOf(k)).status) === JSON.stringify(full.verify(refOf(k)).status) ? 1 : 0;

const gz = (b: Uint8Array) => gzipSync(b).length;
console.log(`full snapshot ${(gz(fullFile) / 1024).toFixed(0)} KB gzip; day delta ${dayFile.length} B raw, ${gz(dayFile)} B gzip; one status change ${oneFile.length} B raw, ${gz(oneFile)} B gzip; renewal ${renewal.length} B raw, ${gz(renewal)} B gzip`);
console.log(`apply day delta (open + apply + first verify), median of ${applyTimes.length}: ${applyMs.toFixed(2)} ms; full open of the same state: ${openMs.toFixed(1)} ms`);
console.log(`process CPU time, medians: apply ${median(applyCpu).toFixed(2)} ms, full open ${median(openCpu).toFixed(1)} ms: ${((median(applyCpu) / median(openCpu)) * 100).toFixed(2)} % (load-independent figure; every thread counted)`);
console.log(`verdicts of the ${upBindings.length + rmBindings.length} changed listings equal to the full snapshot's: ${same}`);
console.log('');
console.log(`${verdict(ratio <= 0.05)} apply: ${(ratio * 100).toFixed(2)} % of a full open (target ≤ 5 %)`);
console.log(`${verdict(gz(oneFile) <= 2048)} one status change: ${gz(oneFile)} B gzip (target ≤ 2 KB)`);
console.log(`(day's delta: ${gz(dayFile)} B gzip = ${((gz(dayFile) / gz(fullFile)) * 100).toFixed(2)} % of the full snapshot; state digest of ${records} records: ${digestMs.toFixed(0)} ms, ${(webTime / digestMs).toFixed(1)}× faster than WebCrypto)`);
