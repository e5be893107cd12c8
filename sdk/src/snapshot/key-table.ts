import { readVarints } from './varint.js';

const utf8 = new TextEncoder();
const text = new TextDecoder();

/**
 * Sorted UTF-8 keys, searched in place: nothing is split or hashed when the snapshot opens.
 * Key i is `file[offsets[i] … offsets[i + 1])`.
 */
export interface KeyTable {
  offsets: Uint32Array;
  key(i: number): string;
  /** Index of `key` among keys [from, from + count), or -1. O(log n), no allocation. */
  find(key: string, from: number, count: number): number;
}

export function keyTable(file: Uint8Array, start: number, lengths: number, lengthsEnd: number, count: number): KeyTable {
  const offsets = new Uint32Array(count + 1);
  offsets[0] = start;
  readVarints(file, lengths, lengthsEnd, count, offsets, 1, start);
  let q = new Uint8Array(256);
  return {
    offsets,
    key: (i) => text.decode(file.subarray(offsets[i], offsets[i + 1])),
    find(key, from, count) {
      if (q.length < key.length * 3) q = new Uint8Array(key.length * 3);
      const n = utf8.encodeInto(key, q).written;
      let lo = from;
      let hi = from + count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const a = offsets[mid]!;
        const len = offsets[mid + 1]! - a;
        let c = 0;
        for (let j = 0; j < len && j < n && !c; j++) c = file[a + j]! - q[j]!;
        c ||= len - n;
        if (c < 0) lo = mid + 1;
        else if (c > 0) hi = mid - 1;
        else return mid - from;
      }
      return -1;
    },
  };
}
