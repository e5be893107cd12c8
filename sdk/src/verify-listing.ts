import { businessDayEnd, businessDayStart, toCstIso, toEpochMs } from './business-time.js';
import { detectClaims } from './claims.js';
import { parseListingUrl } from './listing-url.js';
import type { Evaluation, ListingRef, Sanction, Store } from './model.js';
import type {
  ClaimState,
  LapsedStatus,
  RegistryView,
  UnknownReason,
  Verdict,
  VerdictEvidence,
  VerdictSource,
  VerdictStatus,
} from './verdict.js';

export interface VerifyOptions {
  /** The time to answer for: Date, epoch ms, ISO instant or business date. Default: now. */
  at?: Date | number | string;
  /** The listing's own text (title, labels): only feeds `claim`, never the status. */
  text?: string;
}

/** Where an evaluation stands at an instant. */
export type EvaluationStanding =
  | { state: 'valid' }
  | { state: 'not-yet-issued' }
  | { state: LapsedStatus; since: number; reason?: string };

/** The evaluation's state at `atMs`: status history first, then the expiry date. */
export function evaluationStanding(evaluation: Evaluation, atMs: number): EvaluationStanding {
  if (atMs < businessDayStart(evaluation.issued)) return { state: 'not-yet-issued' };
  let last: Evaluation['history'][number] | undefined;
  for (const change of evaluation.history) {
    const t = Date.parse(change.at);
    if (t > atMs) break;
    last = change;
  }
  if (last && last.status !== 'valid') {
    return { state: last.status, since: Date.parse(last.at), ...(last.reason ? { reason: last.reason } : {}) };
  }
  const end = businessDayEnd(evaluation.expires);
  if (!(atMs < end)) return { state: 'expired', since: end };
  return { state: 'valid' };
}

/** The sanction in force on the enterprise at `atMs`, if any. */
export function activeSanction(sanctions: readonly Sanction[], atMs: number): Sanction | undefined {
  for (const s of sanctions) {
    if (atMs < businessDayStart(s.from)) continue;
    if (s.until !== undefined && !(atMs < businessDayEnd(s.until))) continue;
    return s;
  }
  return undefined;
}

function inDateRange(since: string | undefined, until: string | undefined, atMs: number): boolean {
  if (since !== undefined && atMs < businessDayStart(since)) return false;
  if (until !== undefined && !(atMs < businessDayEnd(until))) return false;
  return true;
}

function claimOf(status: VerdictStatus, found: boolean): ClaimState {
  if (!found) return 'none';
  return status === 'verified' ? 'backed' : 'unbacked';
}

function claimTexts(text: string | undefined): string[] {
  if (!text) return [];
  return detectClaims(text).map((c) => c.text);
}

/** A verdict with no trustworthy answer. Never `not-found`, never `verified`. */
export function unknownVerdict(
  ref: ListingRef | null,
  reason: UnknownReason,
  detail: string,
  atMs: number,
  source: VerdictSource,
  text?: string,
): Verdict {
  const claims = claimTexts(text);
  return {
    key: ref?.key ?? null,
    ref,
    status: 'unknown',
    claim: claimOf('unknown', claims.length > 0),
    claims,
    reason,
    detail,
    evidence: {},
    at: Number.isFinite(atMs) ? new Date(atMs).toISOString() : new Date(0).toISOString(),
    source,
  };
}

/** Picks the evaluation of the enterprise that best represents it at `atMs` (valid first, then the latest expiry). */
function bestEvaluation(evaluations: readonly Evaluation[], atMs: number): Evaluation | undefined {
  let best: Evaluation | undefined;
  for (const e of evaluations) {
    if (evaluationStanding(e, atMs).state !== 'valid') continue;
    if (!best || e.expires > best.expires) best = e;
  }
  return best;
}

interface Resolved {
  status: VerdictStatus;
  evidence: VerdictEvidence;
}

function lapsed(standing: EvaluationStanding): Partial<VerdictEvidence> {
  if (standing.state === 'valid' || standing.state === 'not-yet-issued') return {};
  return {
    lapsedAt: toCstIso(standing.since),
    ...(standing.reason ? { lapseReason: standing.reason } : {}),
  };
}

