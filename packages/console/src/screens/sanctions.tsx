import { useState } from 'preact/hooks';
import { api, qs } from '@zjmade/web-ui/api';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { Pager } from '../components/pager.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { useI18n } from '../i18n/index.js';
import type { Can, Page, Sanction } from '../types.js';

const KINDS = ['quality-dishonesty-blacklist', 'mark-misuse', 'other'] as const;
const LIMIT = 50;

function Lift({ s, onDone }: { s: Sanction; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await api(`/v1/console/sanctions/${encodeURIComponent(s.id)}/lift`, { method: 'POST', json: { until: f.get('until'), reason: f.get('reason') } });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details class="lift-box">
      <summary>{t('sanctions.lift')}</summary>
    <form class="lift" onSubmit={submit}>
      <label class="sr-only" for={`lu-${s.id}`}>
        {t('sanctions.liftUntil')}
      </label>
      <input id={`lu-${s.id}`} name="until" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} />
      <label class="sr-only" for={`lr-${s.id}`}>
        {t('sanctions.liftReason')}
      </label>
      <input id={`lr-${s.id}`} name="reason" required maxLength={500} placeholder={t('sanctions.liftReason')} />
      <button type="submit" class="secondary">
        {t('sanctions.lift')}
      </button>
      <ErrorBox error={error} />
    </form>
    </details>
  );
}

export function Sanctions({ can }: { can: Can }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(() => api<Page<Sanction>>(`/v1/console/sanctions${qs({ limit: LIMIT, offset })}`));
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const opt = (k: string) => (String(f.get(k) ?? '').trim() ? String(f.get(k)).trim() : undefined);
    setError(null);
    try {
      await api('/v1/console/sanctions', {
        method: 'POST',
        json: { uscc: String(f.get('uscc')).trim().toUpperCase(), kind: f.get('kind'), from: f.get('from'), until: opt('until'), reason: opt('reason'), source: opt('source') },
      });
      form.reset();
      setNotice(t('sanctions.added'));
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="sanctions-title">
      <h1 id="sanctions-title">{t('sanctions.title')}</h1>
      {can.changeCatalogue ? (
        <form class="panel grid-form add-sanction" onSubmit={add}>
          <h2 class="span">{t('sanctions.add')}</h2>
          <label for="s-uscc">{t('sanctions.uscc')}</label>
          <input id="s-uscc" name="uscc" required maxLength={18} class="mono" />
          <label for="s-kind">{t('sanctions.kind')}</label>
          <select id="s-kind" name="kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          <label for="s-from">{t('sanctions.from')}</label>
          <input id="s-from" name="from" type="date" required />
          <label for="s-until">{t('sanctions.until')}</label>
          <input id="s-until" name="until" type="date" />
          <label for="s-reason">{t('sanctions.reason')}</label>
          <input id="s-reason" name="reason" maxLength={500} />
          <label for="s-source">{t('sanctions.source')}</label>
          <input id="s-source" name="source" maxLength={256} />
          <span />
          <button type="submit">{t('sanctions.submit')}</button>
        </form>
      ) : null}
      <ErrorBox error={error} />
      <Notice text={notice} />
      <ErrorBox error={list.error} />
      {list.data && list.data.items.length === 0 ? <p class="muted">{t('sanctions.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div class="table-wrap">
          <table class="sanctions">
            <thead>
              <tr>
                <th>{t('sanctions.uscc')}</th>
                <th>{t('sanctions.kind')}</th>
                <th>{t('sanctions.from')}</th>
                <th>{t('sanctions.until')}</th>
                <th>{t('sanctions.reason')}</th>
                <th>{t('sanctions.source')}</th>
                {can.changeCatalogue ? <th>{t('sanctions.lift')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.id} data-id={s.id}>
                  <td class="mono id">{s.uscc}</td>
                  <td class="nowrap">{t(`kind.${s.kind as 'other'}`)}</td>
                  <td class="nowrap">{s.from}</td>
                  <td class="nowrap">{s.until ?? '—'}</td>
                  <td class="wrap">{s.reason ?? '—'}</td>
                  <td class="wrap">{s.source ?? '—'}</td>
                  {can.changeCatalogue ? (
                    <td>
                      {s.until && s.until <= new Date().toISOString().slice(0, 10) ? null : (
                        <Lift
                          s={s}
                          onDone={() => {
                            setNotice(t('sanctions.lifted'));
                            list.reload();
                          }}
                        />
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data ? <Pager total={list.data.total} limit={LIMIT} offset={offset} onPage={(o) => { setOffset(o); setTimeout(list.reload, 0); }} /> : null}
    </section>
  );
}
