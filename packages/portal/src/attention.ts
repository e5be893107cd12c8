import type { CoverageReport } from './api-types.js';
import type { Translate } from './i18n/index.js';

/**
 * What needs attention, in the page's language: the conditions of the SDK's `attention` list
 * (coverage.ts), which it words in English only, read from the same report's fields.
 */
export function attentionOf(r: CoverageReport, t: Translate, num: (n: number) => string): string[] {
  const out: string[] = [];
  if (!r.enterprise) out.push(t('attn.unknownEnterprise', { uscc: r.uscc }));
  if (r.unbound.length) out.push(t('attn.unbound', { n: num(r.unbound.length) }));
  if (r.renewals.listings.length || r.renewals.evaluations.length) {
    out.push(t('attn.renewals', { evaluations: num(r.renewals.evaluations.length), n: num(r.renewals.listings.length), days: Math.max(0, ...r.windows) }));
  }
  if (r.lapsed.length) out.push(t('attn.lapsed', { n: num(r.lapsed.length) }));
  if (r.unbackedClaims.length) out.push(t('attn.claims', { n: num(r.unbackedClaims.length) }));
  if (r.notOurs.length) out.push(t('attn.notOurs', { n: num(r.notOurs.length) }));
  if (r.forgottenStores?.length) out.push(t('attn.forgotten', { n: num(r.forgottenStores.length) }));
  if (r.invalid.length) out.push(t('attn.invalid', { n: num(r.invalid.length) }));
  return out;
}
