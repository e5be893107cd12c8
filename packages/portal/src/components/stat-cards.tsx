import { useI18n } from '../i18n/index.js';

export interface Totals {
  listings: number;
  ours: number;
  backed: number;
  unbound: number;
  lapsed: number;
  notOurs: number;
  coverage: number;
}

export function StatCards({ totals }: { totals: Totals }) {
  const { t, num, pct } = useI18n();
  const cards: [string, string, string][] = [
    [t('cov.coverage'), pct(totals.coverage), 'accent'],
    [t('cov.listings'), num(totals.listings), ''],
    [t('cov.ours'), num(totals.ours), ''],
    [t('cov.backed'), num(totals.backed), 'good'],
    [t('cov.unbound'), num(totals.unbound), 'warn'],
    [t('cov.lapsed'), num(totals.lapsed), 'bad'],
    [t('cov.notOurs'), num(totals.notOurs), ''],
  ];
  return (
    <dl class="cards">
      {cards.map(([label, value, tone]) => (
        <div class={`card ${tone}`} key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
