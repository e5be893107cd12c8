import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from './api.js';
import { ErrorBox, Notice } from './error-box.js';
import { useI18nShared as useI18n } from './i18n.js';
import { useLoad } from './use-load.js';

// The webhook endpoints screen of both apps: staff manage the platforms' endpoints under
// /v1/console/webhooks, an enterprise its own under /v1/portal/webhooks (one API, see
// packages/registry/src/notify/routes.ts). The texts are the app's `WebhookKey`s.

/** The texts this screen looks up; an app that shows it has them in its catalogues. */
export type WebhookKey =
  | 'common.done'
  | 'webhooks.title'
  | 'webhooks.add'
  | 'webhooks.url'
  | 'webhooks.events'
  | 'webhooks.platform'
  | 'webhooks.description'
  | 'webhooks.create'
  | 'webhooks.secret'
  | 'webhooks.copy'
  | 'webhooks.copied'
  | 'webhooks.rotate'
  | 'webhooks.deliveries'
  | 'webhooks.noDeliveries'
  | 'webhooks.replay'
  | 'webhooks.replaySince'
  | 'webhooks.replaySinceSubmit'
  | 'webhooks.queued'
  | 'webhooks.test'
  | 'webhooks.testQueued'
  | 'webhooks.enable'
  | 'webhooks.disable'
  | 'webhooks.on'
  | 'webhooks.off'
  | 'webhooks.failing'
  | 'webhooks.overlap'
  | 'webhooks.type'
  | 'webhooks.attempts'
  | 'webhooks.state'
  | 'webhooks.st.pending'
  | 'webhooks.st.succeeded'
  | 'webhooks.st.failed'
  | 'webhooks.next'
  | 'webhooks.refresh'
  | 'webhooks.none'
  | 'webhooks.unavailable';

export interface WebhookEndpoint {
  id: string;
  owner: 'platform' | 'enterprise';
  platform: string | null;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince?: string | null;
  previousSecretUntil?: string | null;
  createdAt: string;
}

export interface Delivery {
  id: number;
  messageId: string;
  type: string;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: { attempt: number; at: string; status: number | null; durationMs: number; error: string | null }[];
  nextAttemptAt: string | null;
  createdAt: string;
  replayOf?: number | null;
}

export interface WebhooksProps {
  /** `/v1/console/webhooks` or `/v1/portal/webhooks`. */
  base: string;
  /** Whether this account may change endpoints (a console reviewer only reads). */
  canWrite: boolean;
  /** The event types offered when adding an endpoint. */
  events: readonly string[];
  /** Those left unticked at first. */
  offByDefault?: readonly string[];
  /** The platform filter's choices (the console's platform endpoints); none: no such field. */
  platforms?: readonly string[];
  /** The title's heading level: 1 as a screen of its own (console), 2 as a section of one (portal). */
  level?: 1 | 2;
}

/** The screen's title, its sections, and the delivery log's heading, by the title's level. */
const HEADINGS = { 1: ['h1', 'h2', 'h3'], 2: ['h2', 'h3', 'h4'] } as const;

