import { fail } from './envelope.js';
import { LO_DIGITS, type SnapshotHeader } from './format.js';
import type { KeyTable } from './key-table.js';
import { readVarints } from './varint.js';

const LO = 10 ** LO_DIGITS;

/** Where a key's trailing digits start when they are a canonical decimal of ≤ 30 digits, else -1 (as the encoder decides). */
function numericCut(key: string): number {
  let cut = key.length;
  while (cut > 0 && key.charCodeAt(cut - 1) >= 48 && key.charCodeAt(cut - 1) <= 57) cut--;
  const n = key.length - cut;
  return n < 1 || n > 2 * LO_DIGITS || (n > 1 && key.charCodeAt(cut) === 48) ? -1 : cut;
}

/** Compares key[0, cut) with `prefix` in UTF-16 order (the encoder's sort order), without slicing. */
function comparePrefix(key: string, cut: number, prefix: string): number {
  const n = Math.min(cut, prefix.length);
  for (let i = 0; i < n; i++) {
    const d = key.charCodeAt(i) - prefix.charCodeAt(i);
    if (d) return d;
  }
  return cut - prefix.length;
}

/** Listing-key index of the snapshot: numeric ids by binary search per group, other keys in the key table. */
export interface Listings {
  /** Binding index of `key`, or -1. */
  find(key: string): number;
  key(i: number): string;
  /** The run holding binding `i` (see format.ts, section 6). */
  run(i: number): number;
  runStore: Float64Array;
  runEval: Float64Array;
  runSince: Float64Array;
  runUntil: Float64Array;
}

export function createListings(file: Uint8Array, sec: number[], h: SnapshotHeader, keys: KeyTable, othersFrom: number): Listings {
  const nB = h.counts.bindings;
  const groups = h.groups;
  const groupStart = new Uint32Array(groups.length + 1);
  let nNumeric = 0;
  let wide = false;
  for (let g = 0; g < groups.length; g++) {
    groupStart[g] = nNumeric;
    nNumeric += groups[g]![1];
    if (groups[g]![2]) wide = true;
  }
  groupStart[groups.length] = nNumeric;
  if (nNumeric > nB) fail('corrupt', 'Snapshot listing groups are inconsistent.');
  const lo = new Float64Array(nNumeric);
  const hi = wide ? new Float64Array(nNumeric) : undefined;
  let p = sec[10]!;
  const end = sec[11]!;
  const one = new Float64Array(1);
  for (let g = 0; g < groups.length; g++) {
    const [, count, w] = groups[g]!;
    const from = groupStart[g]!;
    if (!w) {
      p = readVarints(file, p, end, count, lo, from, 0);
      continue;
    }
    let h1 = 0;
    let l1 = 0;
    for (let i = from; i < from + count; i++) {
      p = readVarints(file, p, end, 1, one);
      const v = one[0]!;
      if (v % 2 === 0) l1 += v / 2;
      else {
        h1 += (v - 1) / 2;
        p = readVarints(file, p, end, 1, one);
        l1 = one[0]!;
      }
      hi![i] = h1;
      lo[i] = l1;
    }
  }

  const runs = h.runs;
  const runEnd = new Float64Array(runs);
  const runStore = new Float64Array(runs);
  const runEval = new Float64Array(runs);
  const runSince = new Float64Array(runs);
  const runUntil = new Float64Array(runs);
  p = sec[12]!;
  p = readVarints(file, p, sec[13]!, runs, runEnd, 0, 0);
  for (const col of [runStore, runEval, runSince, runUntil]) p = readVarints(file, p, sec[13]!, runs, col);
  if (runs && runEnd[runs - 1] !== nB) fail('corrupt', 'Snapshot binding runs are inconsistent.');

  const groupOf = (i: number): number => {
    let a = 0;
    let b = groups.length - 1;
    while (a < b) {
      const m = (a + b + 1) >>> 1;
      if (groupStart[m]! <= i) a = m;
      else b = m - 1;
    }
    return a;
  };

  return {
    runStore,
    runEval,
    runSince,
    runUntil,
    find(key) {
      const cut = numericCut(key);
      if (cut >= 0) {
        let a = 0;
        let b = groups.length - 1;
        while (a <= b) {
          const g = (a + b) >>> 1;
          const c = comparePrefix(key, cut, groups[g]![0]);
          if (c > 0) a = g + 1;
          else if (c < 0) b = g - 1;
          else {
            // Parse the digits as hi·10^15 + lo without allocating.
            let vh = 0;
            let vl = 0;
            const split = Math.max(cut, key.length - LO_DIGITS);
            for (let i = cut; i < split; i++) vh = vh * 10 + key.charCodeAt(i) - 48;
            for (let i = split; i < key.length; i++) vl = vl * 10 + key.charCodeAt(i) - 48;
            let x = groupStart[g]!;
            let y = groupStart[g + 1]! - 1;
            while (x <= y) {
              const m = (x + y) >>> 1;
              const d = (hi ? hi[m]! - vh : 0) || lo[m]! - vl;
              if (d < 0) x = m + 1;
              else if (d > 0) y = m - 1;
              else return m;
            }
            return -1;
          }
        }
      }
      const j = keys.find(key, othersFrom, nB - nNumeric);
      return j < 0 ? -1 : nNumeric + j;
    },
    key(i) {
      if (i >= nNumeric) return keys.key(othersFrom + i - nNumeric);
      const g = groupOf(i);
      const h1 = hi ? hi[i]! : 0;
      return groups[g]![0] + (h1 ? h1 + String(lo[i]!).padStart(LO_DIGITS, '0') : String(lo[i]!));
    },
    run(i) {
      let a = 0;
      let b = runs - 1;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (runEnd[m]! <= i) a = m + 1;
        else b = m;
      }
      return a;
    },
  };
}
