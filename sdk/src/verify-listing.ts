import { businessDayEnd, businessDayStart, toCstIso, toEpochMs } from './business-time.js';
import { detectClaims } from './claims.js';
import { type ListingInput, listingOf } from './listing-key.js';
import type { Enterprise, Evaluation, ListingBinding, ListingRef, Sanction, StatusChange, Standard, Store } from './model.js';
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

/**
 * Parsed times of an evaluation, cached per object: date strings are parsed and the history put in
 * effective-time order once, not per verdict.
 */
interface Times {
  issued: number;
  /** First instant after the expiry day (UTC+8). */
  end: number;
  /** Effective times, ascending; `entries[i]` took effect at `changes[i]`. */
  changes: number[];
  entries: StatusChange[];
}
const timesCache = new WeakMap<object, Times>();

function evaluationTimes(e: Evaluation): Times {
  let t = timesCache.get(e);
  if (!t) {
    // History may arrive in any order (an import appends a 撤销 dated before a 暂停 already stored).
    // Stable sort by effective time, so entries at the same instant keep their recorded order; an
    // unparseable time sorts last and never takes effect (the encoder refuses those anyway).
    const order = e.history
      .map((c, i): [number, number] => {
        const ms = Date.parse(c.at);
        return [Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms, i];
      })
      // Infinity − Infinity is NaN, which falls through to the recorded order.
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    t = { issued: businessDayStart(e.issued), end: businessDayEnd(e.expires), changes: order.map((o) => o[0]), entries: order.map((o) => e.history[o[1]]!) };
    timesCache.set(e, t);
  }
  return t;
}

const VALID: EvaluationStanding = Object.freeze({ state: 'valid' });
const NOT_YET: EvaluationStanding = Object.freeze({ state: 'not-yet-issued' });

/**
 * The evaluation's state at `atMs`: the latest status change in effective-time order at or before
 * `atMs` (over all entries, whatever order they were recorded in), then the expiry date.
 */
export function evaluationStanding(evaluation: Evaluation, atMs: number): EvaluationStanding {
  const t = evaluationTimes(evaluation);
  if (atMs < t.issued) return NOT_YET;
  // Binary search: the number of changes in effect at `atMs`.
  let lo = 0;
  let hi = t.changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.changes[mid]! <= atMs) lo = mid + 1;
    else hi = mid;
  }
  const change = t.entries[lo - 1];
  if (change && change.status !== 'valid') return { state: change.status, since: t.changes[lo - 1]!, reason: change.reason };
  return atMs < t.end ? VALID : { state: 'expired', since: t.end };
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
const NOT_FOUND: Resolved = ['not-found', Object.freeze({})];

function evidenceOf(store: Store, enterprise?: Enterprise, evaluation?: Evaluation, standard?: Standard): VerdictEvidence {
  // Assigned, not spread: absent keys stay absent.
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
  if (sanction) return ['sanctioned', { ...evidence, sanction }];
  const evaluation = bestEvaluation(view.evaluationsOf(store.uscc), atMs);
  return evaluation
    ? ['store-only', evidenceOf(store, evidence.enterprise, evaluation, view.standard(evaluation.standard))]
    : ['not-found', evidence];
}

/**
 * A listing's subject (its binding, or the shop's store) joined with what its verdict needs.
 * Views are immutable, so this is computed once per subject and view; and the answer holds
 * between two consecutive edges (day bounds, issue, status changes, expiry, sanctions) of
 * everything it reads, so it is resolved once per such interval and its evidence is frozen
 * and shared.
 */
interface Answer {
  view: RegistryView;
  store?: Store;
  /** Set only when the binding can count: an evaluation of the store's own enterprise. */
  evaluation?: Evaluation;
  evidence?: Readonly<VerdictEvidence>;
  sanctions: readonly Sanction[];
  /** The binding counts from `from` until `to`: both the binding's and the store's ranges. */
  from: number;
  to: number;
  edges: number[];
  /** `resolved` holds for times in [lo, hi). */
  lo: number;
  hi: number;
  resolved: Resolved;
}
const answers = new WeakMap<object, Answer>();

const day = (d: string | undefined, end: boolean, open = NaN) =>
  d === undefined ? open : end ? businessDayEnd(d) : businessDayStart(d);

