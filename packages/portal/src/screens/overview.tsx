import { api } from '@zjmade/web-ui/api';
import type { Overview as OverviewAnswer, PortalEvaluation } from '../api-types.js';
import { ErrorBox } from '@zjmade/web-ui/error-box';
import { SortableTable } from '../components/sortable-table.js';
import { StatCards } from '../components/stat-cards.js';
import { type Translate, useI18n } from '../i18n/index.js';
import { useLoad } from '@zjmade/web-ui/use-load';

export const loadOverview = () => api<OverviewAnswer>('/v1/portal/overview');

export function daysText(t: Translate, days: number): string {
  return days >= 0 ? t('days.left', { days }) : t('days.overdue', { days: -days });
}

export function Overview() {
  const { t } = useI18n();
  const { data, error } = useLoad(loadOverview);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p aria-busy="true">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <dl class="facts">
        <div>
          <dt>{t('overview.enterprise')}</dt>
          <dd>{data.enterprise.name}</dd>
        </div>
        <div>
          <dt>{t('overview.uscc')}</dt>
          <dd class="mono">{data.enterprise.uscc}</dd>
        </div>
        <div>
          <dt>{t('overview.date')}</dt>
          <dd>{data.date}</dd>
        </div>
      </dl>
      <section aria-labelledby="alerts-h">
        <h2 id="alerts-h">{t('overview.alerts')}</h2>
        {data.alerts.length === 0 ? (
          <p>{t('overview.noAlerts')}</p>
        ) : (
          <ul class="alerts">
            {data.alerts.map((a) => (
              <li key={a.evaluationId} class={`alert w${a.days}`}>
                {t('overview.alert', { id: a.evaluationId, expires: a.expires, days: a.daysToExpiry, window: a.days })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cov-h">
        <h2 id="cov-h">{t('overview.coverage')}</h2>
        {data.coverage ? <StatCards totals={data.coverage} /> : <p>{t('overview.noCoverage')}</p>}
      </section>
      <section aria-labelledby="evals-h">
        <h2 id="evals-h">{t('overview.evaluations')}</h2>
        {data.evaluations.length === 0 ? <p>{t('overview.noEvaluations')}</p> : <Evaluations rows={data.evaluations} />}
      </section>
      <section aria-labelledby="stores-h">
        <h2 id="stores-h">{t('overview.stores')}</h2>
        {data.stores.length === 0 ? (
          <p>{t('overview.noStores')}</p>
        ) : (
          <ul class="stores">
            {data.stores.map((s) => (
              <li key={s.key}>
                {s.name} <span class="muted mono">{s.key}</span> · {t(s.role === 'official-flagship' ? 'role.official-flagship' : 'role.authorised')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Evaluations({ rows }: { rows: PortalEvaluation[] }) {
  const { t } = useI18n();
  return (
    <SortableTable
      caption={t('overview.evaluations')}
      rows={rows}
      rowKey={(e) => e.id}
      initial={{ id: 'days', desc: false }}
      columns={[
        { id: 'id', label: t('eval.id'), sort: (e) => e.id, cell: (e) => <span class="mono id">{e.id}</span> },
        { id: 'route', label: t('eval.route'), sort: (e) => e.route, cell: (e) => t(`route.${e.route}`) },
        { id: 'status', label: t('eval.status'), sort: (e) => e.status, cell: (e) => <span class={`pill ${e.status}`}>{t(`status.${e.status}`)}</span> },
        { id: 'standard', label: t('eval.standard'), sort: (e) => e.standard.code, cell: (e) => <><span class="mono id">{e.standard.code}</span>{e.standard.title ? <div class="muted">{e.standard.title}</div> : null}</> },
        { id: 'products', label: t('eval.products'), cell: (e) => e.products.map((p) => [p.name, p.model].filter(Boolean).join(' ')).join('；') },
        { id: 'expires', label: t('eval.expires'), sort: (e) => e.expires, cell: (e) => <span class="nowrap">{e.expires}</span> },
        { id: 'days', label: t('eval.days'), numeric: true, sort: (e) => e.daysToExpiry, cell: (e) => daysText(t, e.daysToExpiry) },
        { id: 'alert', label: t('eval.alert'), cell: (e) => (e.alert ? <span class={`pill w${e.alert}`}>{t('alert.window', { window: e.alert })}</span> : t('common.none')) },
      ]}
    />
  );
}
