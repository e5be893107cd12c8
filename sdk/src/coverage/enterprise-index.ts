import { businessDayEnd, businessDayStart } from '../business-time.js';
import type { Evaluation, Store } from '../model.js';
import type { RegistryView } from '../verdict.js';
import { evaluationStanding } from '../verify-listing.js';

const DAY_MS = 86_400_000;

/** What coverage needs to know about one enterprise, looked up once per report, not per listing. */
export interface EnterpriseIndex {
  evaluations: readonly Evaluation[];
  /** Evaluations valid at `at`. */
  valid: readonly Evaluation[];
  /** The enterprise's stores live at `at`, or null when the view cannot list them. */
  stores: readonly Store[] | null;
  /** Registry bindings per store key, when the view can list them. */
  listingsPerStore: Map<string, number> | null;
  /** Registry bindings per evaluation id (over the enterprise's stores), when the view can list them. */
  listingsPerEvaluation: Map<string, number> | null;
}

function storeLive(store: Store, atMs: number): boolean {
  if (atMs < businessDayStart(store.since)) return false;
  if (store.until !== undefined && !(atMs < businessDayEnd(store.until))) return false;
  return true;
}

export function indexEnterprise(view: RegistryView, uscc: string, atMs: number): EnterpriseIndex {
  const evaluations = view.evaluationsOf(uscc);
  const valid = evaluations.filter((e) => evaluationStanding(e, atMs).state === 'valid');
  const allStores = view.storesOf ? view.storesOf(uscc) : null;
  const stores = allStores ? allStores.filter((s) => storeLive(s, atMs)) : null;
  let listingsPerStore: Map<string, number> | null = null;
  let listingsPerEvaluation: Map<string, number> | null = null;
  if (allStores && view.bindingsOfStore) {
    listingsPerStore = new Map();
    listingsPerEvaluation = new Map();
    for (const store of allStores) {
      const bindings = view.bindingsOfStore(store.key);
      listingsPerStore.set(store.key, bindings.length);
      for (const b of bindings) {
        if (b.evaluationId === undefined) continue;
        listingsPerEvaluation.set(b.evaluationId, (listingsPerEvaluation.get(b.evaluationId) ?? 0) + 1);
      }
    }
  }
  return { evaluations, valid, stores, listingsPerStore, listingsPerEvaluation };
}

/** Whole days from `atMs` to the end of the expiry day (UTC+8), rounded up. */
export function daysLeft(evaluation: Evaluation, atMs: number): number {
  return Math.ceil((businessDayEnd(evaluation.expires) - atMs) / DAY_MS);
}

/** The smallest window that holds `days`, or undefined when none does. */
export function windowFor(days: number, windows: readonly number[]): number | undefined {
  for (const w of windows) if (days <= w) return w;
  return undefined;
}
