import { toEpochMs } from '../business-time.js';
import { type ListingInput, listingOf } from '../listing-key.js';
import type { SnapshotInfo, SnapshotVerifier } from './types.js';
import type { RegistryView, Verdict } from '../verdict.js';
import { type VerifyOptions, unknownVerdict, verdictAt } from '../verify-listing.js';

/**
 * The verifier over a view: a full snapshot's (`openSnapshot`) or a delta-applied one
 * (`applyDelta`). Stale past `info.expiresAt`: every verdict is then `unknown`. One clock reading
 * per call (per batch for verifyMany): it decides staleness and the default time.
 */
export function verifierOver(view: RegistryView & { evaluationsOf(uscc: string): readonly unknown[] }, info: SnapshotInfo, now: () => number = Date.now): SnapshotVerifier {
  const expires = Date.parse(info.expiresAt);
  const source = view.source;
  const isStale = (at = now()) => !(at < expires);
  const verifyAt = (listing: ListingInput, t: number, at: number, given?: string): Verdict => {
    const { ref, text: own } = listingOf(listing);
    const text = own ?? given;
    return isStale(t) ? unknownVerdict(ref, 'stale', `Snapshot ${info.sequence} expired at ${info.expiresAt}.`, at, source, text) : verdictAt(ref, view, at, text);
  };
  const atOf = (t: number, o?: VerifyOptions) => (o?.at === undefined ? t : toEpochMs(o.at, now));
  return {
    info,
    view,
    isStale,
    verify(listing, o) {
      const t = now();
      return verifyAt(listing, t, atOf(t, o), o?.text);
    },
    verifyMany(listings, o) {
      const t = now();
      const at = atOf(t, o);
      return listings.map((l) => verifyAt(l, t, at, o?.text));
    },
    enterprise: view.enterprise,
    evaluation: view.evaluation,
    standard: view.standard,
    store: (k, shopId) => view.store(shopId === undefined ? k : `${k}:shop:${shopId}`),
    evaluationsOf: view.evaluationsOf,
    sanctionsOf: view.sanctionsOf,
  };
}
