import type { BusinessDate, Evaluation, ProductScope, StatusChange } from '@zjmade/sdk';
import { dateOf, dayOf, morningOf, validityEnd } from './days.js';
import type { EnterpriseSeed } from './enterprises.js';
import { createRng, type Rng, weightedPicker } from './prng.js';
import type { StandardSeed } from './standards.js';
import { CERT_BODIES, LAPSE_REASONS, PRODUCTS } from './words.js';

const VALIDITY_YEARS = 3;
const FIRST_DAY = dayOf('2017-01-01');
const SELF_DECLARATION_FROM = dayOf('2023-01-01');

const pickBody = weightedPicker(CERT_BODIES.map((b) => [b, b[2]] as const));

export interface EvaluationSeed {
  evaluation: Evaluation;
  /** Index of the enterprise in the enterprise list. */
  owner: number;
  /** The standard's product, for listing titles. */
  productNoun: string;
}

function scopes(rng: Rng, std: StandardSeed): ProductScope[] {
  const n = rng.chance(0.7) ? 1 : rng.int(2, 3);
  const out: ProductScope[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      name: std.standard.title,
      model: `${std.product.model}${rng.int(10, 999)}-${rng.pick(['A', 'B', 'C', 'E', 'H', 'S', 'Pro', 'Max'])}`,
      category: std.product.category,
    });
  }
  return out;
}

function reason(rng: Rng, kind: keyof typeof LAPSE_REASONS): string {
  return rng.pick(LAPSE_REASONS[kind]);
}

/**
 * Status changes for a realistic lifecycle mix, all before `asOf`: about 3.5% suspended, 1.5%
 * withdrawn (most after a suspension), 1.5% cancelled, 1.5% suspended then reinstated.
 */
function lifecycle(rng: Rng, issuedDay: number, expiresDay: number, asOfDay: number): StatusChange[] {
  const from = issuedDay + 90;
  const to = Math.min(expiresDay, asOfDay) - 1;
  if (to - from < 60) return [];
  const r = rng.next();
  const at = rng.int(from, to - 40);
  if (r < 0.035) return [{ status: 'suspended', at: morningOf(at), reason: reason(rng, 'suspended') }];
  if (r < 0.05) {
    const later = Math.min(to, at + rng.int(30, 180));
    return [
      { status: 'suspended', at: morningOf(at), reason: reason(rng, 'suspended') },
      { status: 'withdrawn', at: morningOf(later), reason: reason(rng, 'withdrawn') },
    ];
  }
  if (r < 0.065) return [{ status: 'cancelled', at: morningOf(at), reason: reason(rng, 'cancelled') }];
  if (r < 0.08) {
    const later = Math.min(to, at + rng.int(20, 120));
    return [
      { status: 'suspended', at: morningOf(at), reason: reason(rng, 'suspended') },
      { status: 'valid', at: morningOf(later), reason: reason(rng, 'reinstated') },
    ];
  }
  return [];
}

/**
 * Evaluations: every enterprise gets one, the rest go to enterprises weighted by catalogue size. Issue dates lean
 * recent (the scheme grew each year), so most are valid at `asOf` and older ones have expired.
 */
export function generateEvaluations(
  seed: number,
  count: number,
  enterprises: readonly EnterpriseSeed[],
  standards: readonly StandardSeed[],
  asOf: BusinessDate,
  catalogueSize: readonly number[],
): EvaluationSeed[] {
  const rng = createRng(seed ^ 0xe7a1);
  // Big catalogues span many product lines, so they hold more evaluations (sub-linearly).
  const pickOwner = weightedPicker(enterprises.map((_, i) => [i, (catalogueSize[i] ?? 0) ** 0.75 + 1] as const));
  const asOfDay = dayOf(asOf);
  // Standards are sorted by year: the first upTo[y] of them were published by year y.
  const upTo = new Map<number, number>();
  standards.forEach((s, i) => {
    upTo.set(s.year, i + 1);
  });
  const standardsBy = (year: number): number => {
    let n = 0;
    for (let y = 2015; y <= year; y++) n = upTo.get(y) ?? n;
    return Math.max(1, n);
  };
  const seq = new Map<string, number>();
  const nextSeq = (prefix: string): number => {
    const n = (seq.get(prefix) ?? 0) + 1;
    seq.set(prefix, n);
    return n;
  };
  const out: EvaluationSeed[] = [];
  for (let i = 0; i < count; i++) {
    const owner = i < enterprises.length ? i : pickOwner(rng);
    const issuedDay = FIRST_DAY + Math.floor((asOfDay - FIRST_DAY) * rng.next() ** 0.25);
    const issued = dateOf(issuedDay);
    const year = Number(issued.slice(0, 4));
    const std = standards[rng.int(0, standardsBy(year) - 1)]!;
    const expires = validityEnd(issued, VALIDITY_YEARS);
    const selfDeclared = issuedDay >= SELF_DECLARATION_FROM && rng.chance(0.2);
    const base = {
      brand: 'zhejiang-made' as const,
      uscc: enterprises[owner]!.enterprise.uscc,
      products: scopes(rng, std),
      standard: std.standard.code,
      issued,
      expires,
    };
    let evaluation: Evaluation;
    if (selfDeclared) {
      const n = nextSeq(`SD${year}`);
      evaluation = {
        id: `ZJM-SD-${year}-${String(n).padStart(6, '0')}`,
        route: 'self-declaration',
        ...base,
        history: [],
      };
    } else {
      const n = nextSeq(`C${year}`);
      const [body, mark] = pickBody(rng);
      const category = String(PRODUCTS.indexOf(std.product) + 1).padStart(3, '0');
      evaluation = {
        id: `CZJM${year}P${1_000_000 + n}`,
        route: 'certification',
        ...base,
        body,
        rule: `ZJM-${category}-${std.serial}-${std.year}`,
        history: [],
      };
      if (mark !== undefined && rng.chance(0.3)) evaluation.coMarks = [mark];
      else if (mark === undefined && rng.chance(0.04)) evaluation.coMarks = ['IQNet'];
    }
    evaluation.history = lifecycle(rng, issuedDay, dayOf(expires), asOfDay);
    out.push({ evaluation, owner, productNoun: std.product.noun });
  }
  return out;
}
