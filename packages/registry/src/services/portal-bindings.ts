import type { ListingBinding } from '@zjmade/sdk';
import type { Repositories } from '../store/repositories.js';
import type { Actor } from './audited-change.js';
import { type BindingResult, type BindingRow, bindListings, unbindListings } from './listing-bindings.js';

export interface BindRequest {
  key: string;
  /** Omitted or null: the listing is known to be sold in the store, under no evaluation (store-only). */
  evaluationId?: string | null;
  /** The store to list it under; defaults to the store it is already bound under. */
  store?: string;
}

export interface RowOutcome {
  key: string;
  outcome: 'bound' | 'unchanged' | 'unbound' | 'refused';
  reason?: string;
}

export interface BulkResult {
  results: RowOutcome[];
  totals: Record<RowOutcome['outcome'], number>;
}

const asBulk = (r: BindingResult): BulkResult => ({ results: r.outcomes, totals: r.counts });

/**
 * Binds listings for one enterprise through the domain's bulk binding (`bindListings`: every row
 * checked against the enterprise's own stores and evaluations, refused rows with the reason, the
 * rest in one audited transaction). The portal adds one convenience: a row without a store keeps
 * the store the listing is already bound under, when that store is the enterprise's.
 */
export function bindForEnterprise(repos: Repositories, actor: Actor, uscc: string, rows: readonly BindRequest[]): BulkResult {
  const mine = new Set(repos.stores.ofEnterprise(uscc).map((s) => s.key));
  const rowsWithStore: BindingRow[] = rows.map((r) => {
    const current = r.store ? undefined : repos.bindings.get(r.key)?.store;
    // A listing of another enterprise's store gets an empty store: refused, its store not revealed.
    const store = r.store ?? (current && mine.has(current) ? current : '');
    return { key: r.key, store, ...(r.evaluationId ? { evaluationId: r.evaluationId } : {}) };
  });
  return asBulk(bindListings(repos, actor, uscc, rowsWithStore));
}

/**
 * Unbinds the enterprise's listings: by default each keeps its store and loses its evaluation
 * (answered `store-only`); `forget` removes it from the registry (answered `not-found`).
 */
export function unbindForEnterprise(repos: Repositories, actor: Actor, uscc: string, keys: readonly string[], forget = false): BulkResult {
  return asBulk(unbindListings(repos, actor, uscc, keys, { forget }));
}

export interface BindingPage {
  items: (ListingBinding & { storeName: string })[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * The enterprise's bindings, a page at a time, optionally of one store or one evaluation (`none`:
 * bound to no evaluation). Read here rather than in the bindings repository because only the portal
 * pages through one enterprise's listings.
 */
export function bindingsPage(repos: Repositories, uscc: string, filter: { store?: string; evaluation?: string }, limit: number, offset: number): BindingPage {
  const where = ['s.uscc = ?'];
  const args: (string | number)[] = [uscc];
  if (filter.store) {
    where.push('b.store = ?');
    args.push(filter.store);
  }
  if (filter.evaluation === 'none') where.push('b.evaluation_id IS NULL');
  else if (filter.evaluation) {
    where.push('b.evaluation_id = ?');
    args.push(filter.evaluation);
  }
  const from = `FROM bindings b JOIN stores s ON s.key = b.store WHERE ${where.join(' AND ')}`;
  const total = (repos.db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...args) as { n: number }).n;
  const rows = repos.db.prepare(`SELECT b.key, b.store, b.evaluation_id, b.since, b.until, s.name AS store_name ${from} ORDER BY b.key LIMIT ? OFFSET ?`).all(...args, limit, offset) as {
    key: string;
    store: string;
    evaluation_id: string | null;
    since: string | null;
    until: string | null;
    store_name: string;
  }[];
  const items = rows.map((r) => {
    const b: ListingBinding & { storeName: string } = { key: r.key, store: r.store, storeName: r.store_name };
    if (r.evaluation_id) b.evaluationId = r.evaluation_id;
    if (r.since) b.since = r.since;
    if (r.until) b.until = r.until;
    return b;
  });
  return { items, total, limit, offset };
}
