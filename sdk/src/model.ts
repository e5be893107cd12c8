/**
 * The registry model: what the 品字标 registry knows. Plain data, JSON-serialisable, shared by the
 * SDK, the registry service, the snapshot format and the sample-data generator.
 *
 * Dates: `BusinessDate` is a calendar day in China Standard Time (UTC+8), `YYYY-MM-DD`; a
 * certificate valid until 2027-03-31 is valid through the end of that day in UTC+8.
 * `Instant` is an ISO-8601 timestamp with an offset (e.g. `2026-03-01T09:00:00+08:00` or `…Z`).
 */

export type BusinessDate = string;
export type Instant = string;

export const PLATFORMS = [
  'tmall',
  'taobao',
  'jd',
  'pinduoduo',
  'douyin',
  '1688',
  'suning',
  'vip',
  'kuaishou',
  'xiaohongshu',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export type ListingKind = 'item' | 'shop';

/**
 * A listing's identity, taken from its URL only. `key` is canonical: the same item seen through
 * desktop, mobile, international or tracking-laden URLs has one key. Item keys are
 * `{space}:item:{id}` where Tmall and Taobao share the space `taobao` and JD and jd.hk share `jd`;
 * shop keys are `{platform}:shop:{id}`.
 */
export interface ListingRef {
  platform: Platform;
  kind: ListingKind;
  id: string;
  key: string;
  /** A canonical https URL for the listing (not the input). */
  url: string;
}

/** The three siblings under the 品字标 mark; only 浙江制造 products are issued today. */
export type BrandType = 'zhejiang-made' | 'zhejiang-service' | 'zhejiang-engineering';

export interface Enterprise {
  /** Unified social credit code (GB 32100), the join key. */
  uscc: string;
  name: string;
  nameEn?: string;
  /** GB/T 2260 region code: positions 3–8 of the USCC. */
  region: string;
}

export type SanctionKind = 'quality-dishonesty-blacklist' | 'mark-misuse' | 'other';

export interface Sanction {
  id: string;
  uscc: string;
  kind: SanctionKind;
  reason?: string;
  /** First day the sanction applies (UTC+8). */
  from: BusinessDate;
  /** Last day it applies; open-ended when absent. */
  until?: BusinessDate;
}

export type StandardStatus = 'current' | 'superseded' | 'withdrawn';

export interface Standard {
  /** Canonical `T/ZZB NNNN-YYYY`. */
  code: string;
  title: string;
  titleEn?: string;
  issuer: string;
  status: StandardStatus;
  /** Canonical code of the standard that replaced this one. */
  successor?: string;
}

export type EvaluationRoute = 'certification' | 'self-declaration';
export type EvaluationState = 'valid' | 'suspended' | 'withdrawn' | 'cancelled';

export interface StatusChange {
  status: EvaluationState;
  /** When the change took effect. */
  at: Instant;
  reason?: string;
}

export interface ProductScope {
  name: string;
  model?: string;
  category?: string;
}

export interface Evaluation {
  /** Certificate number or self-declaration number; opaque. */
  id: string;
  route: EvaluationRoute;
  brand: BrandType;
  uscc: string;
  products: ProductScope[];
  /** Canonical standard code. */
  standard: string;
  /** Certification body (certificates only). */
  body?: string;
  /** Implementation rule `ZJM-NNN-NNNN-YYYY` (certificates only). */
  rule?: string;
  issued: BusinessDate;
  expires: BusinessDate;
  /** International co-marks on the certificate ("one audit, one certificate, two marks"). */
  coMarks?: string[];
  /** Status changes in ascending time order. Before the first entry the evaluation is valid. */
  history: StatusChange[];
}

export type StoreRole = 'official-flagship' | 'authorised';

export interface Store {
  platform: Platform;
  /** The shop id as `parseListingUrl` gives it for the shop's URL (a slug on Tmall). */
  shopId: string;
  /** Canonical shop key, `{platform}:shop:{shopId}`. */
  key: string;
  name: string;
  url?: string;
  /** The enterprise that runs the store or authorised it. */
  uscc: string;
  role: StoreRole;
  since: BusinessDate;
  until?: BusinessDate;
}

/**
 * A listing the registry knows, sold through `store`. With `evaluationId` it is bound: "this
 * item is a product in the scope of that evaluation". Without it the registry only knows the
 * listing belongs to the store (which is how `store-only` is answered).
 */
export interface ListingBinding {
  key: string;
  /** Store key. */
  store: string;
  evaluationId?: string;
  since?: BusinessDate;
  until?: BusinessDate;
}

export type ReportReason = 'unbacked-claim' | 'counterfeit-mark' | 'wrong-details' | 'other';

export interface Report {
  id: string;
  listing: string;
  key?: string;
  reason: ReportReason;
  note?: string;
  at: Instant;
}

export interface DatasetMeta {
  name: string;
  /** True for synthetic data; every surface that shows it must say so. */
  sample: boolean;
  generatedAt: Instant;
  seed?: number;
  scale?: number;
  note?: string;
}

/** The whole registry as plain data: what import, export and snapshot encoding exchange. */
export interface RegistryData {
  meta: DatasetMeta;
  enterprises: Enterprise[];
  standards: Standard[];
  evaluations: Evaluation[];
  stores: Store[];
  bindings: ListingBinding[];
  sanctions: Sanction[];
}
