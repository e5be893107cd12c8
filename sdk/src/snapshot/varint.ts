import { fail } from './envelope.js';

/**
 * Reads `count` unsigned LEB128 varints from `bytes[p…end)` into `out` at `at`, optionally as
 * running sums (lengths → offsets); returns the position after the last one.
 */
export function readVarints(bytes: Uint8Array, p: number, end: number, count: number, out: Uint32Array | Float64Array, at = 0, sum = -1): number {
  let acc = sum;
  for (let i = 0; i < count; i++) {
    let v = 0;
    let m = 1;
    let b: number;
    do {
      if (p >= end) fail('corrupt', 'Snapshot data is truncated.');
      b = bytes[p++]!;
      v += (b & 127) * m;
      m *= 128;
    } while (b & 128);
    if (acc >= 0) v = acc += v;
    out[at + i] = v;
  }
  return p;
}
