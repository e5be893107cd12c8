import type { Enterprise, Evaluation, ListingBinding, Sanction, Standard, Store } from '../model.js';
import type { RegistryView, VerdictSource } from '../verdict.js';
import type { DeltaCollection } from './format.js';

/** Records by key per collection: a record replaces the base's, `null` removes it. */
export type Overlay = { [C in DeltaCollection]: Map<string, DeltaRecord | null> };
// biome-ignore lint/suspicious/noExplicitAny: records of the six collections, keyed as format.ts says
export type DeltaRecord = any;

export interface OverlayBase {
  view: RegistryView;
  /** Every sanction of the base (views look sanctions up by USCC only; deltas remove them by id). */
  sanctions(): readonly Sanction[];
}

const NONE: readonly never[] = Object.freeze([]);

export const emptyOverlay = (): Overlay => ({
  enterprises: new Map(),
  standards: new Map(),
  evaluations: new Map(),
  stores: new Map(),
  bindings: new Map(),
  sanctions: new Map(),
});

// By id, once per base: every delta's apply looks its sanctions up in the same base, and
// decoding all of the base's sanctions costs more than the rest of a day's delta.
const sanctionIndexes = new WeakMap<OverlayBase, Map<string, Sanction>>();
function sanctionIndexOf(base: OverlayBase): Map<string, Sanction> {
  let index = sanctionIndexes.get(base);
  if (!index) {
    index = new Map(base.sanctions().map((s) => [s.id, s]));
    sanctionIndexes.set(base, index);
  }
  return index;
}

/**
 * The base view with an overlay of upserts and removals on top: every `RegistryView` look-up
 * answers from the overlay first. `evaluationsOf` / `sanctionsOf` keep the base's order, a
 * replaced record in its place, and list records new to the USCC after them (in delta order).
 * Immutable, and memoised so that a look-up returns the same object each time.
 */
export function createOverlayView(base: OverlayBase, overlay: Overlay, source: VerdictSource) {
  const { view } = base;
  const baseSanction = (id: string) => sanctionIndexOf(base).get(id);
  const BASE: { [C in DeltaCollection]: (k: string) => DeltaRecord | undefined } = {
    enterprises: view.enterprise,
    standards: view.standard,
    evaluations: view.evaluation,
    stores: view.store,
    bindings: view.binding,
    sanctions: baseSanction,
  };
  const get = (c: DeltaCollection, k: string): DeltaRecord | undefined => {
    const o = overlay[c].get(k);
    return o === undefined ? BASE[c](k) : (o ?? undefined);
  };

  /** Per USCC, the overlay's records of a collection (evaluations, sanctions). */
  const byUscc = <T extends { uscc: string }>(m: Map<string, T | null>) => {
    const out = new Map<string, T[]>();
    for (const r of m.values()) if (r) out.set(r.uscc, [...(out.get(r.uscc) ?? []), r]);
    return out;
  };
  const merged = <T extends { uscc: string }>(m: Map<string, T | null>, baseOf: (uscc: string) => readonly T[], idOf: (x: T) => string) => {
    const added = byUscc(m);
    const lists = new Map<string, readonly T[]>();
    return (uscc: string): readonly T[] => {
      let list = lists.get(uscc);
      if (!list) {
        const out: T[] = [];
        const seen = new Set<string>();
        for (const x of baseOf(uscc)) {
          const id = idOf(x);
          seen.add(id);
          const o = m.get(id);
          if (o === undefined) out.push(x);
          else if (o && o.uscc === uscc) out.push(o);
        }
        for (const x of added.get(uscc) ?? NONE) if (!seen.has(idOf(x))) out.push(x);
        list = out.length ? out : NONE;
        lists.set(uscc, list);
      }
      return list;
    };
  };
  const evaluationsOf = merged<Evaluation>(overlay.evaluations, view.evaluationsOf, (e) => e.id);
  const sanctionsOf = merged<Sanction>(overlay.sanctions, view.sanctionsOf, (s) => s.id);

  const result = {
    source,
    binding: (k: string): ListingBinding | undefined => get('bindings', k),
    store: (k: string): Store | undefined => get('stores', k),
    enterprise: (k: string): Enterprise | undefined => get('enterprises', k),
    evaluation: (k: string): Evaluation | undefined => get('evaluations', k),
    standard: (k: string): Standard | undefined => get('standards', k),
    evaluationsOf,
    sanctionsOf,
    /** Every sanction after the overlay. */
    sanctions(): Sanction[] {
      const out = base.sanctions().flatMap((s) => {
        const o = overlay.sanctions.get(s.id);
        return o === undefined ? [s] : o ? [o] : [];
      });
      const ids = new Set(base.sanctions().map((s) => s.id));
      for (const [id, s] of overlay.sanctions) if (s && !ids.has(id)) out.push(s);
      return out;
    },
    /** Look-up by collection and key (sanctions by id). */
    get,
  };
  return result satisfies RegistryView;
}

export type OverlayView = ReturnType<typeof createOverlayView>;
