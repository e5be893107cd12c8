import { businessDateOf, businessDayStart, toCstIso, toEpochMs } from '../business-time.js';
import type { ListingRef, Store } from '../model.js';
import type { RegistryView, Verdict } from '../verdict.js';
import { verifyListing } from '../verify-listing.js';
import { BreakdownTally, type Bucket } from './breakdown.js';
import { daysLeft, indexEnterprise, windowFor } from './enterprise-index.js';
import { resolveListing } from '../listing-key.js';
import { resolveStoreHint } from './resolve-listing.js';
import { evaluationRenewals, groupBacked, lapseTimeline } from './summaries.js';
import type {
  ClaimEntry,
  CoverageEntry,
  CoverageInput,
  CoverageListingInput,
  CoverageOptions,
  CoverageReport,
  DuplicateEntry,
  ForgottenStore,
  InvalidEntry,
  LapsedEntry,
  NotOursEntry,
  RenewalEntry,
} from './types.js';

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
export const DEFAULT_WINDOWS: readonly number[] = Object.freeze([30, 60, 90]);

/** Bad arguments to `coverage` (not bad rows: those are reported, not thrown). */
export class CoverageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoverageInputError';
  }
}

function checkWindows(windows: readonly number[]): number[] {
  const out = [...windows];
  if (out.length === 0) throw new CoverageInputError('windows: give at least one renewal window.');
  for (let i = 0; i < out.length; i++) {
    const w = out[i]!;
    if (!Number.isInteger(w) || w <= 0) throw new CoverageInputError(`windows: ${w} is not a positive whole number of days.`);
    if (i > 0 && w <= out[i - 1]!) throw new CoverageInputError('windows: list them in ascending order without repeats.');
  }
  return out;
}

// Built by assignment rather than spreads: this runs once per listing, 100,000 times for a large export.
function entryOf(input: CoverageListingInput, row: number, ref: ListingRef, verdict: Verdict, store: Store | undefined): CoverageEntry {
  const entry: CoverageEntry = {
    row,
    listing: input.listing,
    key: ref.key,
    platform: store ? store.platform : ref.platform,
    kind: ref.kind,
    url: ref.url,
    status: verdict.status,
  };
  const title = input.title?.trim();
  if (title) entry.title = title;
  if (store) {
    entry.store = store.key;
    entry.storeName = store.name;
  }
  const evaluation = verdict.evidence.evaluation;
  if (evaluation && verdict.status !== 'store-only' && verdict.status !== 'not-found') {
    entry.evaluationId = evaluation.id;
    entry.standard = evaluation.standard;
    entry.expires = evaluation.expires;
  }
  return entry;
}

/**
 * Brand-owner coverage: which of an enterprise's listings are backed by a valid evaluation, which
 * lapse soon or have lapsed while still on sale, where the mark is claimed without backing, which
 * stores were left out. Every verdict comes from `verifyListing`; this only sorts them. Pure and
 * deterministic: the same input, view and `at` give the same report.
 */
