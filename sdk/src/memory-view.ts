import type { Evaluation, ListingBinding, RegistryData, Sanction, Store } from './model.js';
import type { RegistryView } from './verdict.js';

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * A `RegistryView` over plain registry data, indexed once. For tests, the CLI on local files and
 * the registry service; browsers use the snapshot verifier instead.
 */
export function createMemoryView(data: RegistryData): RegistryView {
  const bindings = new Map<string, ListingBinding>(data.bindings.map((b) => [b.key, b]));
  const stores = new Map<string, Store>(data.stores.map((s) => [s.key, s]));
  const enterprises = new Map(data.enterprises.map((e) => [e.uscc, e]));
  const evaluations = new Map<string, Evaluation>(data.evaluations.map((e) => [e.id, e]));
  const standards = new Map(data.standards.map((s) => [s.code, s]));
  const byEnterprise = groupBy(data.evaluations, (e) => e.uscc);
  const sanctions = groupBy<Sanction>(data.sanctions, (s) => s.uscc);
  const storesByEnterprise = groupBy<Store>(data.stores, (s) => s.uscc);
  const bindingsByStore = groupBy<ListingBinding>(data.bindings, (b) => b.store);
  const source = { kind: 'memory', sample: data.meta.sample } as const;
  return {
    source,
    binding: (key) => bindings.get(key),
    store: (key) => stores.get(key),
    enterprise: (uscc) => enterprises.get(uscc),
    evaluation: (id) => evaluations.get(id),
    standard: (code) => standards.get(code),
    evaluationsOf: (uscc) => byEnterprise.get(uscc) ?? NONE,
    sanctionsOf: (uscc) => sanctions.get(uscc) ?? NONE,
    storesOf: (uscc) => storesByEnterprise.get(uscc) ?? NONE,
    bindingsOfStore: (storeKey) => bindingsByStore.get(storeKey) ?? NONE,
  };
}
