import type {
  Enterprise,
  Evaluation,
  EvaluationState,
  Instant,
  ListingBinding,
  ListingRef,
  Sanction,
  Standard,
  Store,
} from './model.js';

/** Statuses, most specific first (ARCHITECTURE.md "The verdict"). */
export const VERDICT_STATUSES = [
  'verified',
  'store-only',
  'expired',
  'suspended',
  'withdrawn',
  'cancelled',
  'sanctioned',
  'not-found',
  'unknown',
] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export type LapsedStatus = 'expired' | Exclude<EvaluationState, 'valid'>;

/** Whether the listing's own text claims the mark, and whether the registry backs that claim. */
export type ClaimState = 'none' | 'backed' | 'unbacked';

/** Why a verdict is `unknown`: there is no trustworthy answer. */
export type UnknownReason =
  | 'invalid-listing'
  | 'no-snapshot'
  | 'stale'
  | 'signature'
  | 'unreachable'
  | 'error';

export type VerdictSource =
  | {
      kind: 'snapshot';
      sequence: number;
      issuedAt: Instant;
      expiresAt: Instant;
      sample: boolean;
    }
  | { kind: 'online'; sequence?: number; issuedAt?: Instant; sample: boolean }
  | { kind: 'memory'; sample: boolean }
  | { kind: 'none' };

export interface VerdictEvidence {
  enterprise?: Enterprise;
  evaluation?: Evaluation;
  standard?: Standard;
  store?: Store;
  sanction?: Sanction;
  /** When a lapsed evaluation stopped being valid (status change time, or end of its expiry day). */
  lapsedAt?: Instant;
  /** The reason recorded with the status change that lapsed it. */
  lapseReason?: string;
}

export interface Verdict {
  /** The listing's canonical key, or null when the input is not a listing. */
  key: string | null;
  ref: ListingRef | null;
  status: VerdictStatus;
  claim: ClaimState;
  /** The claim phrases found in the listing's text, as written. */
  claims: string[];
  /** Set when status is `unknown`. */
  reason?: UnknownReason;
  /** A human-readable detail for `reason` (English). */
  detail?: string;
  evidence: VerdictEvidence;
  /** The time the verdict answers for. */
  at: Instant;
  source: VerdictSource;
}

/**
 * What `verifyListing` needs from a registry. Implemented over plain data (`createMemoryView`),
 * over a signed snapshot (the offline verifier), and over the registry service's store.
 * A view is immutable and returns the same object for the same look-up, so `verifyListing` may
 * cache what it derives from a view's objects.
 */
export interface RegistryView {
  readonly source: VerdictSource;
  /** The listing the registry knows under this canonical key. */
  binding(key: string): ListingBinding | undefined;
  store(storeKey: string): Store | undefined;
  enterprise(uscc: string): Enterprise | undefined;
  evaluation(id: string): Evaluation | undefined;
  standard(code: string): Standard | undefined;
  /** Evaluations held by the enterprise (any state). */
  evaluationsOf(uscc: string): readonly Evaluation[];
  sanctionsOf(uscc: string): readonly Sanction[];
  /**
   * Optional look-ups for brand-owner coverage (a store list per enterprise, bindings per store).
   * Optional so views that cannot answer them stay valid; coverage then reports fewer facts.
   */
  storesOf?(uscc: string): readonly Store[];
  bindingsOfStore?(storeKey: string): readonly ListingBinding[];
}
