import { randomBytes } from 'node:crypto';
import { addBusinessDays } from '@zjmade/sdk';
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { hashToken } from '../store/tokens.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';
import { RENEWAL_ALERT_DAYS } from './portal-overview.js';

/** 32 random bytes as base64url: the feed URL is the only credential a calendar app can hold. */
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;

export const isCalendarSecret = (s: string): boolean => SECRET_RE.test(s);

/** A new secret replaces the old one at once: a leaked feed URL stops working. Shown once. */
export function rotateCalendarSecret(repos: Repositories, actor: Actor, uscc: string, nowMs = Date.now()): { secret: string; createdAt: string } {
  const secret = randomBytes(32).toString('base64url');
  const createdAt = new Date(nowMs).toISOString();
  return auditedChange(repos, actor, 'calendar.rotate', `calendar:${uscc}`, () => {
    if (!repos.enterprises.get(uscc)) throw new Rejection('not-found', `No enterprise with USCC ${uscc}.`);
    const before = repos.calendar.createdAt(uscc) ?? null;
    repos.calendar.put(uscc, hashToken(secret), createdAt);
    // The audit row records that the secret changed, never the secret.
    return { before: before && { createdAt: before }, after: { createdAt }, result: { secret, createdAt } };
  });
}

const dateArray = (d: string): DateArray => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return [y, m, day];
};

/**
 * The enterprise's expiry dates and the 90/60/30-day reminders before each, as all-day events
 * (dates are business dates, UTC+8). Only evaluations not already withdrawn or cancelled.
 */
export function calendarFeed(repos: Repositories, secret: string): string | null {
  if (!isCalendarSecret(secret)) return null;
  const uscc = repos.calendar.enterpriseOf(hashToken(secret));
  if (!uscc) return null;
  const enterprise = repos.enterprises.get(uscc);
  const events: EventAttributes[] = [];
  for (const e of repos.evaluations.ofEnterprise(uscc)) {
    const last = e.history.at(-1);
    if (last && (last.status === 'withdrawn' || last.status === 'cancelled')) continue;
    const kind = e.route === 'certification' ? '认证证书 certificate' : '自我声明 self-declaration';
    const products = e.products.map((p) => [p.name, p.model].filter(Boolean).join(' ')).join('; ');
    const description = `${kind} ${e.id}\n${e.standard}\n${products}`;
    events.push({ uid: `${e.id}.expiry@zjmade`, title: `到期 Expires: ${e.id}`, description, start: dateArray(e.expires), end: dateArray(addBusinessDays(e.expires, 1)), startInputType: 'local', startOutputType: 'local' });
    for (const days of RENEWAL_ALERT_DAYS) {
      const on = addBusinessDays(e.expires, -days);
      events.push({ uid: `${e.id}.remind-${days}@zjmade`, title: `${days} 天后到期 Expires in ${days} days: ${e.id}`, description, start: dateArray(on), end: dateArray(addBusinessDays(on, 1)), startInputType: 'local', startOutputType: 'local' });
    }
  }
  const { error, value } = createEvents(events, { productId: 'zjmade/registry', calName: `${enterprise?.name ?? uscc} 浙江制造 到期` });
  if (error || value === undefined) throw error ?? new Error('calendar encoding failed');
  return value;
}
