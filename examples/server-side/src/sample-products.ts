import type { SampleExamples } from '@zjmade/sample-data';
import { VERDICT_STATUSES } from '@zjmade/sdk';
import type { Product } from './listing-page.js';

/** A few sample listings of every verdict, plus unbacked claims, as products. */
export function sampleProducts(examples: SampleExamples, perStatus = 2): Product[] {
  const picked = VERDICT_STATUSES.flatMap((s) => examples.byStatus[s].slice(0, perStatus));
  picked.push(...examples.unbackedClaims.slice(0, perStatus));
  return picked.map((e, i) => ({ url: e.url, title: e.title, price: `¥${(39 + i * 17).toFixed(2)}` }));
}
