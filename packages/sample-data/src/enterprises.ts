import type { Enterprise } from '@zjmade/sdk';
import { createRng, weightedPicker } from './prng.js';
import { REGIONS, type Region } from './regions.js';
import { newUscc } from './uscc-gen.js';
import { COMPANY_SUFFIXES, INDUSTRIES, NAME_CHARS } from './words.js';

/** An enterprise with what later sections need to name its stores and listings. */
export interface EnterpriseSeed {
  enterprise: Enterprise;
  /** The trade name (字号), e.g. 华明. */
  trade: string;
  /** Pinyin of the trade name, for Tmall slugs. */
  pinyin: string;
}

const pickRegion = weightedPicker<Region>(REGIONS.map((r) => [r, r.weight] as const));
const pickSuffix = weightedPicker(COMPANY_SUFFIXES.map((s) => [s, s[2]] as const));

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function generateEnterprises(seed: number, count: number): EnterpriseSeed[] {
  const rng = createRng(seed ^ 0x1e57);
  const usccs = new Set<string>();
  const names = new Set<string>();
  const out: EnterpriseSeed[] = [];
  while (out.length < count) {
    const region = pickRegion(rng);
    let uscc = newUscc(rng, region.code);
    while (usccs.has(uscc)) uscc = newUscc(rng, region.code);
    usccs.add(uscc);
    const zhejiang = region.code.startsWith('33');
    const place = zhejiang && rng.chance(0.35) ? '浙江' : region.prefix;
    const placeEn = place === '浙江' ? 'Zhejiang' : undefined;
    let name = '';
    let trade = '';
    let pinyin = '';
    let industry = INDUSTRIES[0]!;
    let suffix = COMPANY_SUFFIXES[0]!;
    for (let attempt = 0; attempt < 50; attempt++) {
      const a = rng.pick(NAME_CHARS);
      const b = rng.pick(NAME_CHARS);
      if (a === b) continue;
      industry = rng.pick(INDUSTRIES);
      suffix = pickSuffix(rng);
      trade = a[0] + b[0];
      pinyin = a[1] + b[1];
      name = `${place}${trade}${industry[0]}${suffix[0]}`;
      if (!names.has(name)) break;
    }
    // A repeat after many attempts (only at large scales) becomes a branch-style distinct name.
    if (names.has(name)) name = `${place}${trade}${industry[0]}${out.length}号${suffix[0]}`;
    names.add(name);
    const enterprise: Enterprise = { uscc, name, region: region.code };
    if (placeEn && rng.chance(0.4)) {
      enterprise.nameEn = `${placeEn} ${capitalise(pinyin)} ${industry[1]} ${suffix[1]}`;
    }
    out.push({ enterprise, trade, pinyin });
  }
  return out;
}
