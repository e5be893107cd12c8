import type { Evaluation, EvaluationState } from '@zjmade/sdk';
import type { Repositories } from '../store/repositories.js';
import { type Actor, Rejection } from './audited-change.js';
import { catalogueAdmin } from './catalogue-admin.js';

export interface EvaluationQuery {
  q?: string | undefined;
  certificate?: string | undefined;
  uscc?: string | undefined;
  enterprise?: string | undefined;
  standard?: string | undefined;
  product?: string | undefined;
}

export type StatusAction = 'suspend' | 'withdraw' | 'cancel' | 'reinstate';
const STATE_OF: Record<StatusAction, EvaluationState> = { suspend: 'suspended', withdraw: 'withdrawn', cancel: 'cancelled', reinstate: 'valid' };

const has = (hay: string | undefined, needle: string) => hay?.toLowerCase().includes(needle.toLowerCase()) === true;

/** Evaluation search, status changes and what each change reaches (listings, stores). */
export function consoleEvaluations(repos: Repositories) {
  const catalogue = catalogueAdmin(repos);
  const names = () => new Map(repos.enterprises.all().map((e) => [e.uscc, e.name]));
  const affected = (e: Evaluation) => {
    const listings = repos.bindings.all().filter((b) => b.evaluationId === e.id);
    const stores = new Set(listings.map((b) => b.store));
    return { listings, stores: [...stores].sort() };
  };
  return {
    search(q: EvaluationQuery, limit: number, offset: number) {
      const name = names();
      const matches = repos.evaluations.all().filter((e) => {
        if (q.certificate && !has(e.id, q.certificate)) return false;
        if (q.uscc && e.uscc !== q.uscc.toUpperCase()) return false;
        if (q.enterprise && !has(name.get(e.uscc), q.enterprise)) return false;
        if (q.standard && !has(e.standard, q.standard)) return false;
        if (q.product && !e.products.some((p) => has(p.name, q.product!) || has(p.model, q.product!))) return false;
        if (q.q && !(has(e.id, q.q) || e.uscc === q.q.toUpperCase() || has(name.get(e.uscc), q.q) || has(e.standard, q.q) || e.products.some((p) => has(p.name, q.q!) || has(p.model, q.q!)))) return false;
        return true;
      });
      matches.sort((a, b) => a.id.localeCompare(b.id));
      return { total: matches.length, items: matches.slice(offset, offset + limit).map((e) => ({ ...e, enterpriseName: name.get(e.uscc) ?? null })) };
    },
    detail(id: string) {
      const e = repos.evaluations.get(id);
      if (!e) throw new Rejection('not-found', `No evaluation ${id}.`);
      const a = affected(e);
      return { evaluation: { ...e, enterpriseName: names().get(e.uscc) ?? null }, history: e.history, affects: { listings: a.listings.length, stores: a.stores.length } };
    },
    affected(id: string, limit: number, offset: number) {
      const e = repos.evaluations.get(id);
      if (!e) throw new Rejection('not-found', `No evaluation ${id}.`);
      const a = affected(e);
      return { listings: a.listings.length, stores: a.stores, items: a.listings.slice(offset, offset + limit), limit, offset };
    },
    changeStatus(actor: Actor, id: string, action: StatusAction, reason: string, effectiveAt: string | undefined) {
      const before = repos.evaluations.get(id);
      if (!before) throw new Rejection('not-found', `No evaluation ${id}.`);
      const out = catalogue.setEvaluationStatus(actor, id, { status: STATE_OF[action], reason, ...(effectiveAt ? { effectiveAt } : {}) });
      const a = affected(before);
      return { evaluation: out.evaluation, affects: { listings: a.listings.length, stores: a.stores.length } };
    },
  };
}
