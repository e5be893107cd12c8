import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, setSession, whenSessionLost } from './api.js';
import type { SessionAnswer } from './api-types.js';
import { I18nContext, i18nFor, LANGS, type Lang, langName, loadLang, saveLang } from './i18n/index.js';
import { hrefOf, navigate, type Screen, useScreen } from './router.js';
import { Alerts } from './screens/alerts.js';
import { Coverage } from './screens/coverage.js';
import { Listings } from './screens/listings.js';
import { Overview } from './screens/overview.js';
import { Accept, SignIn } from './screens/sign-in.js';
import { Stores } from './screens/stores.js';

const NAV: Screen[] = ['overview', 'stores', 'listings', 'coverage', 'alerts'];
const PUBLIC: Screen[] = ['sign-in', 'accept'];

export function App() {
  const [lang, setLang] = useState<Lang>(loadLang);
  const i18n = useMemo(() => i18nFor(lang), [lang]);
  const { t } = i18n;
  const screen = useScreen();
  // undefined: not asked yet; null: no session.
  const [session, setSessionState] = useState<SessionAnswer | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const main = useRef<HTMLElement>(null);

  const signedIn = (s: SessionAnswer | null) => {
    setSession(s);
    setSessionState(s);
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  useEffect(() => {
    whenSessionLost(() => {
      signedIn(null);
      setNotice(t('signIn.expired'));
      navigate('sign-in', true);
    });
  }, [t]);

  useEffect(() => {
    if (screen === 'accept') {
      setSessionState(null);
      return;
    }
    api<SessionAnswer>('/v1/auth/me').then(
      (s) => signedIn(s.account.role === 'enterprise' ? s : null),
      () => signedIn(null),
    );
    // Asked once per page load; later screens learn of a lost session from their own calls.
  }, []);

  useEffect(() => {
    if (session === null && !PUBLIC.includes(screen)) navigate('sign-in', true);
    if (session && PUBLIC.includes(screen)) navigate('overview', true);
  }, [session, screen]);

  // A new screen moves focus to its content, for keyboard and screen-reader users; the first one
  // leaves it at the top of the page, as any page load does, so the skip link comes first.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) firstScreen.current = false;
    else main.current?.focus();
  }, [screen]);

  const switchLang = (l: Lang) => {
    saveLang(l);
    setLang(l);
  };
  const signOut = async () => {
    try {
      await api('/v1/auth/sign-out', { method: 'POST' });
    } finally {
      signedIn(null);
      setNotice(t('signIn.signedOut'));
      navigate('sign-in', true);
    }
  };
  const onSignedIn = (s: SessionAnswer) => {
    setNotice(null);
    signedIn(s);
    navigate('overview', true);
  };

  let body = <p aria-busy="true">{t('app.loading')}</p>;
  if (screen === 'accept') body = <Accept onSignedIn={onSignedIn} />;
  else if (screen === 'sign-in') body = <SignIn onSignedIn={onSignedIn} notice={notice} />;
  else if (session) {
    if (screen === 'stores') body = <Stores />;
    else if (screen === 'listings') body = <Listings />;
    else if (screen === 'coverage') body = <Coverage />;
    else if (screen === 'alerts') body = <Alerts />;
    else body = <Overview />;
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
          {session ? (
            <>
              <span class="muted small account">{session.account.email}</span>
              <button type="button" class="secondary" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      {session ? (
        <nav class="tabs" aria-label={t('nav.label')}>
          {NAV.map((s) => (
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
              {t(`nav.${s}` as 'nav.overview')}
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
