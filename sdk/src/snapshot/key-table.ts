import { readVarints } from './varint.js';

const utf8 = new TextEncoder();
const text = new TextDecoder();

/**
 * Sorted UTF-8 keys, searched in place: nothing is split or hashed when the snapshot opens.
 * `offsets[i]` is where key i starts in the file; key i ends where key i + 1 starts.
 */
export class KeyTable {
  private scratch = new Uint8Array(256);
  readonly offsets: Uint32Array;

  constructor(
    private readonly file: Uint8Array,
    start: number,
    lengths: number,
    lengthsEnd: number,
    count: number,
  ) {
    this.offsets = new Uint32Array(count + 1);
    this.offsets[0] = start;
    readVarints(file, lengths, lengthsEnd, count, this.offsets, 1, start);
  }

  key(i: number): string {
    return text.decode(this.file.subarray(this.offsets[i], this.offsets[i + 1]));
  }

  /** Index of `key` among keys [from, from + count), or -1. O(log n), no allocation. */
  find(key: string, from: number, count: number): number {
    if (this.scratch.length < key.length * 3) this.scratch = new Uint8Array(key.length * 3);
    const q = this.scratch;
    const n = utf8.encodeInto(key, q).written;
    const { file, offsets } = this;
    let lo = from;
    let hi = from + count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const a = offsets[mid]!;
      const len = offsets[mid + 1]! - a;
      const m = len < n ? len : n;
      let c = 0;
      for (let j = 0; j < m && c === 0; j++) c = file[a + j]! - q[j]!;
      if (c === 0) c = len - n;
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid - from;
    }
    return -1;
  }
}
