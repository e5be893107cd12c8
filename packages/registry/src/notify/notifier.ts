import { auditedChange } from '../services/audited-change.js';
import type { EventBus, ReportConfirmedEvent } from '../services/events.js';
import type { Repositories } from '../store/repositories.js';
import type { WebhookDelivery } from '../store/webhooks.js';
import { attempt } from './attempt.js';
import { eventsOf, lapsedEvents, rememberAll, rememberLapsed } from './derive.js';
import { enqueue } from './enqueue.js';
import type { NotifyEvent } from './event-schemas.js';
import { type NotifyOptions, type NotifyOptionsInput, notifyOptions, retryDelay } from './options.js';

const CURSOR = 'change-log';
const PAGE = 50;
/**
 * How long one turn of the loop may spend deriving events before it commits its cursor and
 * yields: a 100,000-row upload's change log is tens of seconds of derivation at load, and this
 * runs on the server's thread (it once held /v1/verify, /v1/health and the publish that was
 * waiting to be stored for 19 s).
 */
const TURN_MS = 5;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
export const SYSTEM_ACTOR = 'system:webhooks';

export interface Notifier {
  readonly options: NotifyOptions;
  /** Run the loop now (after a write that queued deliveries) rather than at the next poll. */
  kick(): void;
  /** One pass: read the change log, look for lapses when due, start due deliveries. For tests. */
  tick(): Promise<void>;
  /** Stops the loop and waits for attempts in flight (each bounded by the timeout). */
  stop(): Promise<void>;
}

export function misuseEvent(e: ReportConfirmedEvent): NotifyEvent<'report.confirmed_misuse'> {
  return {
    type: 'report.confirmed_misuse',
    data: { caseId: e.caseId, subject: e.subject, reports: e.reports, note: e.note, sanctionId: e.sanctionId, confirmedAt: e.at },
    audience: { uscc: null, platform: e.subject.platform, platforms: true },
  };
}

/**
 * The background delivery loop, off the request path. Events come from the change log (a cursor
 * in the database, so a restart misses nothing and repeats nothing) and from the event bus
 * (confirmed misuse). Due deliveries start while slots are free, at most one per endpoint, so a
 * slow endpoint holds one slot for at most the attempt timeout and others go on.
 */
