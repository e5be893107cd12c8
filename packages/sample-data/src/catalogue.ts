import { createRng } from './prng.js';

/**
 * How many listings each enterprise sells online: heavy-tailed, as real brand owners are. A few
 * big brands list thousands of items, most certified manufacturers only a handful. Sizes follow a
 * fixed shape over the enterprise's size quantile (its rank in a seeded shuffle), so the shape is
 * the same at every scale and the total is exactly what was asked.
 */
export interface Catalogues {
  /** Target listing count per enterprise (same order as the enterprise list); they sum to the total. */
  size: number[];
  /** Size quantile per enterprise: 0 is the biggest brand, towards 1 the smallest. */
  quantile: number[];
}

/** The top 1% of enterprises are the big brands. */
export const BIG_BRAND_QUANTILE = 0.01;
/**
 * In multiples of the mean catalogue (the curve is rescaled to the total after): the smallest and
 * the biggest big brand (about 1,100 and 3,700 listings at 1×), then a step down to the biggest
 * of the rest (about 300), whose sizes fall off as a Pareto tail with this exponent, to a floor.
 * The big brands hold about half of all listings; the median enterprise lists a handful.
 */
const HEAD_EDGE = 42;
const HEAD_TOP = 130;
const TAIL_EDGE = 10.4;
const TAIL_EXPONENT = 1;
const FLOOR = 0.04;

function shape(q: number): number {
  if (q <= BIG_BRAND_QUANTILE) {
    const b = Math.log(HEAD_TOP / HEAD_EDGE) / Math.log(BIG_BRAND_QUANTILE / 0.0001);
    return HEAD_EDGE * (Math.max(q, 0.0001) / BIG_BRAND_QUANTILE) ** -b;
  }
  return Math.max(FLOOR, TAIL_EDGE * (q / BIG_BRAND_QUANTILE) ** -TAIL_EXPONENT);
}

export function generateCatalogues(seed: number, enterprises: number, total: number): Catalogues {
  const rng = createRng(seed ^ 0xca7a);
  const order = Array.from({ length: enterprises }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const quantile = new Array<number>(enterprises).fill(1);
  const raw = new Array<number>(enterprises).fill(0);
  order.forEach((enterprise, rank) => {
    const q = (rank + 0.5) / enterprises;
    quantile[enterprise] = q;
    raw[enterprise] = shape(q);
  });
  return { size: apportion(raw, total), quantile };
}

/** Integer shares of `total` proportional to `weights` (largest remainder; ties to the lower index). */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, n) => a + n, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}
