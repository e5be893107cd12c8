import { businessDayEnd, businessDayStart, toCstIso, toEpochMs } from './business-time.js';
import { detectClaims } from './claims.js';
import { parseListingUrl } from './listing-url.js';
import type { Enterprise, Evaluation, ListingBinding, ListingRef, Sanction, Standard, Store } from './model.js';
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

/** Parsed times of an evaluation, cached per object: date strings are parsed once, not per verdict. */
interface Times {
  issued: number;
  /** First instant after the expiry day (UTC+8). */
  end: number;
  changes: number[];
}
const timesCache = new WeakMap<object, Times>();

function evaluationTimes(e: Evaluation): Times {
  let t = timesCache.get(e);
  if (!t) {
    t = { issued: businessDayStart(e.issued), end: businessDayEnd(e.expires), changes: e.history.map((c) => Date.parse(c.at)) };
    timesCache.set(e, t);
  }
  return t;
}

/** The evaluation's state at `atMs`: status history first, then the expiry date. */
export function evaluationStanding(evaluation: Evaluation, atMs: number): EvaluationStanding {
  const t = evaluationTimes(evaluation);
  if (atMs < t.issued) return { state: 'not-yet-issued' };
  let i = -1;
  while (i + 1 < t.changes.length && t.changes[i + 1]! <= atMs) i++;
  const change = evaluation.history[i];
  if (change && change.status !== 'valid') return { state: change.status, since: t.changes[i]!, reason: change.reason };
  return atMs < t.end ? { state: 'valid' } : { state: 'expired', since: t.end };
}

/** True when `atMs` falls on a business day from `since` through `until` (either open). */
function within(since: string | undefined, until: string | undefined, atMs: number): boolean {
  return (since === undefined || atMs >= businessDayStart(since)) && (until === undefined || atMs < businessDayEnd(until));
}

/** The sanction in force on the enterprise at `atMs`, if any. */
export function activeSanction(sanctions: readonly Sanction[], atMs: number): Sanction | undefined {
  return sanctions.find((s) => within(s.from, s.until, atMs));
}

const NO_CLAIMS = Object.freeze([]) as unknown as string[];

const claimOf = (status: VerdictStatus, found: boolean): ClaimState =>
  !found ? 'none' : status === 'verified' ? 'backed' : 'unbacked';

const claimTexts = (text: string | undefined): string[] => (text ? detectClaims(text).map((c) => c.text) : []);

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
    at: new Date(Number.isFinite(atMs) ? atMs : 0).toISOString(),
    source,
  };
}

/** The enterprise's valid evaluation at `atMs` that lasts longest, if any. */
function bestEvaluation(evaluations: readonly Evaluation[], atMs: number): Evaluation | undefined {
  let best: Evaluation | undefined;
  for (const e of evaluations) {
    if (evaluationStanding(e, atMs).state === 'valid' && (!best || e.expires > best.expires)) best = e;
  }
  return best;
}

type Resolved = [VerdictStatus, VerdictEvidence];

function evidenceOf(store: Store, enterprise?: Enterprise, evaluation?: Evaluation, standard?: Standard): VerdictEvidence {
  // Assigned, not spread: this runs once per verdict on the hot path, and absent keys stay absent.
  const evidence: VerdictEvidence = { store };
  if (enterprise) evidence.enterprise = enterprise;
  if (evaluation) evidence.evaluation = evaluation;
  if (standard) evidence.standard = standard;
  return evidence;
}

/** Answers for a store (a shop listing, or an item the registry knows only through its store). */
function resolveStore(view: RegistryView, store: Store, atMs: number): Resolved {
  const evidence = evidenceOf(store, view.enterprise(store.uscc));
  if (!within(store.since, store.until, atMs)) return ['not-found', evidence];
  const sanction = activeSanction(view.sanctionsOf(store.uscc), atMs);
  if (sanction) {
    evidence.sanction = sanction;
    return ['sanctioned', evidence];
  }
  const evaluation = bestEvaluation(view.evaluationsOf(store.uscc), atMs);
  if (!evaluation) return ['not-found', evidence];
  evidence.evaluation = evaluation;
  const standard = view.standard(evaluation.standard);
  if (standard) evidence.standard = standard;
  return ['store-only', evidence];
}

