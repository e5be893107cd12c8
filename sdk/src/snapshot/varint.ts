import { corrupt } from './envelope.js';

/**
 * Reads `count` unsigned LEB128 varints from `bytes[p…end)` into `out` from `at`; with `sum`, as
 * running sums from that value (lengths → offsets), modulo `mod` (each value is below it). Returns the position after them.
 */
export function readVarints(bytes: Uint8Array, p: number, end: number, count: number, out: Uint32Array | Float64Array, at = 0, sum?: number, mod = 2 ** 53): number {
  let acc = sum ?? 0;
  for (let i = 0; i < count; i++) {
    let b = bytes[p++]!;
    let v = b;
    // Most values are one byte; longer ones continue 7 bits at a time (no 32-bit shifts: up to 2^53).
    for (let m = 128; b > 127; m *= 128) {
      b = bytes[p++]!;
      v += (b - 1) * m; // the previous byte's 128 flag counted m too much: b − 1 keeps the sum exact
    }
    if (sum !== undefined) {
      acc += v;
      if (acc >= mod) acc -= mod; // both terms are below mod (a division here would cost more than the rest)
      v = acc;
    }
    out[at + i] = v;
  }
  // Checked once: reading past `end` only yields garbage values (never a fault), rejected here.
  if (p > end) corrupt();
  return p;
}

/** The first index in [lo, hi) whose value is greater than `x` (`hi` when none is). */
export function upperBound(values: ArrayLike<number>, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (values[m]! <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
