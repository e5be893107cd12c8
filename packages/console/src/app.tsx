import { useEffect, useRef, useState } from 'preact/hooks';
import { api, setSession, signOut as signOutOf, whenSessionLost } from '@zjmade/web-ui/api';
import { Accept, SignIn } from '@zjmade/web-ui/auth-screens';
import { Shell, useDocumentLang, useScreenFocus } from '@zjmade/web-ui/shell';
import { I18nContext, useLangChoice } from './i18n/index.js';
import { hrefOf, navigate, type Screen, useScreen } from './router.js';
import { Audit } from './screens/audit.js';
import { Claims } from './screens/claims.js';
import { Evaluations } from './screens/evaluations.js';
import { Import } from './screens/import.js';
import { Keys } from './screens/keys.js';
import { People } from './screens/people.js';
import { Reports } from './screens/reports.js';
import { Sanctions } from './screens/sanctions.js';
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
  const { lang, i18n, switchLang } = useLangChoice();
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

  useDocumentLang(lang, t('app.title'));

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

  useScreenFocus(main, screen, false);

  const signOut = () =>
    signOutOf(() => {
      setSigned(null);
      setNotice(t('signIn.signedOut'));
      navigate('sign-in', true);
    });
  const onSignedIn = (s: SessionAnswer) => {
    setNotice(null);
    void adopt(s);
  };

  let body = <p aria-busy="true">{t('app.loading')}</p>;
  if (screen === 'accept') body = <Accept onSignedIn={onSignedIn} minPassword={12} />;
  else if (screen === 'sign-in') body = <SignIn onSignedIn={onSignedIn} notice={notice} refuse={(s: SessionAnswer) => (s.account.role === 'enterprise' ? t('signIn.notStaff') : null)} />;
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
      <Shell
        lang={lang}
        onLang={switchLang}
        account={
          signed ? (
            <>
              {signed.session.account.email} · {t(`role.${signed.session.account.role}`)}
            </>
          ) : null
        }
        onSignOut={() => void signOut()}
        nav={allowed}
        hrefOf={hrefOf}
        label={(s) => t(`nav.${s}` as 'nav.import')}
        current={screen}
        onNavigate={navigate}
        mainRef={main}
      >
        {body}
      </Shell>
    </I18nContext.Provider>
  );
}
