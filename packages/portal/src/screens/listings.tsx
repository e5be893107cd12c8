import { useMemo, useState } from 'preact/hooks';
import { api } from '@zjmade/web-ui/api';
import type { BindAnswer, BindingItem, BindingResult, Page, PortalEvaluation, UploadAnswer, UploadRow } from '../api-types.js';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { highlight } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { loadOverview } from './overview.js';
import { useLoad } from '@zjmade/web-ui/use-load';

const PAGE = 25;
const BINDINGS_PAGE = 20;
/** The registry's cap per bindings request (portal-api.md). */
const BIND_BATCH = 10_000;
const PLATFORMS = ['taobao', 'jd', 'pinduoduo', 'douyin', 'xiaohongshu'];

type Decision = { choice: string | null; state: 'open' | 'rejected' | 'bound' | 'refused'; reason?: string };

export function Listings() {
  const { t, num } = useI18n();
  const overview = useLoad(loadOverview);
  const [bindingsPage, setBindingsPage] = useState(0);
  const bindings = useLoad(() => api<Page<BindingItem>>(`/v1/portal/bindings?limit=${BINDINGS_PAGE}&offset=${bindingsPage * BINDINGS_PAGE}`));
  const bindingsPages = Math.max(1, Math.ceil((bindings.data?.total ?? 0) / BINDINGS_PAGE));
  const toBindingsPage = (p: number) => {
    setBindingsPage(p);
    bindings.reload();
  };
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  const [decisions, setDecisions] = useState<Map<number, Decision>>(new Map());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [page, setPage] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const evaluations = overview.data?.evaluations ?? [];
  const ready = useMemo(() => (answer?.rows ?? []).filter((r) => r.state === 'ready' && r.key), [answer]);
  const problems = useMemo(() => (answer?.rows ?? []).filter((r) => r.state !== 'ready'), [answer]);
  const pages = Math.max(1, Math.ceil(ready.length / PAGE));
  const shown = ready.slice(page * PAGE, page * PAGE + PAGE);

  const received = (a: UploadAnswer) => {
    setAnswer(a);
    setDecisions(new Map(a.rows.filter((r) => r.state === 'ready').map((r) => [r.row, { choice: r.suggestions[0]?.evaluationId ?? r.binding?.evaluationId ?? null, state: 'open' }])));
    setSelected(new Set());
    setPage(0);
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const uploadFile = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    if (!form.get('platform')) form.delete('platform');
    void run(async () => received(await api<UploadAnswer>('/v1/portal/listings/upload', { method: 'POST', form })));
  };
  const uploadPasted = (e: Event) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget as HTMLFormElement).get('urls') ?? '');
    const urls = text.split(/\s*\n\s*/).filter((u) => u.trim() !== '');
    void run(async () => received(await api<UploadAnswer>('/v1/portal/listings/upload', { method: 'POST', json: { urls } })));
  };

  const toggle = (row: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(row);
    else next.delete(row);
    setSelected(next);
  };
  const decide = (rows: Iterable<number>, change: (d: Decision) => Decision) => {
    const next = new Map(decisions);
    for (const r of rows) {
      const d = next.get(r);
      if (d) next.set(r, change(d));
    }
    setDecisions(next);
  };
  const open = (r: UploadRow) => decisions.get(r.row)?.state === 'open';
  const selectable = ready.filter((r) => open(r) && r.suggestions.length > 0);

  const accept = () =>
    run(async () => {
      const rows = ready.filter((r) => selected.has(r.row) && open(r));
      const results: BindingResult[] = [];
      for (let i = 0; i < rows.length; i += BIND_BATCH) {
        const batch = rows.slice(i, i + BIND_BATCH).map((r) => ({ key: r.key as string, store: r.store ?? undefined, evaluationId: decisions.get(r.row)?.choice ?? null }));
        results.push(...(await api<BindAnswer>('/v1/portal/bindings', { method: 'POST', json: { bindings: batch } })).results);
      }
      const byKey = new Map(results.map((r) => [r.key, r]));
      const next = new Map(decisions);
      for (const r of rows) {
        const res = byKey.get(r.key as string);
        const d = next.get(r.row);
        if (!d || !res) continue;
        next.set(r.row, res.outcome === 'refused' ? { ...d, state: 'refused', reason: res.reason } : { ...d, state: 'bound' });
      }
      setDecisions(next);
      setSelected(new Set());
      const count = (o: BindingResult['outcome']) => results.filter((r) => r.outcome === o).length;
      setNotice(t('listings.boundCount', { bound: num(count('bound')), unchanged: num(count('unchanged')), refused: num(count('refused')) }));
      bindings.reload();
      overview.reload();
    });
  const reject = () => {
    decide(selected, (d) => ({ ...d, state: 'rejected' }));
    setSelected(new Set());
  };
  const unbind = (keys: string[]) =>
    run(async () => {
      const a = await api<BindAnswer>('/v1/portal/bindings', { method: 'DELETE', json: { keys } });
      setNotice(t('listings.unbound', { n: num(a.results.filter((r) => r.outcome === 'unbound').length) }));
      bindings.reload();
    });

  const refusedBindings = ready.filter((r) => decisions.get(r.row)?.state === 'refused');

  return (
    <>
      <h1>{t('listings.title')}</h1>
      <p class="hint">{t('listings.intro')}</p>
      <div class="two-col">
        <form class="panel" onSubmit={uploadFile}>
          <label for="export-file">{t('listings.file')}</label>
          <input id="export-file" name="file" type="file" required accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <label for="export-platform">{t('listings.platform')}</label>
          <select id="export-platform" name="platform">
            <option value="">{t('listings.platformAny')}</option>
            {PLATFORMS.map((p) => (
              <option value={p} key={p}>
                {p}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy}>
            {busy ? t('common.working') : t('listings.upload')}
          </button>
        </form>
        <form class="panel" onSubmit={uploadPasted}>
          <label for="pasted-urls">{t('listings.paste')}</label>
          <textarea id="pasted-urls" name="urls" rows={5} required />
          <button type="submit" disabled={busy}>
            {t('listings.pasteSubmit')}
          </button>
        </form>
      </div>
      <Notice text={notice} />
      <ErrorBox error={error} />
      {answer ? (
        <>
          <p class="totals" role="status">
            {t('listings.totals', {
              rows: num(answer.totals.rows),
              ready: num(answer.totals.ready),
              suggested: num(answer.totals.suggested),
              refused: num(answer.totals.refused),
              invalid: num(answer.totals.invalid),
              duplicate: num(answer.totals.duplicate),
            })}
          </p>
          <section aria-labelledby="problems-h">
            <h2 id="problems-h">{t('listings.problems')}</h2>
            {problems.length === 0 ? <p>{t('listings.problemsNone')}</p> : <ProblemRows rows={problems} />}
          </section>
          <section aria-labelledby="sugg-h">
            <h2 id="sugg-h">{t('listings.suggestions')}</h2>
            <div class="toolbar" role="toolbar" aria-label={t('listings.suggestions')}>
              <button type="button" class="secondary" onClick={() => setSelected(new Set([...selected, ...shown.filter((r) => open(r)).map((r) => r.row)]))}>
                {t('listings.selectAll')}
              </button>
              <button type="button" class="secondary" onClick={() => setSelected(new Set(selectable.map((r) => r.row)))}>
                {t('listings.selectAllRows', { n: num(selectable.length) })}
              </button>
              <button type="button" class="secondary" onClick={() => setSelected(new Set())}>
                {t('listings.clearSelection')}
              </button>
              <span class="muted">{t('listings.selected', { n: num(selected.size) })}</span>
              <button type="button" disabled={busy || selected.size === 0} onClick={() => void accept()}>
                {t('listings.acceptSelected')}
              </button>
              <button type="button" class="danger" disabled={busy || selected.size === 0} onClick={reject}>
                {t('listings.rejectSelected')}
              </button>
            </div>
            <SuggestionRows rows={shown} evaluations={evaluations} decisions={decisions} selected={selected} onToggle={toggle} onChoose={(row, choice) => decide([row], (d) => ({ ...d, choice }))} />
            <Pager page={page} pages={pages} onPage={setPage} label={t('listings.suggestions')} />
          </section>
          {refusedBindings.length > 0 ? (
            <section aria-labelledby="refused-h">
              <h2 id="refused-h">{t('listings.refusedRows')}</h2>
              <ul>
                {refusedBindings.map((r) => (
                  <li key={r.row}>
                    {t('listings.row')} {r.row}: {r.listing} — {decisions.get(r.row)?.reason}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      <section aria-labelledby="bindings-h">
        <h2 id="bindings-h">{t('listings.bindings')}</h2>
        <ErrorBox error={bindings.error} />
        {bindings.data && bindings.data.items.length === 0 ? <p>{t('listings.noBindings')}</p> : null}
        {bindings.data && bindings.data.items.length > 0 ? (
          <>
            <BindingRows page={bindings.data} onUnbind={unbind} busy={busy} />
            <Pager page={bindingsPage} pages={bindingsPages} onPage={toBindingsPage} label={t('listings.bindings')} />
          </>
        ) : null}
      </section>
    </>
  );
}

function ProblemRows({ rows }: { rows: UploadRow[] }) {
  const { t } = useI18n();
  const shown = rows.slice(0, 500);
  return (
    <div class="table-wrap">
      <table class="problems">
        <caption>{t('listings.problems')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('listings.row')}
            </th>
            <th scope="col">{t('listings.listing')}</th>
            <th scope="col">{t('listings.state')}</th>
            <th scope="col">{t('listings.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.row} data-row={r.row}>
              <td class="num">{r.row}</td>
              <td class="wrap">{r.listing}</td>
              <td>
                <span class={`pill row-${r.state}`}>{t(`rowState.${r.state}`)}</span>
              </td>
              <td class="wrap">
                {r.state === 'ready' ? null : t(`rowReason.${r.state}`)}
                {/* The registry words its reasons in English (they name rows, stores and limits). */}
                {r.reason ? (
                  <div class="muted small" lang="en" title={t('listings.registryDetail')}>
                    {r.reason}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Title({ title, matched }: { title: string | null; matched: string[] }) {
  if (!title) return null;
  return (
    <span>
      {highlight(title, matched).map((s, i) =>
        s.hit ? (
          <mark key={i}>{s.text}</mark>
        ) : (
          s.text
        ),
      )}
    </span>
  );
}

function SuggestionRows(props: {
  rows: UploadRow[];
  evaluations: PortalEvaluation[];
  decisions: Map<number, Decision>;
  selected: Set<number>;
  onToggle: (row: number, on: boolean) => void;
  onChoose: (row: number, choice: string | null) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="suggestions">
        <caption>{t('listings.suggestions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('listings.select')}</th>
            <th scope="col" class="num">
              {t('listings.row')}
            </th>
            <th scope="col">{t('listings.titleCol')}</th>
            <th scope="col">{t('listings.evaluation')}</th>
            <th scope="col" class="num">
              {t('listings.score')}
            </th>
            <th scope="col">{t('listings.matched')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => {
            const d = props.decisions.get(r.row);
            const best = r.suggestions[0];
            const isOpen = d?.state === 'open';
            return (
              <tr key={r.row} data-key={r.key ?? ''} class={d?.state}>
                <td>
                  {isOpen ? (
                    <input type="checkbox" aria-label={`${t('listings.select')} ${t('listings.row')} ${r.row}`} checked={props.selected.has(r.row)} onChange={(e) => props.onToggle(r.row, (e.currentTarget as HTMLInputElement).checked)} />
                  ) : (
                    <span class={`pill ${d?.state}`}>{d?.state === 'bound' ? t('listings.bound') : d?.state === 'rejected' ? t('listings.rejected') : t('rowState.refused')}</span>
                  )}
                </td>
                <td class="num">{r.row}</td>
                <td class="wrap">
                  <Title title={r.title} matched={best?.matched ?? []} />
                  <div class="muted mono small">{r.key}</div>
                </td>
                <td>
                  <select aria-label={`${t('listings.evaluation')} ${t('listings.row')} ${r.row}`} disabled={!isOpen} value={d?.choice ?? ''} onChange={(e) => props.onChoose(r.row, (e.currentTarget as HTMLSelectElement).value || null)}>
                    <option value="">{t('listings.storeOnly')}</option>
                    {props.evaluations.map((ev) => (
                      <option value={ev.id} key={ev.id}>
                        {ev.id} · {ev.products[0]?.name ?? ev.standard.code}
                      </option>
                    ))}
                  </select>
                  {best?.ambiguous ? <div class="muted small">{t('listings.ambiguous')}</div> : null}
                </td>
                <td class="num">{best ? best.score.toFixed(2) : t('common.none')}</td>
                <td>
                  {(best?.matched ?? []).map((w) => (
                    <span class="chip" key={w}>
                      {w}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ page, pages, onPage, label }: { page: number; pages: number; onPage: (p: number) => void; label: string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('listings.prev')}
      </button>
      <span>{t('listings.page', { page: page + 1, pages })}</span>
      <button type="button" class="secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('listings.next')}
      </button>
    </nav>
  );
}

function BindingRows({ page, onUnbind, busy }: { page: Page<BindingItem>; onUnbind: (keys: string[]) => void; busy: boolean }) {
  const { t, num } = useI18n();
  return (
    <div class="table-wrap">
      <table>
        <caption>
          {t('listings.bindings')} ({num(page.total)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('listings.listing')}</th>
            <th scope="col">{t('claim.store')}</th>
            <th scope="col">{t('listings.evaluation')}</th>
            <th scope="col">{t('listings.since')}</th>
            <th scope="col">{t('claim.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((b) => (
            <tr key={b.key}>
              <td class="mono">{b.key}</td>
              <td>{b.storeName}</td>
              <td class="mono">{b.evaluationId ?? t('listings.storeOnly')}</td>
              <td>{b.since?.slice(0, 10) ?? t('common.none')}</td>
              <td>
                {b.evaluationId ? (
                  <button type="button" class="secondary" disabled={busy} onClick={() => onUnbind([b.key])}>
                    {t('listings.unbind')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
