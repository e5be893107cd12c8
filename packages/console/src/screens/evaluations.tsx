import { useState } from 'preact/hooks';
import { api, qs } from '@zjmade/web-ui/api';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { Pager } from '../components/pager.js';
import { Pill } from '../components/pill.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { currentStatus, localToIso, when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { Affected, Can, Evaluation, EvaluationDetail, Page } from '../types.js';

const LIMIT = 25;
const ACTIONS = ['suspend', 'withdraw', 'cancel', 'reinstate'] as const;

function Detail({ id, can, onChanged }: { id: string; can: Can; onChanged: () => void }) {
  const { t, lang, num } = useI18n();
  const detail = useLoad(() => api<EvaluationDetail>(`/v1/console/evaluations/${encodeURIComponent(id)}`));
  const affected = useLoad(() => api<Affected>(`/v1/console/evaluations/${encodeURIComponent(id)}/affected?limit=50`));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const action = String(form.get('action'));
      const r = await api<{ evaluation: Evaluation; snapshot?: { sequence: number } | null }>(`/v1/console/evaluations/${encodeURIComponent(id)}/status`, {
        method: 'POST',
        json: { action, reason: form.get('reason'), effectiveAt: localToIso(String(form.get('effectiveAt') ?? '')) },
      });
      setNotice(t('evaluations.changed', { status: t(`status.${currentStatus(r.evaluation)}` as 'status.valid'), seq: String(r.snapshot?.sequence ?? '—') }));
      detail.reload();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const d = detail.data;
  return (
    <div class="panel detail" aria-live="polite">
      <ErrorBox error={detail.error} />
      {d ? (
        <>
          <h2>
            <span class="mono">{d.evaluation.id}</span> <Pill group="status" value={currentStatus(d.evaluation)} />
          </h2>
          <p>
            {d.evaluation.enterpriseName ?? d.evaluation.uscc} · <span class="mono">{d.evaluation.uscc}</span> · {d.evaluation.standard} · {d.evaluation.issued} – {d.evaluation.expires}
          </p>
          <p class="affects">{t('evaluations.affects', { listings: num(d.affects.listings), stores: num(d.affects.stores) })}</p>
          <h3>{t('evaluations.history')}</h3>
          {d.history.length === 0 ? (
            <p class="muted">{t('evaluations.noHistory')}</p>
          ) : (
            <ol class="history">
              {d.history.map((h) => (
                <li key={`${h.at}-${h.status}`}>
                  <Pill group="status" value={h.status} /> {when(h.at, lang)} {h.reason ? `· ${h.reason}` : ''}
                </li>
              ))}
            </ol>
          )}
          {can.changeCatalogue ? (
            <form class="grid-form status-form" onSubmit={submit}>
              <h3 class="span">{t('evaluations.change')}</h3>
              <label for="st-action">{t('evaluations.action')}</label>
              <select id="st-action" name="action">
                {ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`action.${a}`)}
                  </option>
                ))}
              </select>
              <label for="st-reason">{t('evaluations.reason')}</label>
              <input id="st-reason" name="reason" required maxLength={500} />
              <label for="st-at">{t('evaluations.effective')}</label>
              <input id="st-at" name="effectiveAt" type="datetime-local" />
              <span />
              <button type="submit" disabled={busy}>
                {busy ? t('common.working') : t('evaluations.apply')}
              </button>
            </form>
          ) : (
            <p class="muted read-only">{t('evaluations.readOnly')}</p>
          )}
          <ErrorBox error={error} />
          <Notice text={notice} />
          <h3>{t('evaluations.affected')}</h3>
          {affected.data ? (
            <>
              <p class="muted small">{affected.data.stores.slice(0, 30).join(' · ')}</p>
              <ul class="affected">
                {affected.data.items.map((l) => (
                  <li key={JSON.stringify(l)} class="mono">
                    {String(l.key ?? l.url ?? JSON.stringify(l))}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function Evaluations({ can }: { can: Can }) {
  const { t, num } = useI18n();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const list = useLoad(() => api<Page<Evaluation>>(`/v1/console/evaluations${qs({ q, limit: LIMIT, offset })}`));
  const search = (e: Event) => {
    e.preventDefault();
    setQ(String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? ''));
    setOffset(0);
    setTimeout(list.reload, 0);
  };
  return (
    <section aria-labelledby="ev-title">
      <h1 id="ev-title">{t('evaluations.title')}</h1>
      <form class="toolbar" onSubmit={search}>
        <label for="ev-q" class="sr-only">
          {t('evaluations.search')}
        </label>
        <input id="ev-q" name="q" type="search" placeholder={t('evaluations.search')} maxLength={128} />
        <button type="submit">{t('evaluations.go')}</button>
      </form>
      <ErrorBox error={list.error} />
      {list.data ? (
        <>
          <p class="muted small">{t('evaluations.total', { n: num(list.data.total) })}</p>
          <div class="table-wrap">
            <table class="evaluations">
              <thead>
                <tr>
                  <th>{t('evaluations.id')}</th>
                  <th>{t('evaluations.enterprise')}</th>
                  <th>{t('evaluations.standard')}</th>
                  <th>{t('evaluations.products')}</th>
                  <th>{t('evaluations.expires')}</th>
                  <th>{t('evaluations.status')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <tr key={e.id} data-id={e.id}>
                    <td class="mono id">{e.id}</td>
                    <td class="wrap">{e.enterpriseName ?? e.uscc}</td>
                    <td>{e.standard}</td>
                    <td class="wrap">{[...new Set(e.products.map((p) => p.name))].join('、')}</td>
                    <td>{e.expires}</td>
                    <td>
                      <Pill group="status" value={currentStatus(e)} />
                    </td>
                    <td>
                      <button type="button" class="secondary open" onClick={() => setOpen(open === e.id ? null : e.id)} aria-expanded={open === e.id}>
                        {t('evaluations.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onPage={(o) => { setOffset(o); setTimeout(list.reload, 0); }} />
        </>
      ) : null}
      {open ? <Detail key={open} id={open} can={can} onChanged={list.reload} /> : null}
    </section>
  );
}
