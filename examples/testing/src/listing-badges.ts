import type { RegistryClient, VerdictStatus } from '@zjmade/sdk';

/** A product card as a platform's listing service has it. */
export interface Product {
  id: string;
  url: string;
  title: string;
}

/** What the platform decides to draw for each card. */
export type BadgeDecision = 'verified' | 'store' | 'lapsed' | 'warning' | 'cant-verify' | 'none';

export interface DecoratedProduct extends Product {
  badge: BadgeDecision;
  status: VerdictStatus;
}

const LAPSED: readonly VerdictStatus[] = ['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned'];

/**
 * The integration under test: verify a page of products in ONE batch (titles go along only for
 * claim detection) and decide each card's badge. An unbacked 浙江制造 claim outranks the status.
 */
export async function decorateProducts(client: RegistryClient, products: readonly Product[]): Promise<DecoratedProduct[]> {
  const verdicts = await client.verify(products.map((p) => ({ url: p.url, text: p.title })));
  return products.map((p, i) => {
    const v = verdicts[i];
    if (!v) throw new Error(`no verdict for product ${p.id}`);
    let badge: BadgeDecision = 'none';
    if (v.status === 'unknown') badge = 'cant-verify';
    else if (v.claim === 'unbacked') badge = 'warning';
    else if (v.status === 'verified') badge = 'verified';
    else if (v.status === 'store-only') badge = 'store';
    else if (LAPSED.includes(v.status)) badge = 'lapsed';
    return { ...p, badge, status: v.status };
  });
}
