import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, setSession, whenSessionLost } from './api.js';
import { I18nContext, i18nFor, LANGS, type Lang, langName, loadLang, saveLang } from './i18n/index.js';
import { hrefOf, navigate, type Screen, useScreen } from './router.js';
import { Audit } from './screens/audit.js';
import { Claims } from './screens/claims.js';
import { Evaluations } from './screens/evaluations.js';
import { Import } from './screens/import.js';
import { Keys } from './screens/keys.js';
import { People } from './screens/people.js';
import { Reports } from './screens/reports.js';
import { Sanctions } from './screens/sanctions.js';
import { Accept, SignIn } from './screens/sign-in.js';
import { Webhooks } from './screens/webhooks.js';
import type { Can, SessionAnswer } from './types.js';

const PUBLIC: Screen[] = ['sign-in', 'accept'];

/** The screens a role is offered: what a reviewer cannot do is not shown (the server refuses it too). */
export function screensFor(can: Can): Screen[] {
  const s: Screen[] = [];
  if (can.imports) s.push('import');
  s.push('evaluations', 'claims', 'reports', 'sanctions', 'audit', 'keys');
  if (can.people) s.push('people');
  s.push('webhooks');
  return s;
}

interface Signed {
  session: SessionAnswer;
  can: Can;
}

export function App() {
  const [lang, setLang] = useState<Lang>(loadLang);
  const i18n = useMemo(() => i18nFor(lang), [lang]);
  const { t } = i18n;
  const screen = useScreen();
  // undefined: not asked yet; null: no session.
  const [signed, setSigned] = useState<Signed | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const main = useRef<HTMLElement>(null);

  const adopt = async (s: SessionAnswer | null) => {
    setSession(s);
    if (!s || s.account.role === 'enterprise') {
      setSigned(null);
      return;
    }
    try {
      const me = await api<{ can: Can }>('/v1/console/me');
      setSigned({ session: s, can: me.can });
    } catch {
      setSigned(null);
    }
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  useEffect(() => {
    whenSessionLost(() => {
      setSession(null);
      setSigned(null);
      setNotice(t('signIn.expired'));
      navigate('sign-in', true);
    });
  }, [t]);

  useEffect(() => {
    if (screen === 'accept') {
      setSigned(null);
      return;
    }
    api<SessionAnswer>('/v1/auth/me').then(
      (s) => void adopt(s),
      () => void adopt(null),
    );
  }, []);

  const allowed = signed ? screensFor(signed.can) : [];
  useEffect(() => {
    if (signed === null && (screen === null || !PUBLIC.includes(screen))) navigate('sign-in', true);
    if (signed && (screen === null || PUBLIC.includes(screen) || !allowed.includes(screen))) navigate(allowed[0]!, true);
  }, [signed, screen]);

  useEffect(() => {
    main.current?.focus();
  }, [screen]);

  const switchLang = (l: Lang) => {
    saveLang(l);
    setLang(l);
  };
  const signOut = async () => {
    try {
      await api('/v1/auth/sign-out', { method: 'POST' });
    } finally {
      setSession(null);
      setSigned(null);
      setNotice(t('signIn.signedOut'));
      navigate('sign-in', true);
    }
  };
  const onSignedIn = (s: SessionAnswer) => {
    setNotice(null);
    void adopt(s);
  };

  let body = <p aria-busy="true">{t('app.loading')}</p>;
  if (screen === 'accept') body = <Accept onSignedIn={onSignedIn} />;
  else if (screen === 'sign-in') body = <SignIn onSignedIn={onSignedIn} notice={notice} />;
  else if (signed && screen && allowed.includes(screen)) {
    const can = signed.can;
    if (screen === 'import') body = <Import />;
    else if (screen === 'evaluations') body = <Evaluations can={can} />;
    else if (screen === 'claims') body = <Claims />;
    else if (screen === 'reports') body = <Reports can={can} />;
    else if (screen === 'sanctions') body = <Sanctions can={can} />;
    else if (screen === 'audit') body = <Audit />;
    else if (screen === 'keys') body = <Keys can={can} />;
    else if (screen === 'people') body = <People />;
    else if (screen === 'webhooks') body = <Webhooks can={can} />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            品
          </span>
          <div>
            <div class="name">{t('app.title')}</div>
            <div class="muted small">{t('app.subtitle')}</div>
          </div>
        </div>
        <div class="tools">
          <label for="lang" class="sr-only">
            {t('lang.label')}
          </label>
          <select id="lang" value={lang} onChange={(e) => switchLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            {LANGS.map((l) => (
              <option value={l} key={l} lang={l}>
                {langName(l)}
              </option>
            ))}
          </select>
          {signed ? (
            <>
              <span class="muted small account">
                {signed.session.account.email} · {t(`role.${signed.session.account.role}`)}
              </span>
              <button type="button" class="secondary" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      {signed ? (
        <nav class="tabs" aria-label={t('nav.label')}>
          {allowed.map((s) => (
            <a
              key={s}
              href={hrefOf(s)}
              aria-current={screen === s ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                navigate(s);
              }}
            >
              {t(`nav.${s}` as 'nav.import')}
            </a>
          ))}
        </nav>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        {body}
      </main>
    </I18nContext.Provider>
  );
}
