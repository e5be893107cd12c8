import type { Evaluation, ListingBinding, Sanction } from '@zjmade/sdk';
import type { ChangeEntry } from '../store/change-log.js';
import type { Repositories } from '../store/repositories.js';
import type { NotifyEvent } from './event-schemas.js';

/**
 * Turns change-log entries into webhook events. The log names the record that changed, not its
 * past, so the notifier keeps what it last saw of each evaluation, binding and sanction in
 * `webhook_seen`: a status change is told from an edit of another field, and a removed binding
 * or sanction still has its enterprise.
 */
type EvaluationSeen = { status: Evaluation['history'][number]['status']; n: number };
type BindingSeen = { store: string; evaluationId: string | null; uscc: string | null };
type SanctionSeen = { uscc: string; kind: string; reason: string | null; from: string; until: string | null };

const statusOf = (e: Evaluation): EvaluationSeen => ({ status: e.history.at(-1)?.status ?? 'valid', n: e.history.length });
const platformOf = (store: string): string => store.split(':')[0] ?? '';
const sanctionSeen = (s: Sanction): SanctionSeen => ({ uscc: s.uscc, kind: s.kind, reason: s.reason ?? null, from: s.from, until: s.until ?? null });

function bindingSeen(repos: Repositories, b: ListingBinding): BindingSeen {
  const uscc = b.evaluationId ? (repos.evaluations.get(b.evaluationId)?.uscc ?? null) : null;
  return { store: b.store, evaluationId: b.evaluationId ?? null, uscc };
}

const parse = <T>(s: string | undefined): T | undefined => (s === undefined ? undefined : (JSON.parse(s) as T));

/** Remembers the present state of everything, without events: the notifier's first start. */
export function rememberAll(repos: Repositories): void {
  const w = repos.webhooks;
  for (const e of repos.evaluations.all()) w.setSeen('evaluation', e.id, JSON.stringify(statusOf(e)));
  const usccOf = new Map(repos.evaluations.all().map((e) => [e.id, e.uscc]));
  for (const b of repos.bindings.all()) {
    if (b.evaluationId) w.setSeen('binding', b.key, JSON.stringify({ store: b.store, evaluationId: b.evaluationId, uscc: usccOf.get(b.evaluationId) ?? null } satisfies BindingSeen));
  }
  for (const s of repos.sanctions.all()) w.setSeen('sanction', s.id, JSON.stringify(sanctionSeen(s)));
}

export function eventsOf(repos: Repositories, entry: ChangeEntry): NotifyEvent[] {
  const w = repos.webhooks;
  const seenBefore = w.seen(entry.entity, entry.key);
  switch (entry.entity) {
    case 'evaluation': {
      const e = repos.evaluations.get(entry.key);
      if (!e) {
        w.forget('evaluation', entry.key);
        return [];
      }
      const now = statusOf(e);
      w.setSeen('evaluation', e.id, JSON.stringify(now));
      const before = parse<EvaluationSeen>(seenBefore) ?? { status: 'valid', n: 0 };
      if (before.status === now.status) return [];
      const last = e.history.at(-1);
      return [
        {
          type: 'evaluation.status_changed',
          data: { evaluationId: e.id, uscc: e.uscc, status: now.status, previousStatus: before.status, effectiveAt: last?.at ?? null, reason: last?.reason ?? null },
          audience: { uscc: e.uscc, platform: null, platforms: true },
        },
      ];
    }
    case 'binding': {
      const b = repos.bindings.get(entry.key);
      const before = parse<BindingSeen>(seenBefore);
      const now = b?.evaluationId ? bindingSeen(repos, b) : undefined;
      if (now) w.setSeen('binding', entry.key, JSON.stringify(now));
      else w.forget('binding', entry.key);
      const out: NotifyEvent[] = [];
      const unbound = before?.evaluationId && before.evaluationId !== now?.evaluationId;
      if (unbound && before.evaluationId && before.uscc) {
        out.push({
          type: 'listing.unbound',
          data: { listingKey: entry.key, store: before.store, platform: platformOf(before.store), evaluationId: before.evaluationId, uscc: before.uscc },
          audience: { uscc: before.uscc, platform: platformOf(before.store), platforms: true },
        });
      }
      if (now?.evaluationId && now.uscc && now.evaluationId !== before?.evaluationId) {
        out.push({
          type: 'listing.bound',
          data: { listingKey: entry.key, store: now.store, platform: platformOf(now.store), evaluationId: now.evaluationId, uscc: now.uscc },
          audience: { uscc: now.uscc, platform: platformOf(now.store), platforms: true },
        });
      }
      return out;
    }
    case 'sanction': {
      const s = repos.sanctions.get(entry.key);
      const before = parse<SanctionSeen>(seenBefore);
      if (!s) {
        w.forget('sanction', entry.key);
        if (!before) return [];
        return [{ type: 'sanction.lifted', data: { sanctionId: entry.key, ...before, how: 'removed' }, audience: { uscc: before.uscc, platform: null, platforms: true } }];
      }
      const now = sanctionSeen(s);
      w.setSeen('sanction', s.id, JSON.stringify(now));
      if (!before) return [{ type: 'sanction.added', data: { sanctionId: s.id, ...now }, audience: { uscc: s.uscc, platform: null, platforms: true } }];
      if (before.until === null && now.until !== null) return [{ type: 'sanction.lifted', data: { sanctionId: s.id, ...now, how: 'ended' }, audience: { uscc: s.uscc, platform: null, platforms: true } }];
      return [];
    }
    default:
      return [];
  }
}

/** Evaluations whose last valid day has passed (UTC+8) and that were valid then: each once. */
export function lapsedEvents(repos: Repositories, now: Date): NotifyEvent[] {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const out: NotifyEvent[] = [];
  for (const e of repos.evaluations.all()) {
    if (e.expires >= today || statusOf(e).status !== 'valid') continue;
    const key = `${e.id}@${e.expires}`;
    if (repos.webhooks.seen('lapsed', key) !== undefined) continue;
    repos.webhooks.setSeen('lapsed', key, today);
    out.push({ type: 'evaluation.lapsed', data: { evaluationId: e.id, uscc: e.uscc, expires: e.expires }, audience: { uscc: e.uscc, platform: null, platforms: true } });
  }
  return out;
}

/** Marks everything already lapsed as told (first start: no flood of old lapses). */
export function rememberLapsed(repos: Repositories, now: Date): void {
  lapsedEvents(repos, now);
}