export function startNotifier(repos: Repositories, bus: EventBus | undefined, input: NotifyOptionsInput = {}): Notifier {
  const o = notifyOptions(input);
  const w = repos.webhooks;
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let lastLapseCheck = 0;

  repos.db
    .transaction(() => {
      if (w.cursor(CURSOR) !== undefined) return;
      // First start: what is there now is the baseline, not news.
      w.setCursor(CURSOR, repos.changes.lastSeq());
      rememberAll(repos);
      rememberLapsed(repos, new Date(o.now()));
    })
    .immediate();

  const unsubscribe = bus?.on('onReportConfirmed', (e) => {
    if (!e.notifyPlatform || stopped) return;
    repos.db.transaction(() => enqueue(repos, [misuseEvent(e)], o.now())).immediate();
    kick();
  });

  async function readChangeLog(): Promise<void> {
    // A plain read first: the write lock is taken only when there is something to read.
    if (repos.changes.lastSeq() <= (w.cursor(CURSOR) ?? 0)) return;
    for (;;) {
      const done = repos.db
        .transaction(() => {
          const from = w.cursor(CURSOR) ?? 0;
          const start = performance.now();
          const events: NotifyEvent[] = [];
          let last = from;
          let exhausted = false;
          // At least one entry per turn, then as many as fit in the turn's budget, read a page at
          // a time (reading 1,000 entries took 140 ms at load when a turn uses a few dozen); the
          // cursor says where the next turn goes on, in the same transaction as what was enqueued.
          while (!exhausted && performance.now() - start <= TURN_MS) {
            const entries = repos.changes.since(last, PAGE);
            for (const e of entries) {
              events.push(...eventsOf(repos, e));
              last = e.seq;
              if (performance.now() - start > TURN_MS) break;
            }
            exhausted = entries.length < PAGE && last === (entries.at(-1)?.seq ?? last);
          }
          if (last === from) return true;
          enqueue(repos, events, o.now(), w.enabledEndpoints());
          w.setCursor(CURSOR, last);
          return exhausted;
        })
        .immediate();
      if (done) return;
      await nextTurn();
      if (stopped || !repos.db.open) return;
    }
  }

  function checkLapses(): void {
    if (o.now() - lastLapseCheck < o.lapseCheckMs) return;
    lastLapseCheck = o.now();
    repos.db.transaction(() => enqueue(repos, lapsedEvents(repos, new Date(o.now())), o.now())).immediate();
  }

  function settle(d: WebhookDelivery, r: Awaited<ReturnType<typeof attempt>>): void {
    const now = o.now();
    repos.db
      .transaction(() => {
        const n = d.attempts + 1;
        w.addAttempt({ deliveryId: d.id, attempt: n, at: now, status: r.status, durationMs: r.durationMs, error: r.error });
        if (r.ok) {
          w.settle(d.id, 'succeeded', n, now);
          w.recordSuccess(d.endpointId);
          return;
        }
        const delay = retryDelay(o, n);
        w.settle(d.id, delay === null ? 'failed' : 'pending', n, delay === null ? now : now + delay);
        w.recordFailure(d.endpointId, now);
        const ep = w.endpoint(d.endpointId);
        if (!ep?.enabled) return;
        const tooMany = ep.consecutiveFailures >= o.disableAfterFailures;
        const tooLong = ep.failingSince !== null && now - ep.failingSince >= o.disableAfterMs;
        if (!tooMany && !tooLong) return;
        const reason = tooMany
          ? `${ep.consecutiveFailures} consecutive failed attempts (last: ${r.error ?? 'failed'})`
          : `every attempt failed for ${Math.round((now - ep.failingSince!) / 3600_000)} h (last: ${r.error ?? 'failed'})`;
        auditedChange(repos, SYSTEM_ACTOR, 'webhook.auto-disable', `webhook:${ep.id}`, () => {
          w.setEnabled(ep.id, false, reason);
          o.log(`webhook ${ep.id} disabled: ${reason}`);
          return { before: { enabled: true }, after: { enabled: false, reason }, result: undefined };
        });
      })
      .immediate();
  }

  function startDue(): void {
    const free = o.concurrency - inFlight.size;
    if (free <= 0) return;
    // More than the free slots: some may belong to endpoints already in flight.
    const due = w.due(o.now(), free + inFlight.size * 4 + 16);
    for (const d of due) {
      if (inFlight.size >= o.concurrency) break;
      if (inFlight.has(d.endpointId)) continue;
      const ep = w.endpoint(d.endpointId);
      const msg = w.message(d.messageId);
      if (!ep || !msg) {
        w.settle(d.id, 'failed', d.attempts, o.now());
        continue;
      }
      const p = attempt(ep, msg, o)
        .then((r) => {
          if (repos.db.open) settle(d, r);
        })
        .catch((e: unknown) => o.log(`webhook delivery ${d.id} could not be recorded: ${String(e)}`))
        .finally(() => {
          inFlight.delete(d.endpointId);
          if (!stopped) kick();
        });
      inFlight.set(d.endpointId, p);
    }
  }

  async function pass(): Promise<void> {
    try {
      await readChangeLog();
      if (stopped || !repos.db.open) return;
      checkLapses();
      startDue();
    } catch (e) {
      o.log(`webhooks: ${String(e)}`);
    }
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const next = w.nextDue();
    const wait = next === null ? o.pollMs : Math.max(0, Math.min(o.pollMs, next - o.now()));
    timer = setTimeout(kick, wait);
    timer.unref();
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        kick();
      } else if (!stopped && repos.db.open) schedule();
    });
  }

  kick();
  return {
    options: o,
    kick,
    tick: pass,
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      await running;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
