import {
  addBusinessDays,
  type BusinessDate,
  createMemoryView,
  type ListingRef,
  PLATFORMS,
  type Platform,
  parseListingUrl,
  type RegistryData,
  type RegistryView,
  VERDICT_STATUSES,
  type Verdict,
  type VerdictStatus,
  verifyListing,
} from '@zjmade/sdk';
import { DEFAULT_AS_OF } from './generate.js';
import { itemKey, itemUrl, newItem, newShop } from './listing-urls.js';
import { createRng, type Rng } from './prng.js';
import { PRODUCTS, TITLE_WORDS } from './words.js';

export interface SampleExample {
  url: string;
  key: string;
  platform: Platform;
  status: VerdictStatus;
  /** A realistic listing title (what the shop calls the item). */
  title: string;
  uscc?: string;
  evaluationId?: string;
}

export interface SampleExamples {
  asOf: string;
  byStatus: Record<VerdictStatus, SampleExample[]>;
  /** Listings whose titles claim 浙江制造 / 品字标 while their status is not `verified`. */
  unbackedClaims: SampleExample[];
  platforms: Record<Platform, SampleExample[]>;
}

const PER_STATUS = 3;
const UNBACKED = 4;
/** How far ahead `verified` and `store-only` examples must keep their status. */
const STABLE_DAYS = 731;

/** The ref for a sample item URL: the real parser's, or the generator's own when it cannot parse it. */
export function sampleRef(platform: Platform, id: string, shopId = ''): ListingRef {
  const url = itemUrl(platform, id, shopId);
  return parseListingUrl(url) ?? { platform, kind: 'item', id, key: itemKey(platform, id), url };
}

function title(rng: Rng, brand: string, product: string, claim: 'none' | 'maybe' | 'always'): string {
  const words = `${rng.pick(TITLE_WORDS)} ${rng.pick(TITLE_WORDS)}`;
  const mark = claim === 'always' || (claim === 'maybe' && rng.chance(0.4));
  const prefix = mark ? rng.pick(['【浙江制造】', '品字标认证 ', '浙江制造 品字标 ']) : '';
  return `${prefix}${brand}${product} ${words}`;
}

function emptyByStatus(): Record<VerdictStatus, SampleExample[]> {
  return Object.fromEntries(VERDICT_STATUSES.map((s) => [s, []])) as unknown as Record<VerdictStatus, SampleExample[]>;
}

function emptyByPlatform(): Record<Platform, SampleExample[]> {
  return Object.fromEntries(PLATFORMS.map((p) => [p, []])) as unknown as Record<Platform, SampleExample[]>;
}

function exampleOf(ref: ListingRef, verdict: Verdict, titleText: string): SampleExample {
  const ex: SampleExample = { url: ref.url, key: ref.key, platform: ref.platform, status: verdict.status, title: titleText };
  const uscc = verdict.evidence.enterprise?.uscc;
  if (uscc) ex.uscc = uscc;
  const evaluationId = verdict.evidence.evaluation?.id;
  if (evaluationId) ex.evaluationId = evaluationId;
  return ex;
}

/** Trade name for titles: the store's name without its store-kind suffix. */
function brandOf(storeName: string): string {
  return storeName.slice(0, 2);
}

/** Valid listing URLs the registry does not know, one or two per platform. */
function notFound(view: RegistryView, rng: Rng, asOf: BusinessDate): Array<[ListingRef, Verdict]> {
  const out: Array<[ListingRef, Verdict]> = [];
  for (const platform of PLATFORMS) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const shopId = newShop(platform, rng, 'nosuchshop').shopId;
      const item = newItem(platform, rng, shopId);
      const ref = sampleRef(platform, item.id, shopId);
      if (view.binding(ref.key)) continue;
      const verdict = verifyListing(ref, view, { at: asOf });
      if (verdict.status === 'not-found') {
        out.push([ref, verdict]);
        break;
      }
    }
  }
  return out;
}

/**
 * Listing URLs from the registry that produce each verdict status at `asOf` (for docs, the demo
 * and tests). `verified` and `store-only` examples keep their status for two years after `asOf`;
 * lapsed ones lapsed before it; `not-found` ones are valid URLs the registry does not know.
 */
export function pickExamples(data: RegistryData, asOf: BusinessDate = DEFAULT_AS_OF): SampleExamples {
  const view = createMemoryView(data);
  const rng = createRng(0x3a3e1e);
  const later = addBusinessDays(asOf, STABLE_DAYS);
  const byStatus = emptyByStatus();
  const platforms = emptyByPlatform();
  const unbackedClaims: SampleExample[] = [];
  const productOf = new Map<string, string>();
  for (const e of data.evaluations) productOf.set(e.id, e.products[0]?.name ?? '');
  const storeOf = new Map(data.stores.map((s) => [s.key, s]));

  const add = (ex: SampleExample): void => {
    if (byStatus[ex.status].length < PER_STATUS) byStatus[ex.status].push(ex);
    const mine = platforms[ex.platform];
    if (!mine.some((m) => m.status === ex.status)) mine.push(ex);
  };
  const wanted = (platform: Platform, status: VerdictStatus): boolean =>
    byStatus[status].length < PER_STATUS || !platforms[platform].some((m) => m.status === status);

  const BINDING_STATUSES = VERDICT_STATUSES.filter((s) => s !== 'not-found' && s !== 'unknown');
  const done = (): boolean =>
    unbackedClaims.length >= UNBACKED &&
    BINDING_STATUSES.every((s) => byStatus[s].length >= PER_STATUS) &&
    PLATFORMS.every((p) => platforms[p].length >= 4 && platforms[p].some((m) => m.status === 'verified'));

  let scanned = 0;
  for (const binding of data.bindings) {
    if (++scanned % 1000 === 0 && done()) break;
    const store = storeOf.get(binding.store);
    if (!store) continue;
    const id = binding.key.slice(binding.key.indexOf(':item:') + ':item:'.length);
    const ref = sampleRef(store.platform, id, store.shopId);
    const verdict = verifyListing(ref, view, { at: asOf });
    const { status } = verdict;
    if (!wanted(store.platform, status) && !(status !== 'verified' && unbackedClaims.length < UNBACKED)) continue;
    if (status === 'verified' || status === 'store-only') {
      if (verifyListing(ref, view, { at: later }).status !== status) continue;
    }
    if (status === 'not-found') continue; // closed stores; not-found examples are unknown URLs instead
    const product = productOf.get(binding.evaluationId ?? '') || verdict.evidence.evaluation?.products[0]?.name || rng.pick(PRODUCTS).noun;
    const brand = brandOf(store.name);
    if (wanted(store.platform, status)) add(exampleOf(ref, verdict, title(rng, brand, product, status === 'verified' ? 'maybe' : 'none')));
    else if (status !== 'verified' && unbackedClaims.length < UNBACKED) {
      unbackedClaims.push(exampleOf(ref, verdict, title(rng, brand, product, 'always')));
    }
  }
  for (const [ref, verdict] of notFound(view, rng, asOf)) {
    const product = rng.pick(PRODUCTS);
    const ex = exampleOf(ref, verdict, title(rng, '', rng.pick(product.qualifiers) + product.noun, 'none'));
    add(ex);
    if (unbackedClaims.length < UNBACKED + 2 && ref.platform === 'tmall') {
      unbackedClaims.push({ ...ex, title: title(rng, '', product.noun, 'always') });
    }
  }
  return { asOf, byStatus, unbackedClaims, platforms };
}
