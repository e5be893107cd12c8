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

/** Parsed times of an entity, cached per object: date strings are parsed once, not per verdict. */
interface Times {
  /** First instant in range (start of the `since`/`issued`/`from` day), or -Infinity. */
  start: number;
  /** First instant out of range (end of the `until`/`expires` day), or Infinity. */
  end: number;
  /** Status-change instants, for evaluations. */
  changes?: number[];
}
const timesCache = new WeakMap<object, Times>();

function rangeTimes(entity: object, since: string | undefined, until: string | undefined): Times {
  let t = timesCache.get(entity);
  if (!t) {
    t = {
      start: since === undefined ? Number.NEGATIVE_INFINITY : businessDayStart(since),
      end: until === undefined ? Number.POSITIVE_INFINITY : businessDayEnd(until),
    };
    timesCache.set(entity, t);
  }
  return t;
}

function evaluationTimes(e: Evaluation): Times {
  let t = timesCache.get(e);
  if (!t) {
    t = { start: businessDayStart(e.issued), end: businessDayEnd(e.expires), changes: e.history.map((c) => Date.parse(c.at)) };
    timesCache.set(e, t);
  }
  return t;
}

/** The evaluation's state at `atMs`: status history first, then the expiry date. */
export function evaluationStanding(evaluation: Evaluation, atMs: number): EvaluationStanding {
  const t = evaluationTimes(evaluation);
  if (atMs < t.start) return { state: 'not-yet-issued' };
  const changes = t.changes!;
  let last = -1;
  while (last + 1 < changes.length && changes[last + 1]! <= atMs) last++;
  const change = evaluation.history[last];
  if (change && change.status !== 'valid') {
    return change.reason
      ? { state: change.status, since: changes[last]!, reason: change.reason }
      : { state: change.status, since: changes[last]! };
  }
  if (!(atMs < t.end)) return { state: 'expired', since: t.end };
  return VALID;
}
const VALID: EvaluationStanding = { state: 'valid' };

/** The sanction in force on the enterprise at `atMs`, if any. */
export function activeSanction(sanctions: readonly Sanction[], atMs: number): Sanction | undefined {
  for (const s of sanctions) {
    const t = rangeTimes(s, s.from, s.until);
    if (atMs >= t.start && atMs < t.end) return s;
  }
  return undefined;
}

function inRange(entity: Store | ListingBinding, atMs: number): boolean {
  const t = rangeTimes(entity, entity.since, entity.until);
  return atMs >= t.start && atMs < t.end;
}

const NO_CLAIMS = Object.freeze([]) as unknown as string[];

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

function evidenceOf(
  store: Store,
  enterprise: VerdictEvidence['enterprise'],
  evaluation?: Evaluation,
  standard?: VerdictEvidence['standard'],
): VerdictEvidence {
  // Assigned, not spread: this runs once per verdict on the hot path.
  const evidence: VerdictEvidence = { store };
  if (enterprise) evidence.enterprise = enterprise;
  if (evaluation) evidence.evaluation = evaluation;
  if (standard) evidence.standard = standard;
  return evidence;
}

/** Answers for a store (a shop listing, or an item the registry knows only through its store). */
function resolveStore(view: RegistryView, store: Store, atMs: number): Resolved {
  const enterprise = view.enterprise(store.uscc);
  if (!inRange(store, atMs)) return { status: 'not-found', evidence: evidenceOf(store, enterprise) };
  const sanction = activeSanction(view.sanctionsOf(store.uscc), atMs);
  if (sanction) {
    const evidence = evidenceOf(store, enterprise);
    evidence.sanction = sanction;
    return { status: 'sanctioned', evidence };
  }
  const evaluation = bestEvaluation(view.evaluationsOf(store.uscc), atMs);
  if (!evaluation) return { status: 'not-found', evidence: evidenceOf(store, enterprise) };
  return { status: 'store-only', evidence: evidenceOf(store, enterprise, evaluation, view.standard(evaluation.standard)) };
}

