import type { ListingBinding } from '@zjmade/sdk';
import { canonicalKeyProblem, itemSpaceOf } from '../domain/listing-keys.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange } from './audited-change.js';

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
  binding?: ListingBinding;
}

export interface BulkResult {
  results: RowOutcome[];
  totals: Record<RowOutcome['outcome'], number>;
}

const tally = (results: RowOutcome[]): BulkResult => {
  const totals = { bound: 0, unchanged: 0, unbound: 0, refused: 0 };
  for (const r of results) totals[r.outcome]++;
  return { results, totals };
};

/**
 * Binds listings for one enterprise, all in one audited transaction: each row is checked against
 * the enterprise's own stores and evaluations (another enterprise's store, listing or evaluation is
 * refused with the reason, and nothing of that row is written); the other rows go through.
 */
export function bindForEnterprise(repos: Repositories, actor: Actor, uscc: string, rows: readonly BindRequest[]): BulkResult {
  return auditedChange(repos, actor, 'listing.bind-bulk', `enterprise:${uscc}`, () => {
    const mine = new Map(repos.stores.ofEnterprise(uscc).map((s) => [s.key, s]));
    const evaluations = new Map(repos.evaluations.ofEnterprise(uscc).map((e) => [e.id, e]));
    const seen = new Set<string>();
    const changed: { before: ListingBinding | null; after: ListingBinding }[] = [];
    const results = rows.map((r): RowOutcome => {
      const refuse = (reason: string): RowOutcome => ({ key: r.key, outcome: 'refused', reason });
      const why = canonicalKeyProblem(r.key, 'item');
      if (why) return refuse(`Not a listing key: ${why}.`);
      if (seen.has(r.key)) return refuse('The same listing appears twice in this request.');
      seen.add(r.key);
      const before = repos.bindings.get(r.key) ?? null;
      if (before && !mine.has(before.store)) return refuse(`The registry lists ${r.key} under store ${before.store}, which is not your enterprise's.`);
      const storeKey = r.store ?? before?.store;
      if (!storeKey) return refuse('Name the store this listing is sold in.');
      const store = mine.get(storeKey);
      if (!store) return refuse(`Store ${storeKey} is not an approved store of your enterprise.`);
      if (itemSpaceOf(store.platform) !== r.key.split(':')[0]) return refuse(`${r.key} is not a listing of ${store.platform} store ${store.key}.`);
      if (r.evaluationId && !evaluations.has(r.evaluationId)) return refuse(`Evaluation ${r.evaluationId} is not one of your enterprise's.`);
      const after: ListingBinding = { key: r.key, store: store.key };
      if (r.evaluationId) after.evaluationId = r.evaluationId;
      if (before?.since) after.since = before.since;
      if (before?.until) after.until = before.until;
      if (before && before.store === after.store && (before.evaluationId ?? null) === (after.evaluationId ?? null)) return { key: r.key, outcome: 'unchanged', binding: before };
      repos.bindings.upsert(after);
      changed.push({ before, after });
      return { key: r.key, outcome: 'bound', binding: after };
    });
    const result = tally(results);
    return { before: changed.map((c) => c.before), after: { changed: changed.map((c) => c.after), totals: result.totals }, result };
  });
}

/** Removes the enterprise's own bindings; a listing of another enterprise's store is refused. */
export function unbindForEnterprise(repos: Repositories, actor: Actor, uscc: string, keys: readonly string[]): BulkResult {
  return auditedChange(repos, actor, 'listing.unbind-bulk', `enterprise:${uscc}`, () => {
    const mine = new Set(repos.stores.ofEnterprise(uscc).map((s) => s.key));
    const removed: ListingBinding[] = [];
    const results = keys.map((key): RowOutcome => {
      const before = repos.bindings.get(key);
      // Another enterprise's listing reads as absent: its existence is not revealed.
      if (!before || !mine.has(before.store)) return { key, outcome: 'refused', reason: `No binding of yours for ${key}.` };
      repos.bindings.remove(key);
      removed.push(before);
      return { key, outcome: 'unbound' };
    });
    const result = tally(results);
    return { before: removed, after: { totals: result.totals }, result };
  });
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
