import type { BusinessDate, Sanction } from '@zjmade/sdk';
import { dateOf, dayOf } from './days.js';
import type { EnterpriseSeed } from './enterprises.js';
import { createRng } from './prng.js';

const REASONS = [
  '产品质量监督抽查不合格且拒不整改，列入质量失信黑名单',
  '生产销售假冒伪劣产品，列入质量失信黑名单',
  '伪造认证证书，列入质量失信黑名单',
];

/**
 * A handful of sanctions (about 10 at 1×): most on the quality-dishonesty blacklist, one for
 * misuse of the mark. Some have ended, some run past `asOf`, some are open-ended.
 */
export function generateSanctions(
  seed: number,
  count: number,
  enterprises: readonly EnterpriseSeed[],
  asOf: BusinessDate,
): Sanction[] {
  const rng = createRng(seed ^ 0x5a9c);
  const asOfDay = dayOf(asOf);
  const used = new Set<number>();
  const out: Sanction[] = [];
  while (out.length < count && used.size < enterprises.length) {
    const owner = rng.int(0, enterprises.length - 1);
    if (used.has(owner)) continue;
    used.add(owner);
    const i = out.length;
    // Every other sanction is in force at asOf, so examples always find one.
    const fromDay = i % 2 === 0 ? asOfDay - rng.int(30, 300) : asOfDay - rng.int(400, 1000);
    const from = dateOf(fromDay);
    const sanction: Sanction = {
      id: `ZJZL-HMD-${from.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`,
      uscc: enterprises[owner]!.enterprise.uscc,
      kind: i === 1 ? 'mark-misuse' : 'quality-dishonesty-blacklist',
      reason: i === 1 ? '冒用品字标，责令停止使用' : rng.pick(REASONS),
      from,
    };
    if (i % 4 !== 2) sanction.until = dateOf(fromDay + 365 * rng.int(1, 3) - 1);
    out.push(sanction);
  }
  return out;
}
