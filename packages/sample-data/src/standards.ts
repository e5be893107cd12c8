import type { BusinessDate, Standard } from '@zjmade/sdk';
import { createRng } from './prng.js';
import { PRODUCTS, type Product } from './words.js';

export const ISSUER_PROMOTION = '浙江省浙江制造品牌建设促进会';
export const ISSUER_QUALITY = '浙江省质量协会';

export interface StandardSeed {
  standard: Standard;
  product: Product;
  serial: string;
  year: number;
}

/** Standards grow far slower than enterprises, so `scale` is damped. */
export function standardCount(scale: number): number {
  return Math.max(50, Math.round(3900 * scale ** 0.35));
}

/**
 * `T/ZZB NNNN-YYYY` standards ordered by year (serials rise with time), about 8% of them older
 * editions superseded by a newer one with the same serial. Sorted by year so that an evaluation
 * can pick among standards published by its issue year.
 */
export function generateStandards(seed: number, count: number, asOf: BusinessDate): StandardSeed[] {
  const rng = createRng(seed ^ 0x57a4);
  const lastYear = Number(asOf.slice(0, 4));
  const serials = Math.min(9999, Math.round(count / 1.08));
  const titles = new Set<string>();
  const current: StandardSeed[] = [];
  for (let k = 0; k < serials; k++) {
    const year = Math.min(lastYear, 2015 + Math.floor((k / serials) * (lastYear - 2015 + 0.9)));
    const serial = String(k + 1).padStart(4, '0');
    let product = rng.pick(PRODUCTS);
    let title = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      product = rng.pick(PRODUCTS);
      title = rng.pick(product.qualifiers) + product.noun;
      if (!titles.has(title)) break;
    }
    titles.add(title);
    const issuer = year >= 2025 && rng.chance(0.4) ? ISSUER_QUALITY : ISSUER_PROMOTION;
    const standard: Standard = {
      code: `T/ZZB ${serial}-${year}`,
      title,
      issuer,
      status: rng.chance(0.01) ? 'withdrawn' : 'current',
    };
    current.push({ standard, product, serial, year });
  }
  const older: StandardSeed[] = [];
  const extra = Math.max(0, count - serials);
  for (let i = 0; i < extra; i++) {
    const next = current[rng.int(0, current.length - 1)]!;
    if (next.year < 2018 || next.standard.status !== 'current') continue;
    const year = Math.max(2015, next.year - rng.int(2, 4));
    const code = `T/ZZB ${next.serial}-${year}`;
    if (older.some((o) => o.standard.code === code)) continue;
    older.push({
      standard: {
        code,
        title: next.standard.title,
        issuer: ISSUER_PROMOTION,
        status: 'superseded',
        successor: next.standard.code,
      },
      product: next.product,
      serial: next.serial,
      year,
    });
  }
  return [...current, ...older].sort((a, b) => a.year - b.year || (a.standard.code < b.standard.code ? -1 : 1));
}
