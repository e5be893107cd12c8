import type { ListingBinding } from '../model.js';
import { LO_DIGITS, numericCut } from './listing-key.js';
import { VarintWriter } from './varint-writer.js';

/** A numeric group needs this many keys; rarer prefixes (e.g. hex ids ending in digits) stay whole keys. */
const MIN_GROUP = 4;
const LO = 10 ** LO_DIGITS;

interface NumericKey {
  hi: number;
  lo: number;
  binding: ListingBinding;
}

export interface ListingLayout {
  groups: [string, number, number][];
  /** Section 5. */
  ids: Uint8Array;
  /** Bindings in snapshot order: the numeric groups, then `others` (already sorted by the caller). */
  numeric: ListingBinding[];
  others: ListingBinding[];
}

/** Splits bindings into numeric-id groups (delta-coded) and other keys. */
export function layoutListings(bindings: readonly ListingBinding[]): ListingLayout {
  const byPrefix = new Map<string, NumericKey[]>();
  const others: ListingBinding[] = [];
  for (const b of bindings) {
    const cut = numericCut(b.key);
    if (cut < 0) {
      others.push(b);
      continue;
    }
    const digits = b.key.slice(cut);
    const split = Math.max(0, digits.length - LO_DIGITS);
    const entry = { hi: split ? Number(digits.slice(0, split)) : 0, lo: Number(digits.slice(split)), binding: b };
    const prefix = b.key.slice(0, cut);
    const list = byPrefix.get(prefix);
    if (list) list.push(entry);
    else byPrefix.set(prefix, [entry]);
  }
  const groups: [string, number, number][] = [];
  const numeric: ListingBinding[] = [];
  const ids = new VarintWriter();
  for (const prefix of [...byPrefix.keys()].sort()) {
    const list = byPrefix.get(prefix)!;
    if (list.length < MIN_GROUP) {
      for (const x of list) others.push(x.binding);
      continue;
    }
    list.sort((a, b) => a.hi - b.hi || a.lo - b.lo);
    const wide = list.some((x) => x.hi !== 0) ? 1 : 0;
    groups.push([prefix, list.length, wide]);
    // Wide groups: the hi column (ascending deltas), then every group: lo deltas modulo 10^15.
    for (let i = 0; wide && i < list.length; i++) ids.push(list[i]!.hi - (i ? list[i - 1]!.hi : 0));
    for (let i = 0; i < list.length; i++) ids.push((((list[i]!.lo - (i ? list[i - 1]!.lo : 0)) % LO) + LO) % LO);
    for (const x of list) numeric.push(x.binding);
  }
  return { groups, ids: ids.bytes(), numeric, others };
}

/** Section 6: runs of bindings that agree on every column. `columns` gives each binding's values. */
export function encodeRuns(count: number, column: (i: number, c: number) => number): { runs: number; bytes: Uint8Array } {
  const cols = [new VarintWriter(), new VarintWriter(), new VarintWriter(), new VarintWriter(), new VarintWriter()];
  let runs = 0;
  for (let i = 0; i < count; ) {
    let j = i + 1;
    while (j < count && column(j, 0) === column(i, 0) && column(j, 1) === column(i, 1) && column(j, 2) === column(i, 2) && column(j, 3) === column(i, 3)) j++;
    cols[0]!.push(j - i);
    for (let c = 0; c < 4; c++) cols[c + 1]!.push(column(i, c));
    runs++;
    i = j;
  }
  const out = new Uint8Array(cols.reduce((n, w) => n + w.length, 0));
  let p = 0;
  for (const w of cols) {
    out.set(w.bytes(), p);
    p += w.length;
  }
  return { runs, bytes: out };
}