/** A binding joined with what its verdict needs; views are immutable, so this is computed once. */
interface Join {
  store: Store | undefined;
  evaluation: Evaluation | undefined;
  enterprise: Enterprise | undefined;
  standard: Standard | undefined;
  sanctions: readonly Sanction[];
  /** The evidence of a `verified` verdict, frozen so that verdicts can share it. */
  verified: VerdictEvidence | undefined;
  /** When the binding counts: inside the binding's, the store's and the evaluation's ranges. */
  from: number;
  to: number;
}
const joinsByView = new WeakMap<RegistryView, WeakMap<ListingBinding, Join>>();
const NO_SANCTIONS: readonly Sanction[] = Object.freeze([]);

function joinOf(view: RegistryView, binding: ListingBinding): Join {
  let joins = joinsByView.get(view);
  if (!joins) {
    joins = new WeakMap();
    joinsByView.set(view, joins);
  }
  let join = joins.get(binding);
  if (!join) {
    const store = view.store(binding.store);
    const evaluation = binding.evaluationId !== undefined ? view.evaluation(binding.evaluationId) : undefined;
    const enterprise = evaluation && view.enterprise(evaluation.uscc);
    const standard = evaluation && view.standard(evaluation.standard);
    join = {
      store,
      evaluation,
      enterprise,
      standard,
      sanctions: evaluation ? view.sanctionsOf(evaluation.uscc) : NO_SANCTIONS,
      verified: store && evaluation ? Object.freeze(evidenceOf(store, enterprise, evaluation, standard)) : undefined,
      from: Number.NEGATIVE_INFINITY,
      to: Number.POSITIVE_INFINITY,
    };
    if (store && evaluation) {
      const b = rangeTimes(binding, binding.since, binding.until);
      const st = rangeTimes(store, store.since, store.until);
      const ev = evaluationTimes(evaluation);
      join.from = Math.max(b.start, st.start, ev.start);
      join.to = Math.min(b.end, st.end, ev.end);
      // Status changes end the fast path: such evaluations take the full route below.
      if (evaluation.history.length > 0) join.to = Math.min(join.to, ev.changes![0]!);
    }
    joins.set(binding, join);
  }
  return join;
}

function resolveItem(view: RegistryView, ref: ListingRef, atMs: number): Resolved {
  const binding = view.binding(ref.key);
  if (!binding) return { status: 'not-found', evidence: {} };
  const join = joinOf(view, binding);
  const { store, evaluation, enterprise, standard, sanctions, verified } = join;
  if (!store) return { status: 'not-found', evidence: {} };
  // Fast path: inside every range, before any status change, and no sanction at all.
  if (atMs >= join.from && atMs < join.to && sanctions.length === 0 && verified && evaluation!.uscc === store.uscc) {
    return { status: 'verified', evidence: verified };
  }
  // A binding counts only through a live store of the evaluation's own enterprise.
  if (!evaluation || evaluation.uscc !== store.uscc || !inRange(binding, atMs) || !inRange(store, atMs)) {
    return resolveStore(view, store, atMs);
  }
  const standing = evaluationStanding(evaluation, atMs);
  if (standing.state === 'not-yet-issued') return resolveStore(view, store, atMs);
  if (standing.state !== 'valid') {
    const evidence = evidenceOf(store, enterprise, evaluation, standard);
    evidence.lapsedAt = toCstIso(standing.since);
    if (standing.reason) evidence.lapseReason = standing.reason;
    return { status: standing.state, evidence };
  }
  const sanction = activeSanction(sanctions, atMs);
  if (sanction) {
    const evidence = evidenceOf(store, enterprise, evaluation, standard);
    evidence.sanction = sanction;
    return { status: 'sanctioned', evidence };
  }
  return { status: 'verified', evidence: verified! };
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
  const claims = options.text ? claimTexts(options.text) : NO_CLAIMS;
  return {
    key: ref.key,
    ref,
    status: resolved.status,
    claim: claimOf(resolved.status, claims.length > 0),
    claims,
    evidence: resolved.evidence,
    at: isoOf(atMs),
    source: view.source,
  };
}
