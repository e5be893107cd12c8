import { useState } from 'preact/hooks';
import { api, qs } from '@zjmade/web-ui/api';
import { ErrorBox } from '@zjmade/web-ui/error-box';
import { Pager } from '../components/pager.js';
import { useLoad } from '@zjmade/web-ui/use-load';
import { localToIso, when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import type { AuditEntry, Page } from '../types.js';

const LIMIT = 50;
type Filter = Record<'actor' | 'target' | 'action' | 'from' | 'to', string | undefined>;

/** What an entry changed, in one line (its before/after, whatever fields the action wrote). */
function detailOf(e: AuditEntry): string {
  const { id: _i, at: _a, actor: _ac, actorEmail: _ae, action: _an, target: _t, ...rest } = e;
  const s = JSON.stringify(rest);
  return s.length > 240 ? `${s.slice(0, 240)}…` : s;
}

export function Audit() {
  const { t, lang, num } = useI18n();
  const [filter, setFilter] = useState<Filter>({ actor: undefined, target: undefined, action: undefined, from: undefined, to: undefined });
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => api<Page<AuditEntry>>(`/v1/console/audit${qs({ ...filter, limit: LIMIT, offset })}`));
  const apply = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setFilter({ actor: v('actor'), target: v('target'), action: v('action'), from: localToIso(v('from') ?? ''), to: localToIso(v('to') ?? '') });
    setOffset(0);
    setTimeout(list.reload, 0);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <form class="panel filters audit-filters" onSubmit={apply}>
        <div class="filter-grid">
          <div>
            <label for="a-actor">{t('audit.actor')}</label>
            <input id="a-actor" name="actor" maxLength={128} />
          </div>
          <div>
            <label for="a-target">{t('audit.target')}</label>
            <input id="a-target" name="target" maxLength={256} />
          </div>
          <div>
            <label for="a-action">{t('audit.action')}</label>
            <input id="a-action" name="action" maxLength={64} />
          </div>
          <div>
            <label for="a-from">{t('audit.from')}</label>
            <input id="a-from" name="from" type="datetime-local" />
          </div>
          <div>
            <label for="a-to">{t('audit.to')}</label>
            <input id="a-to" name="to" type="datetime-local" />
          </div>
        </div>
        <div class="toolbar">
          <button type="submit">{t('audit.filter')}</button>
          <a class="button secondary export" href={`/v1/console/audit.csv${qs(filter)}`} download="audit.csv">
            {t('audit.export')}
          </a>
        </div>
      </form>
      <ErrorBox error={list.error} />
      {list.data ? (
        <>
          <p class="muted small">{t('audit.total', { n: num(list.data.total) })}</p>
          <div class="table-wrap">
            <table class="audit">
              <thead>
                <tr>
                  <th class="num">#</th>
                  <th>{t('audit.at')}</th>
                  <th>{t('audit.actor')}</th>
                  <th>{t('audit.action').replace(/（.*|\(.*/, '')}</th>
                  <th>{t('audit.target').replace(/（.*|\(.*/, '')}</th>
                  <th>{t('audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <tr key={e.id}>
                    <td class="num">{e.id}</td>
                    <td>{when(e.at, lang)}</td>
                    {/* Who acted, as a person reads it: the account's email when the registry knows it, else the actor id. */}
                    <td class={e.actorEmail ? 'wrap' : 'mono'} title={e.actorEmail ? e.actor : undefined}>
                      {e.actorEmail ?? e.actor}
                    </td>
                    <td class="mono id">{e.action}</td>
                    <td class="mono">{e.target}</td>
                    <td class="mono small wrap">{detailOf(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onPage={(o) => { setOffset(o); setTimeout(list.reload, 0); }} />
        </>
      ) : null}
    </section>
  );
}
