import { useMemo } from 'preact/hooks';
import { api } from '@zjmade/web-ui/api';
import type { Breakdown, CoverageReport, EvaluationGroup } from '../api-types.js';
import { attentionOf } from '../attention.js';
import { BarChart, type BarSeries } from '../components/bar-chart.js';
import { ErrorBox } from '@zjmade/web-ui/error-box';
import { SortableTable } from '../components/sortable-table.js';
import { StatCards } from '../components/stat-cards.js';
import { CATALOGUES, type I18n, type MessageKey, useI18n } from '../i18n/index.js';
import { useLoad } from '@zjmade/web-ui/use-load';

const COLOURS = { backed: '#2e7d32', unbound: '#f9a825', lapsed: '#c62828', notOurs: '#9e9e9e' } as const;

function seriesOf(t: I18n['t'], rows: Breakdown[]): BarSeries[] {
  return (Object.keys(COLOURS) as (keyof typeof COLOURS)[]).map((k) => ({ name: t(`cov.${k}`), colour: COLOURS[k], values: rows.map((r) => r[k]) }));
}

export function Coverage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { data, error } = useLoad(() => api<CoverageReport>('/v1/portal/coverage'));
  const chart = useMemo(() => (data ? { labels: data.platforms.map((p) => platformName(t, p.platform)), series: seriesOf(t, data.platforms) } : null), [data, t]);
  if (error) return <ErrorBox error={error} />;
  if (!data || !chart) return <p aria-busy="true">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('coverage.title')}</h1>
      <p class="hint">
        {t('coverage.intro')} {t('coverage.date', { date: data.date })}
      </p>
      <p class="toolbar">
        <span>{t('coverage.download')}:</span>
        <a class="button secondary" href="/v1/portal/coverage?format=csv" download>
          {t('coverage.csv')}
        </a>
        <a class="button secondary" href="/v1/portal/coverage?format=xlsx" download>
          {t('coverage.xlsx')}
        </a>
      </p>
      <StatCards totals={data.totals} />
      {data.needsAttention ? (
        <section aria-labelledby="attn-h">
          <h2 id="attn-h">{t('coverage.attention')}</h2>
          <ul>
            {attentionOf(data, t, i18n.num).map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="plat-h">
        <h2 id="plat-h">{t('coverage.byPlatform')}</h2>
        {data.platforms.length > 0 ? <BarChart labels={chart.labels} series={chart.series} title={t('coverage.chartPlatforms')} /> : <p>{t('coverage.none')}</p>}
        <BreakdownTable rows={data.platforms} caption={t('coverage.byPlatform')} i18n={i18n} label={(r) => platformName(t, r.platform)} />
      </section>
      <section aria-labelledby="store-h">
        <h2 id="store-h">{t('coverage.byStore')}</h2>
        <BreakdownTable rows={data.stores} caption={t('coverage.byStore')} i18n={i18n} label={(r) => `${r.label} · ${platformName(t, r.platform)}`} />
      </section>
      <section aria-labelledby="eval-h">
        <h2 id="eval-h">{t('coverage.byEvaluation')}</h2>
        <EvaluationTable rows={data.backed.byEvaluation} i18n={i18n} />
      </section>
    </>
  );
}

function platformName(t: I18n['t'], platform: string): string {
  const key = `platform.${platform}` as MessageKey;
  return key in CATALOGUES['zh-CN'] ? t(key) : platform;
}

function BreakdownTable({ rows, caption, i18n, label }: { rows: Breakdown[]; caption: string; i18n: I18n; label: (r: Breakdown) => string }) {
  const { t, num, pct } = i18n;
  if (rows.length === 0) return <p>{t('coverage.none')}</p>;
  const n = (k: 'listings' | 'backed' | 'unbound' | 'lapsed' | 'notOurs') => ({ id: k, label: t(`cov.${k}`), numeric: true, sort: (r: Breakdown) => r[k], cell: (r: Breakdown) => num(r[k]) });
  return (
    <SortableTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      initial={{ id: 'listings', desc: true }}
      columns={[
        { id: 'label', label: t('coverage.label'), sort: label, cell: label },
        n('listings'),
        n('backed'),
        n('unbound'),
        n('lapsed'),
        n('notOurs'),
        { id: 'coverage', label: t('coverage.share'), numeric: true, sort: (r) => r.coverage, cell: (r) => pct(r.coverage) },
      ]}
    />
  );
}

function EvaluationTable({ rows, i18n }: { rows: EvaluationGroup[]; i18n: I18n }) {
  const { t, num } = i18n;
  if (rows.length === 0) return <p>{t('coverage.none')}</p>;
  return (
    <SortableTable
      caption={t('coverage.byEvaluation')}
      rows={rows}
      rowKey={(r) => r.evaluationId}
      initial={{ id: 'listings', desc: true }}
      columns={[
        { id: 'evaluation', label: t('coverage.evaluation'), sort: (r) => r.evaluationId, cell: (r) => <span class="mono id">{r.evaluationId}</span> },
        { id: 'standard', label: t('coverage.standard'), sort: (r) => r.standard, cell: (r) => r.standard },
        { id: 'products', label: t('eval.products'), cell: (r) => r.products.join('；') },
        { id: 'expires', label: t('coverage.expires'), sort: (r) => r.expires, cell: (r) => <span class="nowrap">{r.expires}</span> },
        { id: 'listings', label: t('coverage.listingsCol'), numeric: true, sort: (r) => r.listings, cell: (r) => num(r.listings) },
      ]}
    />
  );
}
