// Brand-owner coverage over 100,000 listings for one enterprise of the 1× sample registry.
// Prints the time and the ratio against a plain verifyListing loop over the same listings,
// measured in the same run (absolute times depend on the machine; the ratio much less).
import { performance } from 'node:perf_hooks';
import { createMemoryView, type RegistryData, verifyListing } from '@zjmade/sdk';
import { coverage, resolveListing } from '@zjmade/sdk/coverage';
// The test package does not depend on sample-data; its sources are imported directly.
import { generateRegistry, itemUrl } from '../../packages/sample-data/src/index.js';

const COUNT = 100_000;
const ROUNDS = 5;
const AT = '2026-11-01';

function busiestEnterprise(data: RegistryData): string {
  const stores = new Map<string, number>();
  for (const s of data.stores) stores.set(s.uscc, (stores.get(s.uscc) ?? 0) + 1);
  let best = '';
  let bestCount = -1;
  for (const [uscc, n] of stores) if (n > bestCount || (n === bestCount && uscc < best)) [best, bestCount] = [uscc, n];
  return best;
}

type Row = { listing: string; title: string; row: number };

/** The enterprise's bound listings, 60% other enterprises' listings, the rest unknown: as keys and as URLs. */
function listingsFor(data: RegistryData, uscc: string): { keys: Row[]; urls: Row[] } {
  const stores = new Map(data.stores.map((s) => [s.key, s]));
  const own = new Set(data.stores.filter((s) => s.uscc === uscc).map((s) => s.key));
  const mine = data.bindings.filter((b) => own.has(b.store));
  const others = data.bindings.filter((b) => !own.has(b.store)).slice(0, Math.floor(COUNT * 0.6));
  const picked = [...mine, ...others];
  const keys: string[] = picked.map((b) => b.key);
  const urls: string[] = picked.map((b) => {
    const s = stores.get(b.store)!;
    return itemUrl(s.platform, b.key.slice(b.key.indexOf(':item:') + 6), s.shopId);
  });
  for (let i = 0; keys.length < COUNT; i++) {
    keys.push(`jd:item:${900_000_000 + i}`);
    urls.push(`https://item.jd.com/${900_000_000 + i}.html`);
  }
  const rows = (xs: string[]) => xs.map((listing, i) => ({ listing, title: i % 7 === 0 ? `浙江制造 保温杯 ${i}` : `保温杯 ${i}`, row: i + 2 }));
  return { keys: rows(keys), urls: rows(urls) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const t0 = performance.now();
const data = generateRegistry();
const view = createMemoryView(data);
console.log(`sample registry 1×: ${data.bindings.length} bindings, ready in ${(performance.now() - t0).toFixed(0)} ms`);
const uscc = busiestEnterprise(data);
const inputs = listingsFor(data, uscc);
console.log(`enterprise ${uscc}: ${COUNT.toLocaleString('en')} listings`);

let sink = 0;
function measure(label: string, listings: Row[]): void {
  const base: number[] = [];
  const cov: number[] = [];
  const covCpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    for (const l of listings) {
      const ref = resolveListing(l.listing);
      if (ref && verifyListing(ref, view, { at: AT, text: l.title }).status === 'verified') sink++;
    }
    base.push(performance.now() - t);
    t = performance.now();
    const cpu = process.cpuUsage();
    const report = coverage({ uscc, listings }, view, { at: AT });
    cov.push(performance.now() - t);
    covCpu.push(process.cpuUsage(cpu).user / 1000);
    sink += report.totals.backed;
  }
  const b = median(base);
  const c = median(cov);
  console.log(`\n${label}`);
  console.log(`  baseline (resolve + verifyListing loop): ${b.toFixed(1)} ms (median of ${ROUNDS})`);
  console.log(`  coverage(): ${c.toFixed(1)} ms wall, ${median(covCpu).toFixed(1)} ms CPU (median of ${ROUNDS})`);
  console.log(`  ratio coverage / baseline: ${(c / b).toFixed(2)}×`);
}

measure('listings given as canonical keys', inputs.keys);
measure('listings given as marketplace URLs', inputs.urls);
console.log(`\n(checksum ${sink})`);
