import { useState } from 'preact/hooks';
import { ApiError, api } from '@zjmade/web-ui/api';
import type { Claim, Page } from '../api-types.js';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { SortableTable } from '../components/sortable-table.js';
import { bytes } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { useLoad } from '@zjmade/web-ui/use-load';

/** The registry's evidence limit (portal-api.md); checked here too so a user is told before uploading. */
export const EVIDENCE_LIMIT = 5 * 1024 * 1024;
const EVIDENCE_TYPES = ['image/png', 'image/jpeg', 'application/pdf'];

export function Stores() {
  const { t } = useI18n();
  const claims = useLoad(() => api<Page<Claim>>('/v1/portal/claims?limit=100'));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const file = form.get('evidence');
    setError(null);
    setNotice(null);
    if (file instanceof File && file.size > EVIDENCE_LIMIT) {
      setError(new ApiError(413, 'payload-too-large', t('stores.tooLarge', { size: bytes(file.size), limit: bytes(EVIDENCE_LIMIT) })));
      return;
    }
    if (file instanceof File && file.type && !EVIDENCE_TYPES.includes(file.type)) {
      setError(new ApiError(400, 'invalid-request', t('stores.wrongType')));
      return;
    }
    setBusy(true);
    try {
      const claim = await api<Claim>('/v1/portal/claims', { method: 'POST', form });
      setNotice(t('stores.submitted', { name: claim.name }));
      formEl.reset();
      claims.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (c: Claim) => {
    setError(null);
    try {
      await api<Claim>(`/v1/portal/claims/${encodeURIComponent(c.id)}`, { method: 'DELETE' });
      setNotice(t('stores.withdrawn', { name: c.name }));
      claims.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>{t('stores.title')}</h1>
      <section aria-labelledby="claim-h" class="panel">
        <h2 id="claim-h">{t('stores.claim')}</h2>
        <p class="hint">{t('stores.claimIntro')}</p>
        <form onSubmit={submit} class="grid-form">
          <label for="store-url">{t('stores.url')}</label>
          <input id="store-url" name="url" type="url" required maxLength={2048} placeholder="https://example.tmall.com/" />
          <label for="store-name">{t('stores.name')}</label>
          <input id="store-name" name="name" required maxLength={200} />
          <label for="store-role">{t('stores.role')}</label>
          <select id="store-role" name="role">
            <option value="official-flagship">{t('role.official-flagship')}</option>
            <option value="authorised">{t('role.authorised')}</option>
          </select>
          <label for="store-evidence">{t('stores.evidence', { limit: bytes(EVIDENCE_LIMIT) })}</label>
          <input id="store-evidence" name="evidence" type="file" required accept="image/png,image/jpeg,application/pdf" />
          <div />
          <button type="submit" disabled={busy}>
            {busy ? t('common.working') : t('stores.submit')}
          </button>
        </form>
        <Notice text={notice} />
        <ErrorBox error={error} />
      </section>
      <section aria-labelledby="claims-h">
        <h2 id="claims-h">{t('stores.claims')}</h2>
        <ErrorBox error={claims.error} />
        {claims.data && claims.data.items.length === 0 ? <p>{t('stores.noClaims')}</p> : null}
        {claims.data && claims.data.items.length > 0 ? (
          <SortableTable
            caption={t('stores.claims')}
            rows={claims.data.items}
            rowKey={(c) => c.id}
            columns={[
              { id: 'store', label: t('claim.store'), sort: (c) => c.name, cell: (c) => <><div>{c.name}</div><div class="muted mono">{c.storeKey}</div></> },
              { id: 'role', label: t('stores.role'), cell: (c) => t(`role.${c.role}`) },
              { id: 'state', label: t('claim.state'), sort: (c) => c.state, cell: (c) => <span class={`pill claim-${c.state}`}>{t(`claimState.${c.state}`)}</span> },
              { id: 'reason', label: t('claim.reason'), cell: (c) => c.reason ?? t('common.none') },
              { id: 'created', label: t('claim.createdAt'), sort: (c) => c.createdAt, cell: (c) => c.createdAt.slice(0, 16).replace('T', ' ') },
              {
                id: 'evidence',
                label: t('claim.evidence'),
                cell: (c) => (c.evidence ? <a href={`/v1/portal/claims/${encodeURIComponent(c.id)}/evidence`}>{c.evidence.fileName}</a> : t('common.none')),
              },
              {
                id: 'actions',
                label: t('claim.actions'),
                cell: (c) =>
                  c.state === 'pending' ? (
                    <button type="button" class="secondary" onClick={() => void withdraw(c)}>
                      {t('stores.withdraw')}
                    </button>
                  ) : null,
              },
            ]}
          />
        ) : null}
      </section>
    </>
  );
}
