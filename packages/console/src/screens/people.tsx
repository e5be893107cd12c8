import { useState } from 'preact/hooks';
import { api, qs } from '@zjmade/web-ui/api';
import { ErrorBox } from '@zjmade/web-ui/error-box';
import { Pager } from '../components/pager.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { Page, Person, Role } from '../types.js';

const ROLES: Role[] = ['staff', 'reviewer', 'enterprise'];
const LIMIT = 50;

export function People() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const [role, setRole] = useState<Role>('reviewer');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useLoad(() => api<Page<Person>>(`/v1/console/people${qs({ limit: LIMIT, offset })}`));
  const invite = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setError(null);
    setLink(null);
    try {
      const uscc = String(f.get('uscc') ?? '').trim();
      const r = await api<{ link?: string; url?: string; invitation?: { link?: string } }>('/v1/console/people/invitations', {
        method: 'POST',
        json: { email: String(f.get('email')).trim(), role, ...(role === 'enterprise' && uscc ? { uscc: uscc.toUpperCase() } : {}) },
      });
      setLink(r.link ?? r.url ?? r.invitation?.link ?? JSON.stringify(r));
      form.reset();
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const toggle = async (p: Person) => {
    setError(null);
    try {
      await api(`/v1/console/people/${encodeURIComponent(p.id)}/${p.disabledAt ? 'enable' : 'disable'}`, { method: 'POST' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <form class="panel grid-form invite" onSubmit={invite}>
        <h2 class="span">{t('people.invite')}</h2>
        <label for="p-email">{t('people.email')}</label>
        <input id="p-email" name="email" type="email" required maxLength={254} />
        <label for="p-role">{t('people.role')}</label>
        <select id="p-role" value={role} onChange={(e) => setRole((e.currentTarget as HTMLSelectElement).value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {role === 'enterprise' ? (
          <>
            <label for="p-uscc">{t('people.uscc')}</label>
            <input id="p-uscc" name="uscc" required maxLength={18} class="mono" />
          </>
        ) : null}
        <span />
        <button type="submit">{t('people.send')}</button>
      </form>
      {link ? (
        <div class="notice invite-link" role="status">
          <p id="p-link-label">{t('people.link')}</p>
          <input readOnly aria-labelledby="p-link-label" value={link} class="mono" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
        </div>
      ) : null}
      <ErrorBox error={error} />
      <ErrorBox error={list.error} />
      {list.data ? (
        <div class="table-wrap">
          <table class="people">
            <thead>
              <tr>
                <th>{t('people.email')}</th>
                <th>{t('people.role')}</th>
                <th>USCC</th>
                <th>{t('people.lastSignIn')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id} class={p.disabledAt ? 'rejected' : undefined} data-email={p.email}>
                  <td class="wrap">{p.email}</td>
                  <td>{t(`role.${p.role}`)}</td>
                  <td class="mono">{p.uscc ?? '—'}</td>
                  <td>{when(p.lastSignInAt, lang)}</td>
                  <td>
                    {p.disabledAt ? <span class="pill cancelled">{t('people.disabled')}</span> : null}{' '}
                    <button type="button" class={p.disabledAt ? 'secondary' : 'danger'} onClick={() => void toggle(p)}>
                      {p.disabledAt ? t('people.enable') : t('people.disable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data ? <Pager total={list.data.total} limit={LIMIT} offset={offset} onPage={(o) => { setOffset(o); setTimeout(list.reload, 0); }} /> : null}
    </section>
  );
}
