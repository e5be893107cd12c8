import { useState } from 'preact/hooks';
import { ApiError, api } from './api.js';
import { ErrorBox, Notice } from './error-box.js';
import { useI18nShared as useI18n } from './i18n.js';

/** What the sign-in and accept answers carry that these screens read. */
export interface SessionLike {
  csrfToken: string;
  account: { role: string };
}

export interface SignInProps<S extends SessionLike> {
  onSignedIn: (s: S) => void;
  notice: string | null;
  /** Null when this app takes the account, else the sentence why not (the other app's role). */
  refuse: (s: S) => string | null;
}

export function SignIn<S extends SessionLike>({ onSignedIn, notice, refuse }: SignInProps<S>) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const s = await api<S>('/v1/auth/sign-in', { method: 'POST', json: { email: form.get('email'), password: form.get('password') } });
      const refused = refuse(s);
      if (refused) throw new ApiError(403, 'forbidden', refused);
      onSignedIn(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="auth" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <Notice text={notice} />
      <form onSubmit={submit}>
        <label for="email">{t('signIn.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxLength={254} />
        <label for="password">{t('signIn.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" disabled={busy}>
          {busy ? t('common.working') : t('signIn.submit')}
        </button>
      </form>
      <ErrorBox error={error} />
      <p class="hint">{t('signIn.forgot')}</p>
    </section>
  );
}

export interface AcceptProps<S extends SessionLike> {
  onSignedIn: (s: S) => void;
  /** The app's password floor, as the registry enforces it for the account's role. */
  minPassword: number;
}

/** The invitation (or reset) link's page: <app>/accept#<token>. */
export function Accept<S extends SessionLike>({ onSignedIn, minPassword }: AcceptProps<S>) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [token] = useState(() => decodeURIComponent(location.hash.slice(1)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError(new ApiError(400, 'invalid-request', t('accept.mismatch')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api<S>('/v1/auth/accept', { method: 'POST', json: { token, password } });
      // The token is spent: keep it out of the history.
      history.replaceState(null, '', location.pathname);
      onSignedIn(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="auth" aria-labelledby="accept-title">
      <h1 id="accept-title">{t('accept.title')}</h1>
      <p>{t('accept.intro')}</p>
      {token ? (
        <form onSubmit={submit}>
          <label for="new-password">{t('accept.password')}</label>
          <input id="new-password" name="password" type="password" autocomplete="new-password" required minLength={minPassword} aria-describedby="pw-hint" />
          <p id="pw-hint" class="hint">
            {t('accept.hint')}
          </p>
          <label for="confirm-password">{t('accept.confirm')}</label>
          <input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required minLength={minPassword} />
          <button type="submit" disabled={busy}>
            {busy ? t('common.working') : t('accept.submit')}
          </button>
        </form>
      ) : (
        <ErrorBox error={new ApiError(400, 'invalid-request', t('accept.noToken'))} />
      )}
      <ErrorBox error={error} />
    </section>
  );
}
