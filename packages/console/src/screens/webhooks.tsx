import { useState } from 'preact/hooks';
import { ApiError, api } from '@zjmade/web-ui/api';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { useLoad } from '@zjmade/web-ui/use-load';
import { when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { Can, Delivery, Page, WebhookEndpoint } from '../types.js';

const EVENTS = ['evaluation.status_changed', 'evaluation.lapsed', 'sanction.added', 'sanction.lifted', 'listing.bound', 'listing.unbound', 'report.confirmed_misuse'] as const;
const PLATFORMS = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin', '1688', 'suning', 'vip', 'kuaishou', 'xiaohongshu'];
const BASE = '/v1/console/webhooks';

function Deliveries({ ep, staff }: { ep: WebhookEndpoint; staff: boolean }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => api<Page<Delivery>>(`${BASE}/${encodeURIComponent(ep.id)}/deliveries?limit=50`));
  const [error, setError] = useState<unknown>(null);
  const replay = async (d: Delivery) => {
    try {
      await api(`${BASE}/${encodeURIComponent(ep.id)}/deliveries/${d.id}/replay`, { method: 'POST' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="deliveries">
      <h3>
        {t('webhooks.deliveries')}{' '}
        <button type="button" class="secondary small" onClick={list.reload}>
          ↻
        </button>
      </h3>
      <ErrorBox error={list.error ?? error} />
      {list.data ? (
        <div class="table-wrap">
          <table class="delivery-log">
            <thead>
              <tr>
                <th class="num">#</th>
                <th>{t('webhooks.type')}</th>
                <th>{t('webhooks.state')}</th>
                <th>{t('webhooks.attempts')}</th>
                <th>webhook-id</th>
                {staff ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id} data-type={d.type} data-state={d.state}>
                  <td class="num">{d.id}</td>
                  <td class="mono id">{d.type}</td>
                  <td>
                    <span class={`pill ${d.state === 'succeeded' ? 'valid' : d.state === 'failed' ? 'cancelled' : 'suspended'}`}>{d.state}</span>
                  </td>
                  <td class="small">
                    {d.attempts.map((a) => (
                      <div key={a.attempt}>
                        {when(a.at, lang)} · {a.status ?? a.error ?? '—'} · {a.durationMs} ms
                      </div>
                    ))}
                    {d.nextAttemptAt ? <div class="muted">→ {when(d.nextAttemptAt, lang)}</div> : null}
                  </td>
                  <td class="mono small">{d.messageId}</td>
                  {staff ? (
                    <td>
                      <button type="button" class="secondary" onClick={() => void replay(d)}>
                        {t('webhooks.replay')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export function Webhooks({ can }: { can: Can }) {
  const { t, lang } = useI18n();
  const staff = can.people;
  const list = useLoad(() => api<{ items: WebhookEndpoint[] }>(BASE));
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setError(null);
    try {
      const platform = String(f.get('platform') ?? '');
      const description = String(f.get('description') ?? '').trim();
      const r = await api<{ endpoint: WebhookEndpoint; secret: string }>(BASE, {
        method: 'POST',
        json: { url: String(f.get('url')).trim(), eventTypes: f.getAll('eventTypes').map(String), ...(platform ? { platform } : {}), ...(description ? { description } : {}) },
      });
      setSecret(r.secret);
      form.reset();
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const act = async (ep: WebhookEndpoint, verb: 'rotate' | 'enable' | 'disable' | 'test') => {
    setError(null);
    try {
      const r = await api<{ secret?: string }>(`${BASE}/${encodeURIComponent(ep.id)}/${verb}`, { method: 'POST' });
      if (r.secret) setSecret(r.secret);
      setNotice(t('common.done'));
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  if (list.error instanceof ApiError && list.error.status === 404) return <p class="muted">{t('webhooks.unavailable')}</p>;
  return (
    <section aria-labelledby="wh-title">
      <h1 id="wh-title">{t('webhooks.title')}</h1>
      {staff ? (
        <form class="panel grid-form add-webhook" onSubmit={create}>
          <h2 class="span">{t('webhooks.add')}</h2>
          <label for="w-url">{t('webhooks.url')}</label>
          <input id="w-url" name="url" type="url" required maxLength={2048} placeholder="https://hooks.example.com/zjmade" />
          <span class="label">{t('webhooks.events')}</span>
          <fieldset class="events">
            <legend class="sr-only">{t('webhooks.events')}</legend>
            {EVENTS.map((ev) => (
              <label key={ev} class="check mono">
                <input type="checkbox" name="eventTypes" value={ev} defaultChecked={ev !== 'evaluation.lapsed'} /> {ev}
              </label>
            ))}
          </fieldset>
          <label for="w-platform">{t('webhooks.platform')}</label>
          <select id="w-platform" name="platform">
            <option value="">—</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <label for="w-desc">{t('webhooks.description')}</label>
          <input id="w-desc" name="description" maxLength={200} />
          <span />
          <button type="submit">{t('webhooks.create')}</button>
        </form>
      ) : null}
      {secret ? (
        <div class="notice secret" role="status">
          <p id="w-secret-label">{t('webhooks.secret')}</p>
          <input readOnly aria-labelledby="w-secret-label" value={secret} class="mono" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
        </div>
      ) : null}
      <Notice text={notice} />
      <ErrorBox error={error ?? list.error} />
      {list.data && list.data.items.length === 0 ? <p class="muted">{t('webhooks.none')}</p> : null}
      {list.data?.items.map((ep) => (
        <article class="panel endpoint" key={ep.id} data-id={ep.id}>
          <h2 class="mono">{ep.url}</h2>
          <p class="muted small">
            <span class={`pill ${ep.enabled ? 'valid' : 'cancelled'}`}>{ep.enabled ? t('webhooks.enable') : t('webhooks.disable')}</span> {ep.id} · {ep.platform ?? ep.owner} · {when(ep.createdAt, lang)}
            {ep.disabledReason ? ` · ${ep.disabledReason}` : ''}
            {ep.consecutiveFailures > 0 ? ` · ✕${ep.consecutiveFailures}` : ''}
          </p>
          <p>
            {ep.eventTypes.map((e) => (
              <span class="chip mono" key={e}>
                {e}
              </span>
            ))}
          </p>
          <div class="toolbar">
            <button type="button" class="secondary" aria-expanded={open === ep.id} onClick={() => setOpen(open === ep.id ? null : ep.id)}>
              {t('webhooks.deliveries')}
            </button>
            {staff ? (
              <>
                <button type="button" class="secondary" onClick={() => void act(ep, 'test')}>
                  {t('webhooks.test')}
                </button>
                <button type="button" class="secondary" onClick={() => void act(ep, 'rotate')}>
                  {t('webhooks.rotate')}
                </button>
                <button type="button" class={ep.enabled ? 'danger' : 'secondary'} onClick={() => void act(ep, ep.enabled ? 'disable' : 'enable')}>
                  {ep.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                </button>
              </>
            ) : null}
          </div>
          {open === ep.id ? <Deliveries ep={ep} staff={staff} /> : null}
        </article>
      ))}
    </section>
  );
}
