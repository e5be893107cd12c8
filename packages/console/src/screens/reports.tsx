import { useState } from 'preact/hooks';
import { api, qs } from '@zjmade/web-ui/api';
import { ErrorBox, Notice } from '@zjmade/web-ui/error-box';
import { Pill } from '../components/pill.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { type Can, type Page, type Report, type ReportGroup, TRIAGE_STATES, type TriageState } from '../types.js';

type By = 'listing' | 'store';
const REASONS = ['unbacked-claim', 'counterfeit-mark', 'wrong-details', 'other'] as const;
const PLATFORMS = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin', '1688', 'suning', 'vip', 'kuaishou', 'xiaohongshu'];

interface Pending {
  state: TriageState;
  note: string;
  duplicateOf: string;
  sanctionUscc: string;
  notifyPlatform: boolean;
}

/** The bulk bar over the selected reports, with the confirmation step a confirmed misuse needs. */
function Bulk({ ids, can, onDone }: { ids: string[]; can: Can; onDone: (n: number, state: TriageState) => void }) {
  const { t } = useI18n();
  const [p, setP] = useState<Pending>({ state: 'investigating', note: '', duplicateOf: '', sanctionUscc: '', notifyPlatform: false });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const misuse = p.state === 'confirmed-misuse';
  const extra = misuse && (p.sanctionUscc.trim() !== '' || p.notifyPlatform);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const today = new Date().toISOString().slice(0, 10);
      const body = {
        ids,
        state: p.state,
        ...(p.note.trim() ? { note: p.note.trim() } : {}),
        ...(p.state === 'duplicate' ? { duplicateOf: p.duplicateOf.trim() } : {}),
        ...(misuse && p.sanctionUscc.trim() ? { sanction: { uscc: p.sanctionUscc.trim().toUpperCase(), kind: 'mark-misuse', from: today } } : {}),
        ...(misuse && p.notifyPlatform ? { notifyPlatform: true } : {}),
        ...(extra ? { confirm: true } : {}),
      };
      const r = await api<{ updated: number; state: TriageState }>('/v1/console/reports/triage', { method: 'POST', json: body });
      setConfirming(false);
      onDone(r.updated, r.state);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = <K extends keyof Pending>(k: K, v: Pending[K]) => setP({ ...p, [k]: v });
  if (confirming) {
    return (
      <div class="panel confirm" role="alertdialog" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{t('reports.confirmTitle')}</h2>
        <p>
          {t('reports.confirmText', {
            n: ids.length,
            extra: `${p.sanctionUscc.trim() ? t('reports.confirmSanction', { uscc: p.sanctionUscc.trim().toUpperCase() }) : ''}${p.notifyPlatform ? t('reports.confirmNotify') : ''}`,
          })}
        </p>
        <div class="toolbar">
          <button type="button" class="confirm-yes" disabled={busy} onClick={() => void send()}>
            {busy ? t('common.working') : t('reports.confirm')}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {t('reports.back')}
          </button>
        </div>
        <ErrorBox error={error} />
      </div>
    );
  }
  return (
    <form
      class="panel bulk grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (misuse) setConfirming(true);
        else void send();
      }}
    >
      <strong class="span">{t('reports.selected', { n: ids.length })}</strong>
      <label for="bulk-state">{t('reports.moveTo')}</label>
      <select id="bulk-state" value={p.state} onChange={(e) => set('state', (e.currentTarget as HTMLSelectElement).value as TriageState)}>
        {TRIAGE_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`triage.${s}`)}
          </option>
        ))}
      </select>
      <label for="bulk-note">{t('reports.triageNote')}</label>
      <input id="bulk-note" value={p.note} maxLength={2000} onInput={(e) => set('note', (e.currentTarget as HTMLInputElement).value)} />
      {p.state === 'duplicate' ? (
        <>
          <label for="bulk-dup">{t('reports.duplicateOf')}</label>
          <input id="bulk-dup" required value={p.duplicateOf} onInput={(e) => set('duplicateOf', (e.currentTarget as HTMLInputElement).value)} />
        </>
      ) : null}
      {misuse && can.changeCatalogue ? (
        <>
          <label for="bulk-sanction">{t('reports.sanction')}</label>
          <input id="bulk-sanction" value={p.sanctionUscc} maxLength={18} onInput={(e) => set('sanctionUscc', (e.currentTarget as HTMLInputElement).value)} />
        </>
      ) : null}
      {misuse ? (
        <>
          <label for="bulk-notify">{t('reports.notify')}</label>
          <input id="bulk-notify" type="checkbox" checked={p.notifyPlatform} onChange={(e) => set('notifyPlatform', (e.currentTarget as HTMLInputElement).checked)} />
        </>
      ) : null}
      <span />
      <button type="submit" class="bulk-apply" disabled={busy}>
        {t('reports.apply')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function GroupReports({ by, group, state, can, onChanged }: { by: By; group: ReportGroup; state: string; can: Can; onChanged: (msg: string) => void }) {
  const { t, lang } = useI18n();
  const filter = by === 'listing' ? { key: group.key ?? '' } : { store: group.key ?? '' };
  const list = useLoad(() => api<Page<Report>>(`/v1/console/reports${qs({ ...filter, state, limit: 200 })}`));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const items = list.data?.items ?? [];
  return (
    <div class="group-reports">
      <ErrorBox error={list.error} />
      <div class="table-wrap">
        <table class="reports">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t('reports.select')}
                  checked={items.length > 0 && selected.size === items.length}
                  onChange={(e) => setSelected((e.currentTarget as HTMLInputElement).checked ? new Set(items.map((r) => r.id)) : new Set())}
                />
              </th>
              <th>{t('reports.at')}</th>
              <th>{t('reports.reason')}</th>
              <th>{t('reports.note')}</th>
              <th>{t('reports.state')}</th>
              <th class="mono">id</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-id={r.id}>
                <td>
                  <input type="checkbox" aria-label={`${t('reports.select')} ${r.id}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td>
                  {when(r.at, lang)}
                  {r.duplicates > 0 ? <span class="chip">+{r.duplicates}</span> : null}
                </td>
                <td>{(REASONS as readonly string[]).includes(r.reason) ? t(`reason.${r.reason as (typeof REASONS)[number]}`) : r.reason}</td>
                <td class="wrap">{r.note ?? '—'}</td>
                <td>
                  <Pill group="triage" value={r.state} />
                </td>
                <td class="mono small">{r.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected.size > 0 ? (
        <Bulk
          ids={[...selected]}
          can={can}
          onDone={(n, s) => {
            setSelected(new Set());
            list.reload();
            onChanged(t('reports.updated', { n, state: t(`triage.${s}`) }));
          }}
        />
      ) : null}
    </div>
  );
}

/** Shoppers' reports grouped by listing or by store, each group opening onto its reports and the bulk bar. */
export function Reports({ can }: { can: Can }) {
  const { t, lang, num } = useI18n();
  const [by, setBy] = useState<By>('listing');
  const [state, setState] = useState('');
  const [platform, setPlatform] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const groups = useLoad(() => api<Page<ReportGroup> & { by: By }>(`/v1/console/reports/groups${qs({ by, state, platform, limit: 100 })}`));
  const refilter = (fn: () => void) => {
    fn();
    setOpen(null);
    setTimeout(groups.reload, 0);
  };
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p class="hint">{t('reports.privacy')}</p>
      <div class="toolbar filters">
        <label for="r-by">{t('reports.by')}</label>
        <select id="r-by" value={by} onChange={(e) => refilter(() => setBy((e.currentTarget as HTMLSelectElement).value as By))}>
          <option value="listing">{t('reports.byListing')}</option>
          <option value="store">{t('reports.byStore')}</option>
        </select>
        <label for="r-state">{t('reports.state')}</label>
        <select id="r-state" value={state} onChange={(e) => refilter(() => setState((e.currentTarget as HTMLSelectElement).value))}>
          <option value="">{t('reports.all')}</option>
          {TRIAGE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`triage.${s}`)}
            </option>
          ))}
        </select>
        <label for="r-platform">{t('reports.platform')}</label>
        <select id="r-platform" value={platform} onChange={(e) => refilter(() => setPlatform((e.currentTarget as HTMLSelectElement).value))}>
          <option value="">{t('reports.all')}</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <Notice text={notice} />
      <ErrorBox error={groups.error} />
      {groups.data && groups.data.items.length === 0 ? <p class="muted">{t('reports.none')}</p> : null}
      {groups.data && groups.data.items.length > 0 ? (
        <div class="table-wrap">
          <table class="groups">
            <thead>
              <tr>
                <th>{t('reports.key')}</th>
                <th class="num">{t('reports.count')}</th>
                <th class="num">{t('reports.total')}</th>
                <th>{t('reports.first')}</th>
                <th>{t('reports.last')}</th>
                <th>{t('reports.states')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {groups.data.items.map((g) => {
                const id = g.key ?? '';
                return (
                  <tr key={id} data-key={id}>
                    <td class="mono wrap">{g.key ?? '—'}</td>
                    <td class="num">{num(g.reports)}</td>
                    <td class="num">{num(g.total)}</td>
                    <td>{when(g.firstSeen, lang)}</td>
                    <td>{when(g.lastSeen, lang)}</td>
                    <td>
                      {Object.entries(g.states).map(([s, n]) => (
                        <span key={s} class="chip">
                          {t(`triage.${s as TriageState}`)} {n}
                        </span>
                      ))}
                    </td>
                    <td>
                      <button type="button" class="secondary open" aria-expanded={open === id} onClick={() => setOpen(open === id ? null : id)}>
                        {t('reports.open')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {open !== null && groups.data
        ? groups.data.items
            .filter((g) => (g.key ?? '') === open)
            .map((g) => (
              <div class="panel" key={`${by}-${open}`}>
                <h2 class="mono">{g.key ?? '—'}</h2>
                <GroupReports
                  by={by}
                  group={g}
                  state={state}
                  can={can}
                  onChanged={(m) => {
                    setNotice(m);
                    groups.reload();
                  }}
                />
              </div>
            ))
        : null}
    </section>
  );
}