/** A time as the page's language writes it, in China Standard Time (the scheme's business clock). */
function when(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

const failed = (a: Delivery['attempts'][number]) => a.error !== null || a.status === null || a.status < 200 || a.status >= 300;

function Deliveries({ base, ep, canWrite, level }: { base: string; ep: WebhookEndpoint; canWrite: boolean; level: 1 | 2 }) {
  const H = HEADINGS[level][2];
  const { t, lang } = useI18n();
  const path = `${base}/${encodeURIComponent(ep.id)}`;
  const list = useLoad(() => api<{ items: Delivery[]; total: number }>(`${path}/deliveries?limit=50`));
  const [error, setError] = useState<unknown>(null);
  // The number queued again (shown in the page's language, even after a switch).
  const [queued, setQueued] = useState<number | null>(null);
  const replay = async (d: Delivery) => {
    setError(null);
    try {
      const r = await api<{ deliveries: number }>(`${path}/deliveries/${d.id}/replay`, { method: 'POST' });
      setQueued(r.deliveries);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const replaySince = async (e: Event) => {
    e.preventDefault();
    const v = String(new FormData(e.currentTarget as HTMLFormElement).get('since') ?? '');
    setError(null);
    try {
      // The field is Beijing wall time, as every time on this page.
      const r = await api<{ deliveries: number }>(`${path}/replay`, { method: 'POST', json: { since: new Date(`${v}:00+08:00`).toISOString() } });
      setQueued(r.deliveries);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="deliveries" id={`log-${ep.id}`}>
      <H>
        {t('webhooks.deliveries')}{' '}
        <button type="button" class="secondary small" onClick={list.reload} aria-label={t('webhooks.refresh')} title={t('webhooks.refresh')}>
          ↻
        </button>
      </H>
      <ErrorBox error={list.error ?? error} />
      <Notice text={queued === null ? null : t('webhooks.queued', { n: queued })} />
      {canWrite ? (
        <form class="toolbar replay-since" onSubmit={replaySince}>
          <label for={`since-${ep.id}`}>{t('webhooks.replaySince')}</label>
          <input id={`since-${ep.id}`} name="since" type="datetime-local" required />
          <button type="submit" class="secondary">
            {t('webhooks.replaySinceSubmit')}
          </button>
        </form>
      ) : null}
      {list.data && list.data.items.length === 0 ? <p class="muted">{t('webhooks.noDeliveries')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div class="table-wrap">
          <table class="delivery-log">
            <thead>
              <tr>
                <th class="num">#</th>
                <th>{t('webhooks.type')}</th>
                <th>{t('webhooks.state')}</th>
                <th>{t('webhooks.attempts')}</th>
                <th>webhook-id</th>
                {canWrite ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id} data-type={d.type} data-state={d.state}>
                  <td class="num">{d.id}</td>
                  <td class="mono id">{d.type}</td>
                  <td>
                    <span class={`pill ${d.state === 'succeeded' ? 'valid' : d.state === 'failed' ? 'cancelled' : 'suspended'}`}>{t(`webhooks.st.${d.state}`)}</span>
                  </td>
                  <td class="small">
                    {d.attempts.map((a) => (
                      <div key={a.attempt} class={failed(a) ? 'attempt failed' : 'attempt'}>
                        {when(a.at, lang)} · {a.status ?? '—'}
                        {a.error && a.error !== `HTTP ${a.status}` ? ` · ${a.error}` : ''} · {a.durationMs} ms
                      </div>
                    ))}
                    {d.nextAttemptAt ? (
                      <div class="muted">
                        {t('webhooks.next')} {when(d.nextAttemptAt, lang)}
                      </div>
                    ) : null}
                  </td>
                  <td class="mono small">{d.messageId}</td>
                  {canWrite ? (
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

/** The signing secret, shown once: focused when it appears, with a copy button. */
function SecretField({ secret }: { secret: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setCopied(false);
    field.current?.focus();
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl-C copies it.
      field.current?.select();
    }
  };
  return (
    <div class="notice secret copy-row" role="status">
      <label for="w-secret">{t('webhooks.secret')}</label>
      <input id="w-secret" ref={field} readOnly value={secret} class="mono" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
      <button type="button" onClick={() => void copy()}>
        {copied ? t('webhooks.copied') : t('webhooks.copy')}
      </button>
    </div>
  );
}

export function Webhooks({ base, canWrite, events, offByDefault = [], platforms, level = 1 }: WebhooksProps) {
  const { t, lang } = useI18n();
  const [H1, H2] = HEADINGS[level];
  // Bumped to ask an open delivery log again (a test event was just queued).
  const [logVersion, setLogVersion] = useState(0);
  const list = useLoad(() => api<{ items: WebhookEndpoint[] }>(base));
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A key, not a text: a language switch shows it in the new language.
  const [notice, setNotice] = useState<'webhooks.testQueued' | 'common.done' | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setError(null);
    setNotice(null);
    try {
      const platform = String(f.get('platform') ?? '');
      const description = String(f.get('description') ?? '').trim();
      const r = await api<{ endpoint: WebhookEndpoint; secret: string }>(base, {
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
    setNotice(null);
    try {
      const r = await api<{ secret?: string; deliveryId?: number }>(`${base}/${encodeURIComponent(ep.id)}/${verb}`, { method: 'POST' });
      if (r.secret) setSecret(r.secret);
      setNotice(verb === 'test' ? 'webhooks.testQueued' : 'common.done');
      list.reload();
      setLogVersion((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  };
  if (list.error instanceof ApiError && list.error.status === 404) return <p class="muted">{t('webhooks.unavailable')}</p>;
  return (
    <section aria-labelledby="wh-title" class="webhooks">
      <H1 id="wh-title">{t('webhooks.title')}</H1>
      {canWrite ? (
        <form class="panel grid-form add-webhook" onSubmit={create}>
          <H2 class="span">{t('webhooks.add')}</H2>
          <label for="w-url">{t('webhooks.url')}</label>
          <input id="w-url" name="url" type="url" required maxLength={2048} placeholder="https://hooks.example.com/zjmade" />
          <span class="label" id="w-events-label">
            {t('webhooks.events')}
          </span>
          <fieldset class="events" aria-labelledby="w-events-label">
            {events.map((ev) => (
              <label key={ev} class="check mono">
                <input type="checkbox" name="eventTypes" value={ev} defaultChecked={!offByDefault.includes(ev)} /> {ev}
              </label>
            ))}
          </fieldset>
          {platforms ? (
            <>
              <label for="w-platform">{t('webhooks.platform')}</label>
              <select id="w-platform" name="platform">
                <option value="">—</option>
                {platforms.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <label for="w-desc">{t('webhooks.description')}</label>
          <input id="w-desc" name="description" maxLength={200} />
          <span />
          <button type="submit">{t('webhooks.create')}</button>
        </form>
      ) : null}
      {secret ? <SecretField secret={secret} /> : null}
      <Notice text={notice && t(notice)} />
      <ErrorBox error={error ?? list.error} />
      {list.data && list.data.items.length === 0 ? <p class="muted">{t('webhooks.none')}</p> : null}
      {list.data?.items.map((ep) => (
        <article class={ep.consecutiveFailures > 0 || !ep.enabled ? 'panel endpoint failing' : 'panel endpoint'} key={ep.id} data-id={ep.id} aria-labelledby={`ep-${ep.id}`}>
          <H2 class="mono" id={`ep-${ep.id}`}>
            {ep.url}
          </H2>
          <p class="muted small">
            <span class={`pill ${ep.enabled ? 'valid' : 'cancelled'}`}>{ep.enabled ? t('webhooks.on') : t('webhooks.off')}</span> {ep.id} · {ep.platform ?? ep.owner} · {when(ep.createdAt, lang)}
            {ep.description ? ` · ${ep.description}` : ''}
          </p>
          {ep.consecutiveFailures > 0 || ep.disabledReason ? (
            <p class="endpoint-trouble">
              {ep.consecutiveFailures > 0 ? t('webhooks.failing', { n: ep.consecutiveFailures, since: when(ep.failingSince, lang) }) : ''}
              {ep.consecutiveFailures > 0 && ep.disabledReason ? ' · ' : ''}
              {ep.disabledReason ?? ''}
            </p>
          ) : null}
          {ep.previousSecretUntil && Date.parse(ep.previousSecretUntil) > Date.now() ? <p class="muted small">{t('webhooks.overlap', { until: when(ep.previousSecretUntil, lang) })}</p> : null}
          <p>
            {ep.eventTypes.map((e) => (
              <span class="chip mono" key={e}>
                {e}
              </span>
            ))}
          </p>
          <div class="toolbar">
            <button type="button" class="secondary" aria-expanded={open === ep.id} aria-controls={`log-${ep.id}`} onClick={() => setOpen(open === ep.id ? null : ep.id)}>
              {t('webhooks.deliveries')}
            </button>
            {canWrite ? (
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
          {open === ep.id ? <Deliveries key={logVersion} base={base} ep={ep} canWrite={canWrite} level={level} /> : null}
        </article>
      ))}
    </section>
  );
}
