import { corrupt } from './envelope.js';
import type { SnapshotHeader } from './format.js';
import type { KeyTable } from './key-table.js';
import { LO_DIGITS, numericCut } from './listing-key.js';
import { readVarints, upperBound } from './varint.js';

/** Listing-key index of the snapshot: numeric ids by binary search per group, other keys in the key table. */
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
  const groupOf = new Map<string, number>();
  let wide = 0;
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

  const cols = [0, 1, 2, 3, 4].map(() => new Float64Array(runs));
  p = readVarints(file, sec[12]!, sec[13]!, runs, cols[0]!, 0, 0);
  for (let c = 1; c < 5; c++) p = readVarints(file, p, sec[13]!, runs, cols[c]!);
  const runEnd = cols.shift()!;
  if (nNumeric > h.counts.bindings || (runs && runEnd[runs - 1] !== h.counts.bindings)) corrupt();

  return {
    cols,
    find(key) {
      const cut = numericCut(key);
      const g = cut < 0 ? undefined : groupOf.get(key.slice(0, cut));
      if (g === undefined) {
        const j = keys.find(key, othersFrom, h.counts.bindings - nNumeric);
        return j < 0 ? j : nNumeric + j;
      }
      // The digits as hi·10^15 + lo, compared in that order.
      const split = Math.max(cut, key.length - LO_DIGITS);
      let vh = 0;
      let vl = 0;
      for (let i = cut; i < key.length; i++) {
        if (i < split) vh = vh * 10 + key.charCodeAt(i) - 48;
        else vl = vl * 10 + key.charCodeAt(i) - 48;
      }
      let a = groupStart[g]!;
      let b = groupStart[g + 1]! - 1;
      while (a <= b) {
        const m = (a + b) >>> 1;
        const d = (wide ? hi[m]! - vh : 0) || lo[m]! - vl;
        if (d < 0) a = m + 1;
        else if (d > 0) b = m - 1;
        else return m;
      }
      return -1;
    },
    key(i) {
      if (i >= nNumeric) return keys.key(othersFrom + i - nNumeric);
      const g = upperBound(groupStart, 0, groups.length, i) - 1;
      return groups[g]![0] + (wide && hi[i] ? hi[i] + String(lo[i]).padStart(LO_DIGITS, '0') : lo[i]);
    },
    run: (i) => upperBound(runEnd, 0, runs, i),
  };
}
