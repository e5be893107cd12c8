import { businessDateOf } from '../business-time.js';
import type { Evaluation } from '../model.js';
import type { RegistryView } from '../verdict.js';
import { daysLeft, type EnterpriseIndex, windowFor } from './enterprise-index.js';
import type { CoverageEntry, EvaluationGroup, EvaluationRenewal, StandardGroup, TimelineMonth } from './types.js';

const byCountThenId = <T>(count: (t: T) => number, id: (t: T) => string) => (a: T, b: T) =>
  count(b) - count(a) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);

/** Backed listings grouped by evaluation and by standard. */
export function groupBacked(
  backed: readonly CoverageEntry[],
  view: RegistryView,
): { byEvaluation: EvaluationGroup[]; byStandard: StandardGroup[] } {
  const perEvaluation = new Map<string, number>();
  for (const e of backed) {
    if (e.evaluationId !== undefined) perEvaluation.set(e.evaluationId, (perEvaluation.get(e.evaluationId) ?? 0) + 1);
  }
  const byEvaluation: EvaluationGroup[] = [];
  const standards = new Map<string, StandardGroup>();
  for (const [id, listings] of perEvaluation) {
    const evaluation = view.evaluation(id);
    if (!evaluation) continue;
    byEvaluation.push({
      evaluationId: id,
      standard: evaluation.standard,
      route: evaluation.route,
      expires: evaluation.expires,
      products: evaluation.products.map((p) => (p.model ? `${p.name} ${p.model}` : p.name)),
      listings,
    });
    let group = standards.get(evaluation.standard);
    if (!group) {
      const title = view.standard(evaluation.standard)?.title;
      group = { standard: evaluation.standard, ...(title ? { title } : {}), evaluations: 0, listings: 0 };
      standards.set(evaluation.standard, group);
    }
    group.evaluations++;
    group.listings += listings;
  }
  byEvaluation.sort(byCountThenId((g) => g.listings, (g) => g.evaluationId));
  const byStandard = [...standards.values()].sort(byCountThenId((g) => g.listings, (g) => g.standard));
  return { byEvaluation, byStandard };
}

/** Valid evaluations that lapse within the largest window: the certificate watch. */
export function evaluationRenewals(
  index: EnterpriseIndex,
  backedPerEvaluation: ReadonlyMap<string, number>,
  windows: readonly number[],
  atMs: number,
): EvaluationRenewal[] {
  const out: EvaluationRenewal[] = [];
  for (const e of index.valid) {
    const days = daysLeft(e, atMs);
    const window = windowFor(days, windows);
    if (window === undefined) continue;
    const registryListings = index.listingsPerEvaluation?.get(e.id);
    out.push({
      evaluationId: e.id,
      standard: e.standard,
      expires: e.expires,
      daysLeft: days,
      window,
      listings: backedPerEvaluation.get(e.id) ?? 0,
      ...(index.listingsPerEvaluation ? { registryListings: registryListings ?? 0 } : {}),
    });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || (a.evaluationId < b.evaluationId ? -1 : 1));
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Twelve months from `at`: which valid evaluations expire in each, and how many input listings they back. */
export function lapseTimeline(
  valid: readonly Evaluation[],
  backedPerEvaluation: ReadonlyMap<string, number>,
  atMs: number,
): TimelineMonth[] {
  const months: TimelineMonth[] = [];
  const byMonth = new Map<string, TimelineMonth>();
  let month = businessDateOf(atMs).slice(0, 7);
  for (let i = 0; i < 12; i++) {
    const row: TimelineMonth = { month, evaluations: [], listings: 0 };
    months.push(row);
    byMonth.set(month, row);
    month = nextMonth(month);
  }
  const today = businessDateOf(atMs);
  for (const e of [...valid].sort((a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : a.id < b.id ? -1 : 1))) {
    if (e.expires < today) continue;
    const row = byMonth.get(e.expires.slice(0, 7));
    if (!row) continue;
    row.evaluations.push(e.id);
    row.listings += backedPerEvaluation.get(e.id) ?? 0;
  }
  return months;
}
