import { useState } from 'preact/hooks';
import { api } from '@zjmade/web-ui/api';
import type { CalendarSecret, CalendarState } from '../api-types.js';
import { ErrorBox } from '@zjmade/web-ui/error-box';
import { useI18n } from '../i18n/index.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { Webhooks } from '@zjmade/web-ui/webhooks';

// What the registry sends an enterprise's endpoints about it (packages/registry/src/notify/event-schemas.ts).
const EVENTS = ['evaluation.status_changed', 'evaluation.lapsed', 'sanction.added', 'sanction.lifted', 'listing.bound', 'listing.unbound', 'report.confirmed_misuse'] as const;

export function Alerts() {
  const { t } = useI18n();
  const state = useLoad(() => api<CalendarState>('/v1/portal/calendar'));
  const [secret, setSecret] = useState<CalendarSecret | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const url = secret ? new URL(secret.url, location.origin).href : null;

  const rotate = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setSecret(await api<CalendarSecret>('/v1/portal/calendar/rotate', { method: 'POST' }));
      state.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl-C copies it.
      (document.getElementById('calendar-url') as HTMLInputElement | null)?.select();
    }
  };

  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p class="hint">{t('alerts.intro')}</p>
      <section class="panel" aria-labelledby="feed-h">
        <h2 id="feed-h">{t('alerts.feed')}</h2>
        <ErrorBox error={state.error ?? error} />
        {state.data ? <p>{state.data.feed && state.data.createdAt ? t('alerts.active', { date: state.data.createdAt.slice(0, 10) }) : t('alerts.none')}</p> : null}
        {url ? (
          <div class="copy-row">
            <label for="calendar-url">{t('alerts.url')}</label>
            <input id="calendar-url" readOnly value={url} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
            <button type="button" onClick={() => void copy()}>
              {copied ? t('alerts.copied') : t('alerts.copy')}
            </button>
          </div>
        ) : null}
        <button type="button" class={state.data?.feed ? 'danger' : undefined} disabled={busy} onClick={() => void rotate()}>
          {state.data?.feed ? t('alerts.rotate') : t('alerts.create')}
        </button>
      </section>
      <Webhooks base="/v1/portal/webhooks" canWrite events={EVENTS} offByDefault={['evaluation.lapsed']} level={2} />
    </>
  );
}