/**
 * A binding joined with what its verdict needs. Views are immutable, so this is computed once per
 * binding and view; the evidence of a `verified` verdict is frozen and shared.
 */
interface Join {
  store?: Store;
  /** Set only when the binding can count: an evaluation of the store's own enterprise. */
  evaluation?: Evaluation;
  evidence?: Readonly<VerdictEvidence>;
  sanctions: readonly Sanction[];
  /** The binding counts from `from` until `to`: both the binding's and the store's ranges. */
  from: number;
  to: number;
}
const joinsByView = new WeakMap<RegistryView, WeakMap<ListingBinding, Join>>();

function joinOf(view: RegistryView, binding: ListingBinding): Join {
  let joins = joinsByView.get(view);
  if (!joins) joinsByView.set(view, (joins = new WeakMap()));
  let join = joins.get(binding);
  if (!join) {
    const store = view.store(binding.store);
    const found = binding.evaluationId === undefined ? undefined : view.evaluation(binding.evaluationId);
    const evaluation = store && found?.uscc === store.uscc ? found : undefined;
    const day = (d: string | undefined, end: boolean, open: number) =>
      d === undefined ? open : end ? businessDayEnd(d) : businessDayStart(d);
    join = {
      store,
      evaluation,
      evidence:
        store && evaluation
          ? Object.freeze(evidenceOf(store, view.enterprise(evaluation.uscc), evaluation, view.standard(evaluation.standard)))
          : undefined,
      sanctions: evaluation ? view.sanctionsOf(evaluation.uscc) : [],
      from: Math.max(day(binding.since, false, -1 / 0), day(store?.since, false, -1 / 0)),
      to: Math.min(day(binding.until, true, 1 / 0), day(store?.until, true, 1 / 0)),
    };
    joins.set(binding, join);
  }
  return join;
}

function resolveItem(view: RegistryView, ref: ListingRef, atMs: number): Resolved {
  const binding = view.binding(ref.key);
  const join = binding && joinOf(view, binding);
  const store = join?.store;
  if (!join || !store) return ['not-found', {}];
  const { evaluation, evidence, sanctions } = join;
  // A binding counts only through a live store of the evaluation's own enterprise.
  if (!evaluation || !evidence || atMs < join.from || !(atMs < join.to)) return resolveStore(view, store, atMs);
  const standing = evaluationStanding(evaluation, atMs);
  if (standing.state === 'not-yet-issued') return resolveStore(view, store, atMs);
  if (standing.state === 'valid') {
    const sanction = activeSanction(sanctions, atMs);
    return sanction ? ['sanctioned', { ...evidence, sanction }] : ['verified', evidence];
  }
  const lapsed: VerdictEvidence = { ...evidence, lapsedAt: toCstIso(standing.since) };
  if (standing.reason) lapsed.lapseReason = standing.reason;
  return [standing.state, lapsed];
}

// Verdicts for one `at` (a batch, a page) share one ISO string instead of formatting it each time.
let lastAtMs = Number.NaN;
let lastAtIso = '';
function isoOf(atMs: number): string {
  if (atMs !== lastAtMs) {
    lastAtIso = new Date(atMs).toISOString();
    lastAtMs = atMs;
  }
  return lastAtIso;
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
  const text = options.text;
  const source = view.source;
  if (!Number.isFinite(atMs)) return unknownVerdict(ref, 'error', 'Invalid time.', Date.now(), source, text);
  if (!ref) return unknownVerdict(null, 'invalid-listing', 'Not a listing URL.', atMs, source, text);
  let resolved: Resolved;
  try {
    if (ref.kind === 'item') resolved = resolveItem(view, ref, atMs);
    else {
      const store = view.store(ref.key);
      resolved = store ? resolveStore(view, store, atMs) : ['not-found', {}];
    }
  } catch (error) {
    // A broken view must never turn into `not-found` or `verified`.
    return unknownVerdict(ref, 'error', String(error), atMs, source, text);
  }
  const claims = text ? claimTexts(text) : NO_CLAIMS;
  return {
    key: ref.key,
    ref,
    status: resolved[0],
    claim: claimOf(resolved[0], claims.length > 0),
    claims,
    evidence: resolved[1],
    at: isoOf(atMs),
    source,
  };
}
