import { evaluationStanding, type ListingRef, PLATFORMS, parseStandardCode, resolveListing } from '@zjmade/sdk';
import type { RegistryService } from '../service.js';
import { Rejection } from './audited-change.js';

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/**
 * Look-ups read the database (the source of truth; every change republishes before it returns).
 * An unknown record is a `not-found` Rejection; an input that cannot name one, `invalid-request`.
 */
export function lookups(registry: Pick<RegistryService, 'repos' | 'current'>) {
  const { repos } = registry;
  return {
    enterprise(raw: string) {
      const uscc = raw.trim().toUpperCase();
      const enterprise = repos.enterprises.get(uscc);
      if (!enterprise) throw new Rejection('not-found', `No enterprise with USCC ${uscc}.`);
      return { enterprise, evaluations: repos.evaluations.ofEnterprise(uscc), stores: repos.stores.ofEnterprise(uscc), sanctions: repos.sanctions.ofEnterprise(uscc) };
    },

    evaluation(id: string) {
      const evaluation = repos.evaluations.get(id);
      if (!evaluation) throw new Rejection('not-found', `No evaluation ${id}.`);
      const standing = evaluationStanding(evaluation, Date.now());
      return { evaluation, state: standing.state, standard: repos.standards.get(evaluation.standard) ?? null, enterprise: repos.enterprises.get(evaluation.uscc) ?? null };
    },

    standard(raw: string) {
      const parsed = parseStandardCode(raw);
      if (!parsed) throw new Rejection('invalid-request', `"${raw}" is not a 浙江制造 standard code (T/ZZB NNNN-YYYY).`, [{ path: '/code', message: 'expected T/ZZB NNNN-YYYY' }]);
      const standard = repos.standards.get(parsed.canonical);
      if (!standard) throw new Rejection('not-found', `No standard ${parsed.canonical}.`);
      return { standard, successor: standard.successor ? (repos.standards.get(standard.successor) ?? null) : null };
    },

    store(platform: string, shopId: string) {
      if (!PLATFORM_SET.has(platform)) throw new Rejection('not-found', `Unknown platform ${platform}.`);
      const key = `${platform}:shop:${shopId}`;
      const store = repos.stores.get(key);
      if (!store) throw new Rejection('not-found', `No store ${key}.`);
      return { store, enterprise: repos.enterprises.get(store.uscc) ?? null, listings: repos.bindings.countOfStore(key) };
    },

    listing(raw: string) {
      const ref: ListingRef | null = resolveListing(raw);
      if (!ref) throw new Rejection('invalid-request', `"${raw}" is not a listing key or URL.`, [{ path: '/key', message: 'expected {space}:item:{id} or {platform}:shop:{id}' }]);
      const binding = repos.bindings.get(ref.key);
      if (!binding) throw new Rejection('not-found', `The registry has no binding for ${ref.key}.`);
      const current = registry.current();
      return { key: ref.key, binding, store: repos.stores.get(binding.store) ?? null, verdict: current ? current.verifier.verify(ref) : null };
    },
  };
}
export type Lookups = ReturnType<typeof lookups>;
