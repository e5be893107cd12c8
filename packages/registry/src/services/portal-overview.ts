import { businessDateOf, businessDayEnd, type Enterprise, type Evaluation, evaluationStanding, type ProductScope, type Store } from '@zjmade/sdk';
import { registryCoverage } from '@zjmade/sdk/coverage';
import type { CoverageTotals } from '@zjmade/sdk/coverage';
import type { RegistryView } from '@zjmade/sdk';
import type { Repositories } from '../store/repositories.js';
import { Rejection } from './audited-change.js';

/** Days before expiry at which the portal (and the calendar feed) reminds the enterprise. */
export const RENEWAL_ALERT_DAYS = [90, 60, 30] as const;

const DAY_MS = 86_400_000;

export interface EvaluationSummary {
  id: string;
  route: Evaluation['route'];
  /** valid, suspended, withdrawn, cancelled, expired or not-yet-valid, at the time asked. */
  status: string;
  statusReason: string | null;
  standard: { code: string; title: string | null; status: string | null };
  products: ProductScope[];
  issued: string;
  expires: string;
  /** Whole days from today (UTC+8) to the expiry date; negative once expired. */
  daysToExpiry: number;
  /** The smallest reminder threshold (90/60/30) the evaluation is within, while valid; else null. */
  alert: 30 | 60 | 90 | null;
}

export interface PortalOverview {
  enterprise: Enterprise;
  date: string;
  evaluations: EvaluationSummary[];
  alerts: { evaluationId: string; days: 30 | 60 | 90; daysToExpiry: number; expires: string }[];
  stores: Store[];
  /** From the current snapshot's coverage (null before the first publish). */
  coverage: (CoverageTotals & { snapshotSequence: number | null }) | null;
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS);
}

export function alertOf(daysToExpiry: number, status: string): 30 | 60 | 90 | null {
  if (status !== 'valid' || daysToExpiry < 0) return null;
  for (const d of [...RENEWAL_ALERT_DAYS].reverse()) if (daysToExpiry <= d) return d;
  return null;
}

export function summarise(repos: Repositories, e: Evaluation, nowMs: number): EvaluationSummary {
  const standing = evaluationStanding(e, nowMs);
  const today = businessDateOf(nowMs);
  const std = repos.standards.get(e.standard);
  const daysToExpiry = daysBetween(today, e.expires);
  const status = standing.state;
  return {
    id: e.id,
    route: e.route,
    status,
    statusReason: 'reason' in standing ? (standing.reason ?? null) : null,
    standard: { code: e.standard, title: std?.title ?? null, status: std?.status ?? null },
    products: e.products,
    issued: e.issued,
    expires: e.expires,
    daysToExpiry,
    alert: nowMs < businessDayEnd(e.expires) ? alertOf(daysToExpiry, status) : null,
  };
}

export function portalOverview(repos: Repositories, view: RegistryView | undefined, sequence: number | null, uscc: string, nowMs = Date.now()): PortalOverview {
  const enterprise = repos.enterprises.get(uscc);
  if (!enterprise) throw new Rejection('not-found', `No enterprise with USCC ${uscc}.`);
  const evaluations = repos.evaluations
    .ofEnterprise(uscc)
    .map((e) => summarise(repos, e, nowMs))
    .sort((a, b) => a.expires.localeCompare(b.expires) || a.id.localeCompare(b.id));
  const alerts = evaluations.flatMap((e) => (e.alert ? [{ evaluationId: e.id, days: e.alert, daysToExpiry: e.daysToExpiry, expires: e.expires }] : []));
  const report = view ? registryCoverage(view, uscc, { at: new Date(nowMs).toISOString() }) : null;
  return {
    enterprise,
    date: businessDateOf(nowMs),
    evaluations,
    alerts,
    stores: repos.stores.ofEnterprise(uscc),
    coverage: report ? { ...report.totals, snapshotSequence: sequence } : null,
  };
}
