import { useState } from 'preact/hooks';
import { api, qs } from '@zjmade/web-ui/api';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { Pill } from '../components/pill.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { Claim } from '../types.js';

const STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

function Decide({ claim, onDone }: { claim: Claim; onDone: (c: Claim) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (d: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ claim?: Claim } & Partial<Claim>>(`/v1/console/claims/${encodeURIComponent(claim.id)}/${d}`, { method: 'POST', json: reason.trim() ? { reason: reason.trim() } : {} });
      onDone((r.claim ?? r) as Claim);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="decide">
      <label for={`reason-${claim.id}`}>{t('claims.reason')}</label>
      <input id={`reason-${claim.id}`} value={reason} maxLength={500} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
      <div class="toolbar">
        <button type="button" disabled={busy} onClick={() => void decide('approve')}>
          {t('claims.approve')}
        </button>
        <button type="button" class="danger" disabled={busy || !reason.trim()} onClick={() => void decide('reject')}>
          {t('claims.reject')}
        </button>
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

/** The portal's store claims, oldest first; evidence opens in its own tab (served as an attachment). */
export function Claims() {
  const { t, lang } = useI18n();
  const [state, setState] = useState<(typeof STATES)[number]>('pending');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(() => api<{ items: Claim[] }>(`/v1/console/claims${qs({ state, limit: 100 })}`));
  return (
    <section aria-labelledby="claims-title">
      <h1 id="claims-title">{t('claims.title')}</h1>
      <div class="toolbar">
        <label for="claim-state">{t('claims.state')}</label>
        <select
          id="claim-state"
          value={state}
          onChange={(e) => {
            setState((e.currentTarget as HTMLSelectElement).value as 'pending');
            setTimeout(list.reload, 0);
          }}
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`claimState.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <Notice text={notice} />
      <ErrorBox error={list.error} />
      {list.data && list.data.items.length === 0 ? <p class="muted">{t('claims.none')}</p> : null}
      <div class="claims">
        {list.data?.items.map((c) => (
          <article class="panel claim" key={c.id} data-id={c.id}>
            <h2>
              {c.name || c.shopId} <Pill group="claimState" value={c.state} />
            </h2>
            <dl class="facts">
              <div>
                <dt>{t('claims.store')}</dt>
                <dd class="mono">{c.storeKey}</dd>
              </div>
              <div>
                <dt>{t('claims.enterprise')}</dt>
                <dd class="mono">{c.uscc}</dd>
              </div>
              <div>
                <dt>{t('claims.claimant')}</dt>
                <dd class="mono">{c.claimant}</dd>
              </div>
              <div>
                <dt>{t('claims.created')}</dt>
                <dd>{when(c.createdAt, lang)}</dd>
              </div>
            </dl>
            <p class="mono small">{c.url}</p>
            <p>
              <a class="button secondary" href={`/v1/console/claims/${encodeURIComponent(c.id)}/evidence`} target="_blank" rel="noopener noreferrer">
                {t('claims.view')}
              </a>
            </p>
            {c.reason ? <p class="muted">{c.reason}</p> : null}
            {c.state === 'pending' ? (
              <Decide
                claim={c}
                onDone={(d) => {
                  setNotice(t('claims.decided', { state: t(`claimState.${d.state ?? 'approved'}` as 'claimState.approved') }));
                  list.reload();
                }}
              />
            ) : null}
          </article>
        ))}
      </div>
    </section>
  );
}