/** Answers for a store (a shop listing, or an item the registry knows only through its store). */
function resolveStore(view: RegistryView, store: Store, atMs: number): Resolved {
  const enterprise = view.enterprise(store.uscc);
  const base: VerdictEvidence = { store, ...(enterprise ? { enterprise } : {}) };
  if (!inDateRange(store.since, store.until, atMs)) return { status: 'not-found', evidence: base };
  const sanction = activeSanction(view.sanctionsOf(store.uscc), atMs);
  if (sanction) return { status: 'sanctioned', evidence: { ...base, sanction } };
  const evaluation = bestEvaluation(view.evaluationsOf(store.uscc), atMs);
  if (!evaluation) return { status: 'not-found', evidence: base };
  const standard = view.standard(evaluation.standard);
  return { status: 'store-only', evidence: { ...base, evaluation, ...(standard ? { standard } : {}) } };
}

function resolveItem(view: RegistryView, ref: ListingRef, atMs: number): Resolved {
  const binding = view.binding(ref.key);
  if (!binding) return { status: 'not-found', evidence: {} };
  const store = view.store(binding.store);
  if (!store) return { status: 'not-found', evidence: {} };
  const bindingLive = inDateRange(binding.since, binding.until, atMs);
  const evaluation = binding.evaluationId !== undefined ? view.evaluation(binding.evaluationId) : undefined;
  // A binding counts only through a live store of the evaluation's own enterprise.
  if (
    !bindingLive ||
    !evaluation ||
    evaluation.uscc !== store.uscc ||
    !inDateRange(store.since, store.until, atMs)
  ) {
    return resolveStore(view, store, atMs);
  }
  const standing = evaluationStanding(evaluation, atMs);
  if (standing.state === 'not-yet-issued') return resolveStore(view, store, atMs);
  const enterprise = view.enterprise(evaluation.uscc);
  const standard = view.standard(evaluation.standard);
  const evidence: VerdictEvidence = {
    store,
    evaluation,
    ...(enterprise ? { enterprise } : {}),
    ...(standard ? { standard } : {}),
  };
  if (standing.state !== 'valid') {
    return { status: standing.state, evidence: { ...evidence, ...lapsed(standing) } };
  }
  const sanction = activeSanction(view.sanctionsOf(evaluation.uscc), atMs);
  if (sanction) return { status: 'sanctioned', evidence: { ...evidence, sanction } };
  return { status: 'verified', evidence };
}

/**
 * The verdict for one listing at one time (ARCHITECTURE.md "The verdict"). Only the listing's
 * identity, taken from its URL, is looked up; `text` only feeds `claim`.
 */
export function verifyListing(
  listing: ListingRef | string,
  view: RegistryView,
  options: VerifyOptions = {},
): Verdict {
  const atMs = toEpochMs(options.at);
  const ref = typeof listing === 'string' ? parseListingUrl(listing) : listing;
  if (!Number.isFinite(atMs)) {
    return unknownVerdict(ref, 'error', 'The time to verify at is not a valid date.', Date.now(), view.source, options.text);
  }
  if (!ref) {
    return unknownVerdict(null, 'invalid-listing', 'Not a marketplace listing URL.', atMs, view.source, options.text);
  }
  let resolved: Resolved;
  try {
    if (ref.kind === 'shop') {
      const store = view.store(ref.key);
      resolved = store ? resolveStore(view, store, atMs) : { status: 'not-found', evidence: {} };
    } else {
      resolved = resolveItem(view, ref, atMs);
    }
  } catch (error) {
    // A broken view must never turn into `not-found` or `verified`.
    return unknownVerdict(ref, 'error', String(error), atMs, view.source, options.text);
  }
  const claims = claimTexts(options.text);
  return {
    key: ref.key,
    ref,
    status: resolved.status,
    claim: claimOf(resolved.status, claims.length > 0),
    claims,
    evidence: resolved.evidence,
    at: new Date(atMs).toISOString(),
    source: view.source,
  };
}
