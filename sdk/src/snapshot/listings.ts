import { corrupt } from './envelope.js';
import type { SnapshotHeader } from './format.js';
import type { KeyTable } from './key-table.js';
import { LO_DIGITS, numericCut } from './listing-key.js';
import { readVarints, upperBound } from './varint.js';

/** Listing-key index of the snapshot: numeric ids through a hash table built at open, other keys in the key table. */
export interface Listings {
  /** Binding index of `key`, or -1. */
  find(key: string): number;
  key(i: number): string;
  /** The binding's run (format.ts, section 6) and its columns: store, evaluation, since, until. */
  run(i: number): number;
  cols: Float64Array[];
}

export function createListings(file: Uint8Array, sec: number[], h: SnapshotHeader, keys: KeyTable, othersFrom: number): Listings {
  const { groups, runs } = h;
  const groupStart = new Uint32Array(groups.length + 1);
  let wide = 0;
  const groupOf = new Map<string, number>();
  groups.forEach(([prefix, count, w], g) => {
    groupStart[g + 1] = groupStart[g]! + count;
    groupOf.set(prefix, g);
    wide |= w;
  });
  const nNumeric = groupStart[groups.length]!;
  const lo = new Float64Array(nNumeric);
  const hi = new Float64Array(wide ? nNumeric : 0);
  let p = sec[10]!;
  groups.forEach(([, count, w], g) => {
    if (w) p = readVarints(file, p, sec[11]!, count, hi, groupStart[g], 0);
    p = readVarints(file, p, sec[11]!, count, lo, groupStart[g], 0, 10 ** LO_DIGITS);
  });

  p = sec[12]!;
  // Run ends (running sums), then the store, evaluation, since and until columns.
  const cols = [0, 1, 2, 3, 4].map((c) => {
    const col = new Float64Array(runs);
    p = readVarints(file, p, sec[13]!, runs, col, 0, c ? undefined : 0);
    return col;
  });
  const runEnd = cols.shift()!;
  if (nNumeric > h.counts.bindings || (runs && runEnd[runs - 1] !== h.counts.bindings)) corrupt();

  // Numeric ids are found through an open-addressing hash table of binding index + 1, built here:
  // a lookup parses the digits and probes once or twice, where a binary search would take ~17 steps.
  const bits = 32 - Math.clz32(2 * nNumeric);
  const mask = 2 ** bits - 1;
  const slot = (g: number, vh: number, vl: number) =>
    Math.imul(Math.imul((vl / 2 ** 32) ^ vh ^ (g << 24), 0x85ebca6b) ^ vl, 0x9e3779b1) >>> (32 - bits);
  const table = new Int32Array(mask + 1);
  for (let g = 0; g < groups.length; g++) {
    for (let m = groupStart[g]!; m < groupStart[g + 1]!; m++) {
      let s = slot(g, wide ? hi[m]! : 0, lo[m]!);
      while (table[s]) s = (s + 1) & mask;
      table[s] = m + 1;
    }
  }
  /** Index of the id `d` (canonical digits, see numericCut) in group `g`, or -1. */
  const numeric = (g: number, d: string): number => {
    // The digits as hi·10^15 + lo.
    let vh = 0;
    let vl = 0;
    for (let i = 0; i < d.length; i++) {
      if (i < d.length - LO_DIGITS) vh = vh * 10 + d.charCodeAt(i) - 48;
      else vl = vl * 10 + d.charCodeAt(i) - 48;
    }
    for (let s = slot(g, vh, vl); table[s]; s = (s + 1) & mask) {
      const m = table[s]! - 1;
      if (lo[m] === vl && (wide ? hi[m] : 0) === vh && m >= groupStart[g]! && m < groupStart[g + 1]!) return m;
    }
    return -1;
  };
  return {
    cols,
    find(key) {
      const cut = numericCut(key);
      const g = cut < 0 ? undefined : groupOf.get(key.slice(0, cut));
      // The id is scanned as a slice: keys are usually concatenations, which V8 reads char by char far slower.
      if (g !== undefined) return numeric(g, key.slice(cut));
      const j = keys.find(key, othersFrom, h.counts.bindings - nNumeric);
      return j < 0 ? j : nNumeric + j;
    },
    key(i) {
      if (i >= nNumeric) return keys.key(othersFrom + i - nNumeric);
      const g = upperBound(groupStart, 0, groups.length, i) - 1;
      return groups[g]![0] + (wide && hi[i] ? hi[i] + String(lo[i]).padStart(LO_DIGITS, '0') : lo[i]);
    },
    run: (i) => upperBound(runEnd, 0, runs, i),
  };
}