function join(view: RegistryView, binding: ListingBinding | undefined, shop: Store | undefined): Answer {
  const store = binding ? view.store(binding.store) : shop;
  const found = binding?.evaluationId === undefined ? undefined : view.evaluation(binding.evaluationId);
  const evaluation = store && found?.uscc === store.uscc ? found : undefined;
  const edges = [day(binding?.since, false), day(binding?.until, true)];
  if (store) {
    edges.push(day(store.since, false), day(store.until, true));
    for (const e of view.evaluationsOf(store.uscc).concat(evaluation ?? [])) {
      const t = evaluationTimes(e);
      edges.push(t.issued, t.end, ...t.changes);
    }
    for (const s of view.sanctionsOf(store.uscc)) edges.push(day(s.from, false), day(s.until, true));
  }
  return {
    view,
    store,
    evaluation,
    evidence:
      store && evaluation
        ? Object.freeze(evidenceOf(store, view.enterprise(evaluation.uscc), evaluation, view.standard(evaluation.standard)))
        : undefined,
    sanctions: evaluation ? view.sanctionsOf(evaluation.uscc) : [],
    from: Math.max(day(binding?.since, false, -1 / 0), day(store?.since, false, -1 / 0)),
    to: Math.min(day(binding?.until, true, 1 / 0), day(store?.until, true, 1 / 0)),
    edges,
    lo: NaN,
    hi: NaN,
    resolved: NOT_FOUND,
  };
}

function resolveAnswer(view: RegistryView, a: Answer, atMs: number): Resolved {
  const { store, evaluation, evidence, sanctions } = a;
  if (!store) return NOT_FOUND;
  // A binding counts only through a live store of the evaluation's own enterprise.
  if (!evaluation || !evidence || atMs < a.from || !(atMs < a.to)) return resolveStore(view, store, atMs);
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

/** Resolves `a` at `atMs`, and the interval around `atMs` in which that answer holds. */
function settle(view: RegistryView, a: Answer, atMs: number): void {
  const resolved = resolveAnswer(view, a, atMs);
  Object.freeze(resolved[1]);
  let lo = -1 / 0;
  let hi = 1 / 0;
  // Invalid dates give NaN edges, which no comparison crosses: they are skipped here too.
  for (const e of a.edges) {
    if (e <= atMs) lo = Math.max(e, lo);
    else if (e < hi) hi = e;
  }
  a.lo = lo;
  a.hi = hi;
  a.resolved = resolved;
}

/** The answer at `atMs`: joined once per subject and view, resolved again only when `atMs` leaves its interval. */
function resolve(view: RegistryView, binding: ListingBinding | undefined, shop: Store | undefined, atMs: number): Resolved {
  const subject = (binding ?? shop)!;
  let a = answers.get(subject);
  if (a?.view !== view) {
    a = join(view, binding, shop);
    answers.set(subject, a);
  }
  if (!(atMs >= a.lo && atMs < a.hi)) settle(view, a, atMs);
  return a.resolved;
}

// Verdicts for one `at` (a batch, a page) share one ISO string instead of formatting it each time.
let lastAtMs = NaN;
let lastAtIso = '';
function isoOf(atMs: number): string {
  if (atMs !== lastAtMs) {
    lastAtIso = new Date(atMs).toISOString();
    lastAtMs = atMs;
  }
  return lastAtIso;
}

/**
 * The verdict for `ref` (null: not a listing) at `atMs`: the one path of `verifyListing` and the
 * snapshot verifier, which passes its times as numbers rather than an options object per call.
 */
export function verdictAt(ref: ListingRef | null, view: RegistryView, atMs: number, text?: string): Verdict {
  const source = view.source;
  if (!Number.isFinite(atMs)) return unknownVerdict(ref, 'error', 'Invalid time.', Date.now(), source, text);
  if (!ref) return unknownVerdict(null, 'invalid-listing', 'Not a listing', atMs, source, text);
  let resolved: Resolved;
  try {
    const binding = ref.kind === 'item' ? view.binding(ref.key) : undefined;
    const shop = ref.kind === 'item' ? undefined : view.store(ref.key);
    resolved = binding || shop ? resolve(view, binding, shop, atMs) : NOT_FOUND;
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

/**
 * The verdict for one listing at one time (ARCHITECTURE.md "The verdict"). Only the listing's
 * identity, taken from its URL, is looked up; `text` only feeds `claim`.
 */
export function verifyListing(listing: ListingInput, view: RegistryView, options: VerifyOptions = {}): Verdict {
  const atMs = toEpochMs(options.at);
  const { ref, text } = listingOf(listing);
  return verdictAt(ref, view, atMs, options.text ?? text);
}
