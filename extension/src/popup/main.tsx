import type { Locale } from '@zjmade/badge';
import { VERDICT_STATUSES, type VerdictStatus } from '@zjmade/sdk';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { resolveLocale } from '../shared/locale.js';
import type { PageState, ReportResult, SnapshotStatus } from '../shared/messages.js';
import { loadOrCreateMark } from '../shared/mark-store.js';
import type { PersonalMark } from '../shared/personal-mark.js';
import { loadSettings, setHostPaused } from '../shared/settings.js';
import { problemLine } from '../shared/snapshot-problem.js';
import { ui, type UiKey } from '../shared/ui-strings.js';
import { MarkSwatch } from '../ui/MarkSwatch.js';

const STATUS_KEYS: Record<VerdictStatus, UiKey> = {
  verified: 'statusVerified',
  'store-only': 'statusStoreOnly',
  expired: 'statusExpired',
  suspended: 'statusSuspended',
  withdrawn: 'statusWithdrawn',
  cancelled: 'statusCancelled',
  sanctioned: 'statusSanctioned',
  'not-found': 'statusNotFound',
  unknown: 'statusUnknown',
};

/** The tab to describe: `?tab=ID` when given (tests, pinned popups), else the active tab. */
async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The tab's counts from the worker's own record of its answers, never from the page's DOM. */
function tabState(tabId: number): Promise<PageState | null> {
  return (browser.runtime.sendMessage({ type: 'tab-state', tabId }) as Promise<PageState | null>).catch(() => null);
}

function ReportButton({ locale, url }: { locale: Locale; url: string }) {
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'sending' | 'done' | 'failed'>('idle');
  const [error, setError] = useState('');
  if (phase === 'done') return <span data-report="done">{ui(locale, 'popupReported')}</span>;
  if (phase === 'confirm')
    return (
      <fieldset class="row confirm">
        <span>{ui(locale, 'popupReportConfirm')}</span>
        <button
          type="button"
          data-report="confirm"
          onClick={async () => {
            setPhase('sending');
            const res = (await browser.runtime.sendMessage({ type: 'report', listing: url, reason: 'unbacked-claim' })) as ReportResult;
            if (res.ok) setPhase('done');
            else {
              setError(res.error ?? '');
              setPhase('failed');
            }
          }}
        >
          {ui(locale, 'popupReport')}
        </button>
        <button type="button" onClick={() => setPhase('idle')}>
          ×
        </button>
      </fieldset>
    );
  return (
    <span>
      {phase === 'failed' && <span class="error">{ui(locale, 'popupReportFailed', error)} </span>}
      <button type="button" data-report="start" disabled={phase === 'sending'} onClick={() => setPhase('confirm')}>
        {ui(locale, 'popupReport')}
      </button>
    </span>
  );
}

/** Why the registry's data could not be checked, when the last check failed (by the SDK's code). */
function Problem({ locale }: { locale: Locale }) {
  const [problem, setProblem] = useState<SnapshotStatus['problem']>(undefined);
  useEffect(() => {
    void (browser.runtime.sendMessage({ type: 'status' }) as Promise<SnapshotStatus>).then((s) => setProblem(s?.problem), () => undefined);
  }, []);
  if (!problem) return null;
  return (
    <p class="error" data-problem={problem.code}>
      {problemLine(locale, problem)}
    </p>
  );
}

function Popup({ locale, mark, tabId, initial }: { locale: Locale; mark: PersonalMark; tabId: number | null; initial: PageState | null }) {
  const [state, setState] = useState(initial);
  useEffect(() => {
    if (tabId === null) return;
    // Infinite scroll keeps adding listings while the popup is open.
    const timer = setInterval(async () => {
      const next = await tabState(tabId);
      if (next) setState(next);
    }, 1000);
    return () => clearInterval(timer);
  }, [tabId]);
  return (
    <main>
      <h1>
        <MarkSwatch mark={mark} />
        {ui(locale, 'extName')}
      </h1>
      {!state ? (
        <p class="muted" data-state="not-marketplace">
          {ui(locale, 'popupNotMarketplace')}
        </p>
      ) : (
        <>
          <p data-total={state.total}>{state.total > 0 ? ui(locale, 'popupFound', state.total) : ui(locale, 'popupNone')}</p>
          <ul class="counts">
            {VERDICT_STATUSES.filter((s) => state.counts[s]).map((s) => (
              <li key={s} data-status={s} data-count={state.counts[s]}>
                <span>{ui(locale, STATUS_KEYS[s])}</span>
                <strong>{state.counts[s]}</strong>
              </li>
            ))}
          </ul>
          <label class="row">
            <input
              type="checkbox"
              data-control="pause"
              checked={state.paused}
              onChange={async (e) => {
                const paused = e.currentTarget.checked;
                await setHostPaused(state.host, paused);
                setState({ ...state, paused });
              }}
            />
            {ui(locale, 'popupPause')} ({state.host})
          </label>
          {state.unbacked.length > 0 && (
            <section>
              <h2>{ui(locale, 'popupReportTitle')}</h2>
              <ul class="unbacked">
                {state.unbacked.map((u) => (
                  <li key={u.key} data-key={u.key}>
                    <span>{u.title || u.key}</span>
                    <ReportButton locale={locale} url={u.url} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <p class="muted row">
        <MarkSwatch mark={mark} size={16} />
        {ui(locale, 'popupMarkLine')}
      </p>
      <Problem locale={locale} />
      <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
        {ui(locale, 'popupOptions')}
      </button>
    </main>
  );
}

async function main(): Promise<void> {
  const [settings, mark, tabId] = await Promise.all([loadSettings(), loadOrCreateMark(), targetTab()]);
  const locale = resolveLocale(settings.language);
  document.documentElement.lang = locale;
  const state =
    tabId === null ? null : await tabState(tabId);
  render(<Popup locale={locale} mark={mark} tabId={tabId} initial={state} />, document.getElementById('app')!);
}

void main();
