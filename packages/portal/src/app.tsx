import { api, setSession, signOut as signOutOf, whenSessionLost } from '@zjmade/web-ui/api';
import { Accept, SignIn } from '@zjmade/web-ui/auth-screens';
import { Shell, useDocumentLang, useScreenFocus } from '@zjmade/web-ui/shell';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionAnswer } from './api-types.js';
import { I18nContext, useLangChoice } from './i18n/index.js';
import { hrefOf, navigate, type Screen, useScreen } from './router.js';
import { Alerts } from './screens/alerts.js';
import { Coverage } from './screens/coverage.js';
import { Listings } from './screens/listings.js';
import { Overview } from './screens/overview.js';
import { Stores } from './screens/stores.js';

const NAV: Screen[] = ['overview', 'stores', 'listings', 'coverage', 'alerts'];
const PUBLIC: Screen[] = ['sign-in', 'accept'];

export function App() {
  const { lang, i18n, switchLang } = useLangChoice();
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

  useDocumentLang(lang, t('app.title'));

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

  useScreenFocus(main, screen, true);

  const signOut = () =>
    signOutOf(() => {
      signedIn(null);
      setNotice(t('signIn.signedOut'));
      navigate('sign-in', true);
    });
  const onSignedIn = (s: SessionAnswer) => {
    setNotice(null);
    signedIn(s);
    navigate('overview', true);
  };

  let body = <p aria-busy="true">{t('app.loading')}</p>;
  if (screen === 'accept') body = <Accept onSignedIn={onSignedIn} minPassword={10} />;
  else if (screen === 'sign-in') body = <SignIn onSignedIn={onSignedIn} notice={notice} refuse={(s) => (s.account.role === 'enterprise' ? null : t('signIn.notEnterprise'))} />;
  else if (session) {
    if (screen === 'stores') body = <Stores />;
    else if (screen === 'listings') body = <Listings />;
    else if (screen === 'coverage') body = <Coverage />;
    else if (screen === 'alerts') body = <Alerts />;
    else body = <Overview />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      <Shell
        lang={lang}
        onLang={switchLang}
        account={session ? session.account.email : null}
        onSignOut={() => void signOut()}
        nav={NAV}
        hrefOf={hrefOf}
        label={(s) => t(`nav.${s}` as 'nav.overview')}
        current={screen}
        onNavigate={navigate}
        mainRef={main}
      >
        {body}
      </Shell>
    </I18nContext.Provider>
  );
}
