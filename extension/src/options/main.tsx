import type { Locale } from '@zjmade/badge';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { resolveLocale } from '../shared/locale.js';
import type { SnapshotStatus } from '../shared/messages.js';
import { loadOrCreateMark } from '../shared/mark-store.js';
import { MARK_KEY, type PersonalMark, randomMark } from '../shared/personal-mark.js';
import { type LanguageSetting, loadSettings, type PrivacyMode, type Settings, saveSettings } from '../shared/settings.js';
import { normaliseRegistryUrl, parseTrustedKeys } from '../shared/settings-parse.js';
import { problemLine } from '../shared/snapshot-problem.js';
import { ui } from '../shared/ui-strings.js';
import { MarkSwatch } from '../ui/MarkSwatch.js';

function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

function RegistrySection({ locale, settings }: { locale: Locale; settings: Settings }) {
  const [url, setUrl] = useState(settings.registryUrl);
  const [keys, setKeys] = useState(JSON.stringify({ keys: settings.trustedKeys }, null, 2));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    try {
      const registryUrl = normaliseRegistryUrl(url);
      const trustedKeys = parseTrustedKeys(JSON.parse(keys));
      // Asked first, while the click still counts as the user's gesture.
      const granted = await browser.permissions.request({ origins: [originPattern(registryUrl)] });
      if (!granted) throw new Error(`No permission to reach ${new URL(registryUrl).origin}`);
      await saveSettings({ registryUrl, trustedKeys });
      setMessage({ ok: true, text: ui(locale, 'optionsSaved') });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section>
      <h2>{ui(locale, 'optionsRegistry')}</h2>
      <label>
        {ui(locale, 'optionsRegistryUrl')}
        <input type="url" data-control="registry-url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <label>
        {ui(locale, 'optionsKeys')}
        <textarea data-control="trusted-keys" value={keys} onInput={(e) => setKeys(e.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="button" data-control="save-registry" onClick={save}>
          {ui(locale, 'optionsSave')}
        </button>
        {message && (
          <span class={message.ok ? 'muted' : 'error'} role="status">
            {message.text}
          </span>
        )}
      </div>
    </section>
  );
}

function SnapshotSection({ locale }: { locale: Locale }) {
  const [status, setStatus] = useState<SnapshotStatus | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void browser.runtime.sendMessage({ type: 'status' }).then((s) => setStatus(s as SnapshotStatus));
  }, []);
  const age = status?.issuedAt ? Math.round((Date.now() - Date.parse(status.issuedAt)) / 60000) : null;
  return (
    <section data-section="snapshot" data-sequence={status?.sequence ?? ''} data-stale={status?.stale ? 'true' : 'false'}>
      <h2>{ui(locale, 'optionsSnapshot')}</h2>
      {!status?.hasSnapshot ? (
        <p>{ui(locale, 'optionsNoSnapshot')}</p>
      ) : (
        <>
          <p>
            {ui(locale, 'optionsSequence', status.sequence ?? '', status.issuedAt ?? '', status.expiresAt ?? '')}
            {age !== null && <span class="muted"> ({age} min)</span>}
          </p>
          {status.sample && <p class="banner">{ui(locale, 'optionsSample')}</p>}
          {status.stale && <p class="error">{ui(locale, 'optionsStale')}</p>}
        </>
      )}
      {status?.problem ? (
        <p class="error" data-problem={status.problem.code}>
          {problemLine(locale, status.problem)}
          {/* The SDK's own words, except where they mislead: an unknown key reads "Bad signature." there. */}
          {status.problem.code !== 'untrusted-key' && <span class="muted"> ({status.problem.detail})</span>}
        </p>
      ) : (
        status?.lastError && <p class="error">{ui(locale, 'optionsLastError', status.lastError)}</p>
      )}
      <p class="muted">{status?.registryUrl}</p>
      <button
        type="button"
        data-control="update-now"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setStatus((await browser.runtime.sendMessage({ type: 'refresh' })) as SnapshotStatus);
          setBusy(false);
        }}
      >
        {ui(locale, 'optionsUpdateNow')}
      </button>
    </section>
  );
}

function Options({ locale, settings, initialMark }: { locale: Locale; settings: Settings; initialMark: PersonalMark }) {
  const [mark, setMark] = useState(initialMark);
  return (
    <main>
      <h1>
        <MarkSwatch mark={mark} />
        {ui(locale, 'optionsTitle')}
      </h1>
      <SnapshotSection locale={locale} />
      <RegistrySection locale={locale} settings={settings} />
      <section>
        <h2>{ui(locale, 'optionsPrivacy')}</h2>
        {(['local', 'online'] as PrivacyMode[]).map((mode) => (
          <label class="row" key={mode}>
            <input
              type="radio"
              name="privacy"
              data-control={`privacy-${mode}`}
              checked={settings.privacy === mode}
              onChange={() => saveSettings({ privacy: mode })}
            />
            {ui(locale, mode === 'local' ? 'optionsPrivacyLocal' : 'optionsPrivacyOnline')}
          </label>
        ))}
      </section>
      <section>
        <h2>{ui(locale, 'optionsMarks')}</h2>
        <label class="row">
          <input
            type="checkbox"
            data-control="marks-all"
            checked={settings.marks === 'all'}
            onChange={(e) => saveSettings({ marks: e.currentTarget.checked ? 'all' : 'notable' })}
          />
          {ui(locale, 'optionsMarksAll')}
        </label>
      </section>
      <section>
        <h2>{ui(locale, 'optionsLanguage')}</h2>
        <select
          data-control="language"
          aria-label={ui(locale, 'optionsLanguage')}
          value={settings.language}
          onChange={async (e) => {
            await saveSettings({ language: e.currentTarget.value as LanguageSetting });
            location.reload();
          }}
        >
          <option value="auto">{ui(locale, 'optionsLanguageAuto')}</option>
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </section>
      <section>
        <h2>{ui(locale, 'optionsMark')}</h2>
        <p class="row">
          <MarkSwatch mark={mark} size={32} />
          <span>{ui(locale, 'optionsMarkLine')}</span>
        </p>
        <button
          type="button"
          data-control="new-mark"
          onClick={async () => {
            const next = randomMark();
            await browser.storage.local.set({ [MARK_KEY]: next });
            setMark(next);
          }}
        >
          {ui(locale, 'optionsMarkNew')}
        </button>
      </section>
    </main>
  );
}

async function main(): Promise<void> {
  const [settings, mark] = await Promise.all([loadSettings(), loadOrCreateMark()]);
  const locale = resolveLocale(settings.language);
  document.documentElement.lang = locale;
  document.title = ui(locale, 'optionsTitle');
  render(<Options locale={locale} settings={settings} initialMark={mark} />, document.getElementById('app')!);
}

void main();
