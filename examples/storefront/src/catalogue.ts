import type { SampleExamples } from '@zjmade/sample-data';
import { VERDICT_STATUSES } from '@zjmade/sdk';

/** Products for the storefront: sample listings of every verdict, plus unbacked claims. */
export function catalogueOf(examples: SampleExamples, registryUrl: string, perStatus = 2) {
  const products = [
    ...VERDICT_STATUSES.flatMap((s) => examples.byStatus[s].slice(0, perStatus).map((e) => ({ e, expect: s }))),
    ...examples.unbackedClaims.slice(0, perStatus).map((e) => ({ e, expect: 'unbacked' })),
  ].map(({ e, expect }, i) => ({ url: e.url, title: e.title, price: `¥${(29 + i * 13).toFixed(2)}`, expect }));
  return { registryUrl, locale: 'zh-CN' as const, products };
}
