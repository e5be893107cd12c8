import type { BusinessDate, Enterprise, EvaluationRoute, Instant, ListingKind, Platform, StoreRole } from '../model.js';
import type { LapsedStatus, VerdictSource, VerdictStatus } from '../verdict.js';

/** One row of a brand owner's listing export. */
export interface CoverageListingInput {
  /** A listing URL, share text or canonical key (`taobao:item:123`). */
  listing: string;
  /** The listing's title as sold: only feeds claim detection. */
  title?: string;
  /** The row number in the source file, carried into the report so people can find it. */
  row?: number;
  /**
   * The store the listing is sold through (shop URL or shop key), when the export names it. Lets
   * items the registry has never seen be attributed to one of the enterprise's stores.
   */
  store?: string;
}

export interface CoverageInput {
  uscc: string;
  listings: readonly CoverageListingInput[];
}

export interface CoverageOptions {
  /** The time to answer for (Date, epoch ms, ISO instant or business date). Default: now. */
  at?: Date | number | string;
  /** Renewal-alert windows in days, ascending. Default [30, 60, 90]. */
  windows?: readonly number[];
}

/** A listing of the input as the report shows it. */
export interface CoverageEntry {
  row?: number;
  /** The input as written. */
  listing: string;
  key: string;
  /** The store's platform when known (tells Tmall from Taobao), else the URL's. */
  platform: Platform;
  kind: ListingKind;
  url: string;
  title?: string;
  status: VerdictStatus;
  /** Store key, when the listing's store is known. */
  store?: string;
  storeName?: string;
  evaluationId?: string;
  standard?: string;
  /** Expiry date of the evaluation the listing is bound to. */
  expires?: BusinessDate;
}

export interface RenewalEntry extends CoverageEntry {
  evaluationId: string;
  expires: BusinessDate;
  /** Whole days from `at` to the end of the expiry day (UTC+8), rounded up. */
  daysLeft: number;
  /** The smallest window that contains `daysLeft`. */
  window: number;
}

export interface LapsedEntry extends CoverageEntry {
  status: LapsedStatus | 'sanctioned';
  /** When the evaluation stopped being valid, or the sanction began. */
  since?: Instant;
  reason?: string;
}

export interface ClaimEntry extends CoverageEntry {
  /** The claim phrases found in the title. */
  claims: string[];
  /** Whether the listing's store is the enterprise's own. */
  ours: boolean;
}

export interface NotOursEntry extends CoverageEntry {
  /** `other-enterprise`: the store belongs to someone else; `unknown`: the registry knows neither listing nor store. */
  reason: 'other-enterprise' | 'unknown';
  /** The USCC behind the store, for `other-enterprise`. */
  storeUscc?: string;
}

export interface InvalidEntry {
  row?: number;
  listing: string;
  reason: string;
}

export interface DuplicateEntry {
  row?: number;
  listing: string;
  key: string;
  /** The row the key first appeared on. */
  firstRow?: number;
}

export interface EvaluationGroup {
  evaluationId: string;
  standard: string;
  route: EvaluationRoute;
  expires: BusinessDate;
  products: string[];
  listings: number;
}

export interface StandardGroup {
  standard: string;
  title?: string;
  evaluations: number;
  listings: number;
}

export interface ForgottenStore {
  store: string;
  platform: Platform;
  shopId: string;
  name: string;
  role: StoreRole;
  url?: string;
  /** Listings the registry knows in this store (any binding), when the view can tell. */
  registryListings?: number;
}

export interface EvaluationRenewal {
  evaluationId: string;
  standard: string;
  expires: BusinessDate;
  daysLeft: number;
  window: number;
  /** Input listings backed by it. */
  listings: number;
  /** Listings the registry binds to it, when the view can tell. */
  registryListings?: number;
}

/** Counts per platform or per store, over valid, de-duplicated input listings. */
export interface Breakdown {
  /** Platform name, or store key. */
  id: string;
  label: string;
  platform: Platform;
  listings: number;
  backed: number;
  unbound: number;
  lapsed: number;
  notOurs: number;
  unbackedClaims: number;
  /** backed / (backed + unbound + lapsed), 0 when there is nothing of ours. */
  coverage: number;
}

export interface TimelineMonth {
  /** `YYYY-MM` in UTC+8. */
  month: string;
  /** Evaluations of the enterprise, valid at `at`, that expire in this month. */
  evaluations: string[];
  /** Input listings backed by those evaluations. */
  listings: number;
}

export interface CoverageTotals {
  /** Rows in the input. */
  rows: number;
  invalid: number;
  duplicates: number;
  /** Distinct valid listings. */
  listings: number;
  /** Listings sold through the enterprise's own stores. */
  ours: number;
  backed: number;
  unbound: number;
  lapsed: number;
  unbackedClaims: number;
  notOurs: number;
  forgottenStores: number;
  /** Renewal alerts per window (cumulative: the 90-day count includes the 30-day ones). */
  renewals: Record<string, number>;
  /** backed / ours, 0..1. */
  coverage: number;
}

export interface CoverageReport {
  uscc: string;
  enterprise?: Enterprise;
  /** The instant answered for. */
  at: Instant;
  /** `at` as a business date (UTC+8). */
  date: BusinessDate;
  windows: number[];
  source: VerdictSource;
  /** True when the registry data is synthetic. */
  sample: boolean;
  totals: CoverageTotals;
  backed: { listings: CoverageEntry[]; byEvaluation: EvaluationGroup[]; byStandard: StandardGroup[] };
  /** In the enterprise's stores but not bound to a valid-or-lapsed evaluation. */
  unbound: CoverageEntry[];
  renewals: { listings: RenewalEntry[]; evaluations: EvaluationRenewal[] };
  /** Bound to an evaluation that is no longer valid (or whose enterprise is sanctioned), still on sale. */
  lapsed: LapsedEntry[];
  unbackedClaims: ClaimEntry[];
  notOurs: NotOursEntry[];
  /** Null when the view cannot list an enterprise's stores. */
  forgottenStores: ForgottenStore[] | null;
  invalid: InvalidEntry[];
  duplicates: DuplicateEntry[];
  /** The enterprise's own store pages found in the input: they mark the store present, they are not products. */
  shops: CoverageEntry[];
  platforms: Breakdown[];
  stores: Breakdown[];
  timeline: TimelineMonth[];
  /** Human-readable reasons (English) for `needsAttention`; empty when all is well. */
  attention: string[];
  needsAttention: boolean;
  /** What this report could not check, e.g. a view without store look-ups. */
  limits: string[];
}
