import { businessDayEnd, businessDayStart, type Evaluation, type ListingRef, type RegistryView, type Sanction, type Store } from '@zjmade/sdk';

/**
 * The instants at which a listing's verdict can change, within one snapshot: every timeline the
 * SDK verifier reads for it (verify-listing.ts `join`/`resolveAnswer`/`resolveStore`), read through
 * the same view look-ups it makes. The binding's and its store's since/until (business-day bounds,
 * UTC+8), and for the store's enterprise every evaluation's issue day, expiry bound and status
 * change instants and every sanction's from/until; plus the snapshot's expiry. Between two
 * consecutive boundaries nothing the verdict reads changes, so the verdict is the same.
 *
 * Kept per key rather than for the whole snapshot: the per-key set is a subset of the snapshot's,
 * so its intervals are unions of the snapshot's, and an entry stays valid longer. An unparseable
 * date is NaN in the verifier (no comparison crosses it) and is left out here too.
 */
export function listingBoundaries(view: RegistryView, ref: ListingRef, expiresMs: number): Float64Array {
  const edges: number[] = [expiresMs];
  const binding = ref.kind === 'item' ? view.binding(ref.key) : undefined;
  const store: Store | undefined = binding ? view.store(binding.store) : ref.kind === 'item' ? undefined : view.store(ref.key);
  if (binding) days(edges, binding.since, binding.until);
  if (store) {
    days(edges, store.since, store.until);
    const bound = binding?.evaluationId === undefined ? undefined : view.evaluation(binding.evaluationId);
    for (const e of view.evaluationsOf(store.uscc)) evaluationEdges(edges, e);
    if (bound) {
      evaluationEdges(edges, bound);
      for (const s of view.sanctionsOf(bound.uscc)) sanctionEdges(edges, s);
    }
    for (const s of view.sanctionsOf(store.uscc)) sanctionEdges(edges, s);
  }
  const sorted = Float64Array.from(edges.filter(Number.isFinite)).sort();
  // Unique, so the interval index of an instant is the count of boundaries at or before it.
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

function days(edges: number[], since: string | undefined, until: string | undefined): void {
  if (since !== undefined) edges.push(businessDayStart(since));
  if (until !== undefined) edges.push(businessDayEnd(until));
}

function evaluationEdges(edges: number[], e: Evaluation): void {
  edges.push(businessDayStart(e.issued), businessDayEnd(e.expires));
  for (const c of e.history) edges.push(Date.parse(c.at));
}

function sanctionEdges(edges: number[], s: Sanction): void {
  days(edges, s.from, s.until);
}

/** The interval `atMs` falls in: the number of boundaries at or before it (binary search). */
export function intervalOf(boundaries: Float64Array, atMs: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid]! <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
