import type { Evaluation, ListingBinding, Store } from '@zjmade/sdk';
import { itemSpaceOf } from '../domain/listing-keys.js';
import { itemKeyProblem } from '../listings/item-key.js';
import type { Repositories } from '../store/repositories.js';
import { type Actor, auditedChange, Rejection } from './audited-change.js';

export interface BindingRow {
  /** Canonical listing key, `{platform}:item:{id}`. */
  key: string;
  /** Store key the listing is sold in. */
  store: string;
  /** Omitted: the listing is known as the store's, under no evaluation (answered `store-only`). */
  evaluationId?: string;
}

export type BindingOutcome =
  | { key: string; outcome: 'bound' | 'unchanged' | 'unbound' }
  | { key: string; outcome: 'refused'; reason: string };

export interface BindingResult {
  outcomes: BindingOutcome[];
  counts: Record<BindingOutcome['outcome'], number>;
}

function countOf(outcomes: readonly BindingOutcome[]): BindingResult['counts'] {
  const counts = { bound: 0, unchanged: 0, unbound: 0, refused: 0 };
  for (const o of outcomes) counts[o.outcome]++;
  return counts;
}

function enterpriseOrThrow(repos: Repositories, uscc: string) {
  if (!repos.enterprises.get(uscc)) throw new Rejection('not-found', `No enterprise ${uscc}.`);
}

/**
 * Binds (or re-binds) listings of one enterprise in bulk. Every row is checked — the store is an
 * approved store of `uscc` (registered in `stores` under it), the key is a canonical item key of
 * the store's item space, the evaluation is the enterprise's, the listing is not another
 * enterprise's, the key is not repeated — and gets its outcome. The accepted rows are written in
 * ONE audited transaction: the repositories log each binding in the change log (so the next
 * publish carries them in one delta); the audit row records the counts, not 100,000 rows.
 */
export function bindListings(repos: Repositories, actor: Actor, uscc: string, rows: readonly BindingRow[]): BindingResult {
  return auditedChange(repos, actor, 'listings.bind', `enterprise:${uscc}`, () => {
    enterpriseOrThrow(repos, uscc);
    const stores = new Map<string, Store | null>();
    const storeOf = (key: string) => {
      if (!stores.has(key)) stores.set(key, repos.stores.get(key) ?? null);
      return stores.get(key)!;
    };
    const evaluations = new Map<string, Evaluation>(repos.evaluations.ofEnterprise(uscc).map((e) => [e.id, e]));
    // Set-based: the stored bindings of every key are read once, the checks run against maps,
    // and the changed rows are written together with their change-log entries.
    const stored = repos.bindings.ofKeys(rows.map((r) => r.key));
    const changed: ListingBinding[] = [];
    const firstRow = new Map<string, number>();
    const outcomes = rows.map((r, i): BindingOutcome => {
      const refuse = (reason: string): BindingOutcome => ({ key: r.key, outcome: 'refused', reason });
      const earlier = firstRow.get(r.key);
      if (earlier !== undefined) return refuse(`the same listing as row ${earlier + 1} of this request`);
      const keyProblem = itemKeyProblem(r.key);
      if (keyProblem) return refuse(`not a listing key: ${keyProblem}`);
      firstRow.set(r.key, i);
      const store = storeOf(r.store);
      if (!store || store.uscc !== uscc) return refuse(`store ${r.store} is not an approved store of enterprise ${uscc}`);
      const space = itemSpaceOf(store.platform);
      if (!r.key.startsWith(`${space}:`)) return refuse(`${r.key} is not a listing of ${store.platform} store ${store.key} (its items are ${space} listings)`);
      if (r.evaluationId !== undefined && !evaluations.has(r.evaluationId)) return refuse(`evaluation ${r.evaluationId} is not one of enterprise ${uscc}'s`);
      const before = stored.get(r.key);
      if (before && before.store !== store.key && storeOf(before.store)?.uscc !== uscc) return refuse(`${r.key} is registered under another enterprise's store`);
      if (before && before.store === store.key && before.evaluationId === r.evaluationId) return { key: r.key, outcome: 'unchanged' };
      const after: ListingBinding = { key: r.key, store: store.key };
      if (r.evaluationId !== undefined) after.evaluationId = r.evaluationId;
      // The dates say since when the listing was on sale under the store; a new evaluation keeps them.
      if (before?.since && before.store === store.key) after.since = before.since;
      if (before?.until && before.store === store.key) after.until = before.until;
      changed.push(after);
      return { key: r.key, outcome: 'bound' };
    });
    repos.bindings.upsertChanged(changed);
    const counts = countOf(outcomes);
    return { before: null, after: { rows: rows.length, ...counts }, result: { outcomes, counts } };
  });
}

export interface UnbindOptions {
  /** Remove the listing from the registry altogether; by default only its evaluation is removed (it stays `store-only`). */
  forget?: boolean;
}

/**
 * Unbinds listings of one enterprise in bulk, in one audited transaction with per-row outcomes. A
 * listing not registered, or registered under another enterprise's store, is refused with the
 * same reason (whether another enterprise lists it is not revealed).
 */
export function unbindListings(repos: Repositories, actor: Actor, uscc: string, keys: readonly string[], options: UnbindOptions = {}): BindingResult {
  return auditedChange(repos, actor, options.forget ? 'listings.forget' : 'listings.unbind', `enterprise:${uscc}`, () => {
    enterpriseOrThrow(repos, uscc);
    const mine = new Set(repos.stores.ofEnterprise(uscc).map((s) => s.key));
    const seen = new Set<string>();
    const outcomes = keys.map((key): BindingOutcome => {
      if (seen.has(key)) return { key, outcome: 'refused', reason: 'repeated in this request' };
      seen.add(key);
      const before = repos.bindings.get(key);
      if (!before || !mine.has(before.store)) return { key, outcome: 'refused', reason: `${key} is not a listing of enterprise ${uscc}'s stores` };
      if (options.forget) repos.bindings.remove(key);
      else if (before.evaluationId === undefined) return { key, outcome: 'unchanged' };
      else {
        const { evaluationId: _dropped, ...rest } = before;
        repos.bindings.upsert(rest);
      }
      return { key, outcome: 'unbound' };
    });
    const counts = countOf(outcomes);
    return { before: null, after: { rows: keys.length, ...counts }, result: { outcomes, counts } };
  });
}
