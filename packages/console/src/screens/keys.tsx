import { useState } from 'preact/hooks';
import { api } from '@zjmade/web-ui/api';
import { ErrorBox } from '@zjmade/web-ui/error-box';
import { Pill } from '../components/pill.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { bytes, when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { Can, Jwks, KeyStep, KeysAnswer, Publishing } from '../types.js';

/** The kids of a JWKS, marked as added (+) or removed (−) against the other side. */
function JwksDiff({ before, after }: { before: Jwks; after: Jwks }) {
  const { t } = useI18n();
  const b = new Set(before.keys.map((k) => k.kid));
  const a = new Set(after.keys.map((k) => k.kid));
  const same = b.size === a.size && [...b].every((k) => a.has(k));
  return (
    <div class="two-col jwks-diff">
      <div class="panel">
        <h3>{t('keys.before')}</h3>
        <ul class="kids">
          {[...b].map((k) => (
            <li key={k} class={a.has(k) ? 'mono' : 'mono removed'}>
              <span class="mark" aria-hidden="true">
                {a.has(k) ? '' : '−'}
              </span>
              {k}
            </li>
          ))}
        </ul>
      </div>
      <div class="panel">
        <h3>
          {t('keys.after')}
          {same ? <span class="muted small"> · {t('keys.jwksSame')}</span> : null}
        </h3>
        <ul class="kids">
          {[...a].map((k) => (
            <li key={k} class={b.has(k) ? 'mono' : 'mono added'}>
              <span class="mark" aria-hidden="true">
                {b.has(k) ? '' : '+'}
              </span>
              {k}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Keys({ can }: { can: Can }) {
  const { t, lang, num } = useI18n();
  const keys = useLoad(() => api<KeysAnswer>('/v1/console/keys'));
  const pub = useLoad(() => api<Publishing>('/v1/console/publishing'));
  const [step, setStep] = useState<KeyStep | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (path: string) => {
    setBusy(true);
    setError(null);
    try {
      setStep(await api<KeyStep>(path, { method: 'POST' }));
      keys.reload();
      pub.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const k = keys.data;
  // A standby key newer than the active one is the next to activate; older standbys (the keys a
  // rotation replaced, still published so clients holding older snapshots verify them) are retired.
  const activeAt = k?.keys.find((x) => x.kid === k.active)?.createdAt ?? '';
  const standby = k?.keys.filter((x) => x.state === 'standby') ?? [];
  const next = standby.filter((x) => x.createdAt > activeAt);
  const old = standby.filter((x) => x.createdAt <= activeAt);
  const p = pub.data;
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">{t('keys.title')}</h1>
      <ErrorBox error={keys.error ?? pub.error} />
      {p ? (
        <div class="panel publishing">
          <h2>{t('keys.publishing')}</h2>
          <dl class="cards">
            <div class="card accent">
              <dt>{t('keys.sequence')}</dt>
              <dd data-field="sequence">{p.sequence === null ? '—' : num(p.sequence)}</dd>
            </div>
            <div class="card">
              <dt>{t('keys.full')}</dt>
              <dd>{bytes(p.full?.size)}</dd>
            </div>
            <div class="card">
              <dt>{t('keys.delta')}</dt>
              <dd>{bytes(p.delta?.size)}</dd>
            </div>
            <div class={`card ${p.health.state === 'ok' ? 'good' : p.health.state === 'degraded' ? 'warn' : 'bad'}`}>
              <dt>{t('keys.health')}</dt>
              <dd data-field="health">{p.health.state}</dd>
            </div>
          </dl>
          <p class="muted small">
            {t('keys.issued')}: {when(p.issuedAt, lang)}
            {p.health.lastFailure ? ` · ${p.health.lastFailure.code}: ${p.health.lastFailure.message}` : ''}
          </p>
        </div>
      ) : null}
      {k ? (
        <div class="table-wrap">
          <table class="keys">
            <thead>
              <tr>
                <th>{t('keys.kid')}</th>
                <th>{t('keys.state')}</th>
                <th>{t('keys.created')}</th>
              </tr>
            </thead>
            <tbody>
              {k.keys.map((x) => (
                <tr key={x.kid} data-kid={x.kid}>
                  <td class="mono">{x.kid}</td>
                  <td>
                    <Pill group="keyState" value={x.state} />
                  </td>
                  <td>{when(x.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {can.keys && k ? (
        <div class="panel rotation">
          <h2>{t('keys.rotation')}</h2>
          <ol class="steps">
            <li>
              {t('keys.step1')}
              <div>
                <button type="button" class="rotate-create" disabled={busy || standby.length > 0} onClick={() => void run('/v1/console/keys')}>
                  {t('keys.create')}
                </button>
              </div>
            </li>
            <li>
              {t('keys.step2')}
              <div>
                {next.map((x) => (
                  <button type="button" class="rotate-activate" key={x.kid} disabled={busy} onClick={() => void run(`/v1/console/keys/${encodeURIComponent(x.kid)}/activate`)}>
                    {t('keys.activate', { kid: x.kid })}
                  </button>
                ))}
              </div>
            </li>
            <li>
              {t('keys.step3')}
              <div>
                {old.map((x) => (
                    <button type="button" class="secondary rotate-retire" key={x.kid} disabled={busy} onClick={() => void run(`/v1/console/keys/${encodeURIComponent(x.kid)}/retire`)}>
                      {t('keys.retire', { kid: x.kid })}
                  </button>
                ))}
              </div>
            </li>
          </ol>
          <ErrorBox error={error} />
          {step ? (
            <>
              <h3>{t('keys.jwksChange')}</h3>
              <JwksDiff before={step.jwks.before} after={step.jwks.after} />
            </>
          ) : null}
        </div>
      ) : (
        <p class="muted">{t('keys.readOnly')}</p>
      )}
      {k ? (
        <details>
          <summary>{t('keys.jwks')}</summary>
          <pre class="mono jwks">{JSON.stringify(k.jwks, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