export function coverage(input: CoverageInput, view: RegistryView, options: CoverageOptions = {}): CoverageReport {
  const uscc = String(input.uscc ?? '').trim().toUpperCase();
  if (!USCC_SHAPE.test(uscc)) throw new CoverageInputError(`"${input.uscc}" is not a unified social credit code (18 characters).`);
  const atMs = toEpochMs(options.at);
  if (!Number.isFinite(atMs)) throw new CoverageInputError(`at: "${String(options.at)}" is not a valid date.`);
  const windows = checkWindows(options.windows ?? DEFAULT_WINDOWS);
  const maxWindow = windows[windows.length - 1]!;
  const index = indexEnterprise(view, uscc, atMs);
  const enterprise = view.enterprise(uscc);

  const backed: CoverageEntry[] = [];
  const unbound: CoverageEntry[] = [];
  const renewals: RenewalEntry[] = [];
  const lapsedList: LapsedEntry[] = [];
  const claims: ClaimEntry[] = [];
  const notOurs: NotOursEntry[] = [];
  const invalid: InvalidEntry[] = [];
  const duplicates: DuplicateEntry[] = [];
  const shops: CoverageEntry[] = [];
  const firstRow = new Map<string, number>();
  const storesSeen = new Set<string>();
  const backedPerEvaluation = new Map<string, number>();
  const platforms = new BreakdownTally();
  const stores = new BreakdownTally();
  for (const s of index.stores ?? []) stores.ensure(s.key, s.name, s.platform);

  const { listings } = input;
  for (let i = 0; i < listings.length; i++) {
    const item = listings[i]!;
    const row = item.row ?? i + 1;
    const text = typeof item.listing === 'string' ? item.listing.trim() : '';
    if (!text) {
      invalid.push({ row, listing: String(item.listing ?? ''), reason: 'empty listing cell' });
      continue;
    }
    const ref = resolveListing(text);
    if (!ref) {
      invalid.push({ row, listing: text, reason: 'not a marketplace listing URL or key' });
      continue;
    }
    const first = firstRow.get(ref.key);
    if (first !== undefined) {
      duplicates.push({ row, listing: text, key: ref.key, firstRow: first });
      continue;
    }
    firstRow.set(ref.key, row);
    const verdict = verifyListing(ref, view, { at: atMs, ...(item.title ? { text: item.title } : {}) });
    if (verdict.status === 'unknown') {
      invalid.push({ row, listing: text, reason: verdict.detail ?? 'no trustworthy answer' });
      continue;
    }
    let store = verdict.evidence.store;
    if (!store && verdict.status === 'not-found') {
      // The registry has never seen this item; the export's store column may still say where it is sold.
      const hint = resolveStoreHint(item.store);
      const hinted = hint ? view.store(hint) : undefined;
      if (hinted && hinted.uscc === uscc) store = hinted;
    }
    const entry = entryOf(item, row, ref, verdict, store);
    const ours = store !== undefined && store.uscc === uscc;
    if (verdict.claim === 'unbacked') claims.push({ ...entry, claims: verdict.claims, ours });
    const unbackedClaim = verdict.claim === 'unbacked';
    if (ours && store && ref.kind === 'shop') {
      // A store's own page is not a product: it shows the store is in the input, nothing more.
      shops.push(entry);
      storesSeen.add(store.key);
      continue;
    }
    let bucket: Bucket;
    if (!ours) {
      bucket = 'notOurs';
      const e = entry as NotOursEntry;
      e.reason = store ? 'other-enterprise' : 'unknown';
      if (store) e.storeUscc = store.uscc;
      notOurs.push(e);
    } else if (verdict.status === 'verified') {
      bucket = 'backed';
      backed.push(entry);
      const evaluation = verdict.evidence.evaluation!;
      backedPerEvaluation.set(evaluation.id, (backedPerEvaluation.get(evaluation.id) ?? 0) + 1);
      const days = daysLeft(evaluation, atMs);
      const window = windowFor(days, windows);
      if (window !== undefined) {
        renewals.push({ ...entry, evaluationId: evaluation.id, expires: evaluation.expires, daysLeft: days, window });
      }
    } else if (verdict.status === 'store-only' || verdict.status === 'not-found') {
      bucket = 'unbound';
      unbound.push(entry);
    } else {
      bucket = 'lapsed';
      const sanction = verdict.evidence.sanction;
      const since = sanction ? toCstIso(businessDayStart(sanction.from)) : verdict.evidence.lapsedAt;
      const reason = sanction ? (sanction.reason ?? sanction.kind) : verdict.evidence.lapseReason;
      lapsedList.push({
        ...entry,
        status: verdict.status as LapsedEntry['status'],
        ...(since ? { since } : {}),
        ...(reason ? { reason } : {}),
      });
    }
    platforms.add(entry.platform, entry.platform, entry.platform, bucket, unbackedClaim);
    if (store) {
      storesSeen.add(store.key);
      stores.add(store.key, store.name, store.platform, bucket, unbackedClaim);
    }
  }

  const forgottenStores: ForgottenStore[] | null = index.stores
    ? index.stores
        .filter((s) => !storesSeen.has(s.key))
        .map((s) => ({
          store: s.key,
          platform: s.platform,
          shopId: s.shopId,
          name: s.name,
          role: s.role,
          ...(s.url ? { url: s.url } : {}),
          ...(index.listingsPerStore ? { registryListings: index.listingsPerStore.get(s.key) ?? 0 } : {}),
        }))
        .sort((a, b) => (a.store < b.store ? -1 : a.store > b.store ? 1 : 0))
    : null;

  const evaluationsDue = evaluationRenewals(index, backedPerEvaluation, windows, atMs);
  const renewalTotals: Record<string, number> = {};
  for (const w of windows) renewalTotals[String(w)] = renewals.filter((r) => r.daysLeft <= w).length;
  const ours = backed.length + unbound.length + lapsedList.length;
  const distinct = ours + notOurs.length;

  const limits: string[] = [];
  if (!index.stores) limits.push('This registry view cannot list an enterprise\'s stores: forgotten stores were not checked.');
  if (!index.listingsPerStore) limits.push('This registry view cannot list a store\'s bindings: registry listing counts are absent.');

  const attention: string[] = [];
  if (!enterprise) attention.push(`The registry does not know enterprise ${uscc}.`);
  if (unbound.length) attention.push(`${unbound.length} listing(s) in your stores are not bound to an evaluation.`);
  if (renewals.length || evaluationsDue.length) {
    attention.push(`${evaluationsDue.length} evaluation(s) backing ${renewals.length} listing(s) lapse within ${maxWindow} days.`);
  }
  if (lapsedList.length) attention.push(`${lapsedList.length} listing(s) bound to a lapsed evaluation or under a sanction are still on sale.`);
  if (claims.length) attention.push(`${claims.length} listing(s) claim the mark without backing.`);
  if (notOurs.length) attention.push(`${notOurs.length} listing(s) are not sold through your registered stores.`);
  if (forgottenStores?.length) attention.push(`${forgottenStores.length} registered store(s) are missing from the input.`);
  if (invalid.length) attention.push(`${invalid.length} row(s) could not be read.`);

  return {
    uscc,
    ...(enterprise ? { enterprise } : {}),
    at: toCstIso(atMs),
    date: businessDateOf(atMs),
    windows,
    source: view.source,
    sample: 'sample' in view.source ? view.source.sample : false,
    totals: {
      rows: listings.length,
      invalid: invalid.length,
      duplicates: duplicates.length,
      listings: distinct,
      ours,
      backed: backed.length,
      unbound: unbound.length,
      lapsed: lapsedList.length,
      unbackedClaims: claims.length,
      notOurs: notOurs.length,
      forgottenStores: forgottenStores?.length ?? 0,
      renewals: renewalTotals,
      coverage: ours === 0 ? 0 : backed.length / ours,
    },
    backed: { listings: backed, ...groupBacked(backed, view) },
    unbound,
    renewals: { listings: renewals.sort((a, b) => a.daysLeft - b.daysLeft || (a.row ?? 0) - (b.row ?? 0)), evaluations: evaluationsDue },
    lapsed: lapsedList,
    unbackedClaims: claims,
    notOurs,
    forgottenStores,
    invalid,
    duplicates,
    shops,
    platforms: platforms.result('platform'),
    stores: stores.result('size'),
    timeline: lapseTimeline(index.valid, backedPerEvaluation, atMs),
    attention,
    needsAttention: attention.length > 0,
    limits,
  };
}
