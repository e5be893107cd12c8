import { useEffect, useState } from 'preact/hooks';
import { api, upload } from '@zjmade/web-ui/api';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { useI18n } from '../i18n/index.js';
import type { ImportJob, PreviewRow } from '../types.js';

const SHOWN = 200;

interface Committed {
  committed: boolean;
  changedSinceDryRun?: boolean;
  snapshot?: { sequence: number } | null;
}

function Rows({ title, rows, cls }: { title: string; rows: PreviewRow[]; cls: string }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <details class={`rows ${cls}`} open={cls !== 'unchanged'}>
      <summary>
        {title} ({rows.length})
      </summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th class="num">{t('import.row')}</th>
              <th>{t('import.id')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <tr key={r.row}>
                <td class="num">{r.row}</td>
                <td class="mono">{r.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN ? <p class="muted small">{t('import.more', { n: rows.length - SHOWN })}</p> : null}
    </details>
  );
}

/** Upload → background dry run (polled, with rows read) → preview → commit in one transaction. */
export function Import() {
  const { t, num } = useI18n();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // Poll while the registry reads the file: its answer carries the rows read so far.
  useEffect(() => {
    if (job?.state !== 'reading') return;
    const timer = setTimeout(() => {
      api<ImportJob>(`/v1/console/imports/${encodeURIComponent(job.id)}`).then(setJob, setError);
    }, 400);
    return () => clearTimeout(timer);
  }, [job]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setError(null);
    setNotice(null);
    setJob(null);
    setSent(0);
    try {
      setJob(await upload<ImportJob>('/v1/console/imports', form, setSent));
    } catch (err) {
      setError(err);
    } finally {
      setSent(null);
    }
  };
  const commit = async () => {
    if (!job) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<Committed>(`/v1/console/imports/${encodeURIComponent(job.id)}/commit`, { method: 'POST' });
      const next = await api<ImportJob>(`/v1/console/imports/${encodeURIComponent(job.id)}`);
      setJob(next);
      if (r.committed) setNotice(t('import.committed', { n: num(next.result?.imported ?? 0), audit: next.result?.auditId ?? '—', seq: String(r.snapshot?.sequence ?? '—') }));
      else setNotice(t('import.changedSince'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const discard = async () => {
    if (!job) return;
    try {
      await api(`/v1/console/imports/${encodeURIComponent(job.id)}`, { method: 'DELETE' });
      setJob(null);
      setNotice(t('import.discarded'));
    } catch (err) {
      setError(err);
    }
  };

  const p = job?.preview;
  const toCommit = p ? p.counts.new + p.counts.changed : 0;
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p class="hint">{t('import.intro')}</p>
      <form class="panel" onSubmit={submit}>
        <label for="list-file">{t('import.file')}</label>
        <input id="list-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <button type="submit" disabled={sent !== null || job?.state === 'reading'}>
          {t('import.upload')}
        </button>
        {sent !== null ? (
          <p role="status">
            <progress max={1} value={sent} /> {t('import.uploading', { pct: `${Math.round(sent * 100)}%` })}
          </p>
        ) : null}
        {job?.state === 'reading' ? (
          <p role="status" class="progress">
            <progress /> {t('import.reading', { rows: num(job.rowsRead) })}
          </p>
        ) : null}
      </form>
      <ErrorBox error={error} />
      <Notice text={notice} />
      {job?.state === 'failed' ? <ErrorBox error={new Error(t('import.failed', { error: job.error ?? '' }))} /> : null}
      {p ? (
        <div class="panel preview" data-state={job?.state}>
          <h2>{t('import.preview', { file: job?.fileName ?? '', rows: num(p.rows) })}</h2>
          <dl class="cards">
            <div class="card good">
              <dt>{t('import.new')}</dt>
              <dd data-count="new">{num(p.counts.new)}</dd>
            </div>
            <div class="card warn">
              <dt>{t('import.changed')}</dt>
              <dd data-count="changed">{num(p.counts.changed)}</dd>
            </div>
            <div class="card">
              <dt>{t('import.unchanged')}</dt>
              <dd data-count="unchanged">{num(p.counts.unchanged)}</dd>
            </div>
            <div class="card bad">
              <dt>{t('import.bad')}</dt>
              <dd data-count="bad">{num(p.counts.bad)}</dd>
            </div>
          </dl>
          {p.bad.length > 0 ? (
            <>
              <h3>{t('import.bad')}</h3>
              <div class="table-wrap">
                <table class="bad-rows">
                  <thead>
                    <tr>
                      <th class="num">{t('import.row')}</th>
                      <th>{t('import.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.bad.slice(0, SHOWN).map((b) => (
                      <tr key={`${b.row}-${b.reason}`}>
                        <td class="num">{b.row}</td>
                        <td class="wrap">{b.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <Rows title={t('import.new')} rows={p.rowsByKind.new} cls="new" />
          <Rows title={t('import.changed')} rows={p.rowsByKind.changed} cls="changed" />
          <Rows title={t('import.unchanged')} rows={p.rowsByKind.unchanged} cls="unchanged" />
          {p.notices.length > 0 ? (
            <details>
              <summary>
                {t('import.notices')} ({p.notices.length})
              </summary>
              <ul>
                {p.notices.slice(0, SHOWN).map((n) => (
                  <li key={`${n.row}-${n.id}`}>
                    {t('import.row')} {n.row} · <span class="mono">{n.id}</span>: {n.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {job?.state === 'ready' ? (
            <div class="toolbar">
              <button type="button" onClick={() => void commit()} disabled={busy || toCommit === 0}>
                {busy ? t('common.working') : t('import.commit', { n: num(toCommit) })}
              </button>
              <button type="button" class="secondary" onClick={() => void discard()} disabled={busy}>
                {t('import.discard')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
