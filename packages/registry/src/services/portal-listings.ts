import { evaluationStanding, type ListingBinding, type Store, resolveListing } from '@zjmade/sdk';
import { canonicalKeyProblem, itemSpaceOf } from '../domain/listing-keys.js';
import type { ExportRowProblem, RowProblem } from '../domain/listing-row-problems.js';
import { buildEnterpriseIndex, suggestEvaluation } from '../suggest/index.js';
import type { Repositories } from '../store/repositories.js';

/** One listing as the enterprise gave it: a pasted URL/key, or a row of a platform export. */
export interface ListingInput {
  /** Row number in the file (header rows counted), or the position in a pasted list (1-based). */
  row: number;
  listing: string;
  title?: string;
  /** The export's store column, or the store named beside pasted URLs: a store URL, key or name. */
  store?: string;
  /** The reader already found the row unusable (a malformed file row): why. */
  invalid?: { code: ExportRowProblem; reason: string };
}

export interface Suggestion {
  evaluationId: string;
  /** 0..1, higher is a better match of the title against the evaluation's product scope. */
  score: number;
  /** The words of the title that matched the scope. */
  matched: string[];
  /** Only on the first: two evaluations fit about equally, a person should choose. */
  ambiguous?: boolean;
}

export type RowState = 'ready' | 'refused' | 'invalid' | 'duplicate';

export interface ResolvedRow {
  row: number;
  listing: string;
  title: string | null;
  /** Canonical listing key, when the input names one. */
  key: string | null;
  /** The enterprise store it is (or would be) bound under. */
  store: string | null;
  state: RowState;
  /** Why the row is refused, invalid or a duplicate: a stable code (domain/listing-row-problems.ts) and English text. */
  code: RowProblem | null;
  reason: string | null;
  /** The listing's current binding, when it is one of this enterprise's. */
  binding: { evaluationId: string | null } | null;
  /** Best first (the matcher of src/suggest/ over the title): the first is the one to accept. */
  suggestions: Suggestion[];
}

export interface UploadResult {
  rows: ResolvedRow[];
  totals: Record<RowState, number> & { rows: number; suggested: number };
}

/** Reads a store column cell against the enterprise's own stores: a URL, a key or an exact name. */
function storeOfCell(cell: string, mine: readonly Store[]): Store | { refused: string } {
  const ref = resolveListing(cell);
  if (ref && ref.kind === 'shop') return mine.find((s) => s.key === ref.key) ?? { refused: `Store ${ref.key} is not an approved store of your enterprise.` };
  const byName = mine.filter((s) => s.name === cell.trim());
  if (byName.length === 1) return byName[0]!;
  return { refused: `Store “${cell}” is not an approved store of your enterprise (give its URL or key).` };
}

/**
 * Resolves each listing against the enterprise's approved stores: a listing the registry already
 * holds under another enterprise's store, a store that is not the enterprise's, or a platform it
 * has no store on is refused with the reason. Nothing is written.
 */
export function resolveListings(repos: Repositories, uscc: string, inputs: readonly ListingInput[], nowMs = Date.now()): UploadResult {
  const mine = repos.stores.ofEnterprise(uscc);
  // One index per upload, over the enterprise's own evaluations only.
  const index = buildEnterpriseIndex(repos.evaluations.ofEnterprise(uscc), {
    standardTitle: (code) => repos.standards.get(code)?.title,
    inForce: (e) => evaluationStanding(e, nowMs).state === 'valid',
  });
  const suggest = (title: string): Suggestion[] => {
    const s = suggestEvaluation(index, title);
    if (!s) return [];
    return [{ evaluationId: s.evaluationId, score: s.score, matched: s.matched, ambiguous: s.ambiguous }, ...s.runnersUp.map((r) => ({ evaluationId: r.evaluationId, score: r.score, matched: r.matched }))];
  };
  const seen = new Map<string, number>();
  const rows = inputs.map((input): ResolvedRow => {
    const base = { row: input.row, listing: input.listing, title: input.title?.trim() || null, binding: null, suggestions: [] as Suggestion[] };
    if (input.invalid) return { ...base, key: null, store: null, state: 'invalid', ...input.invalid };
    const ref = resolveListing(input.listing.trim());
    if (!ref) return { ...base, key: null, store: null, state: 'invalid', code: 'not-a-listing', reason: 'Not a listing URL or key of a supported platform.' };
    if (ref.kind === 'shop') return { ...base, key: ref.key, store: null, state: 'invalid', code: 'store-page', reason: 'A store page, not a product listing: claim stores under Stores.' };
    const why = canonicalKeyProblem(ref.key, 'item');
    if (why) return { ...base, key: ref.key, store: null, state: 'invalid', code: 'not-canonical', reason: `Listing key ${ref.key}: ${why}.` };
    const first = seen.get(ref.key);
    if (first !== undefined) return { ...base, key: ref.key, store: null, state: 'duplicate', code: 'duplicate', reason: `Same listing as row ${first}.` };
    seen.set(ref.key, input.row);
    const refused = (code: RowProblem, reason: string, store: string | null = null): ResolvedRow => ({ ...base, key: ref.key, store, state: 'refused', code, reason });
    const existing: ListingBinding | undefined = repos.bindings.get(ref.key);
    let store: Store | undefined;
    if (existing) {
      const holder = mine.find((s) => s.key === existing.store);
      if (!holder) return refused('other-enterprise', `The registry lists ${ref.key} under store ${existing.store}, which is not your enterprise's.`);
      store = holder;
    } else if (input.store?.trim()) {
      const s = storeOfCell(input.store, mine);
      if ('refused' in s) return refused('store-not-yours', s.refused);
      store = s;
    } else {
      const candidates = mine.filter((s) => itemSpaceOf(s.platform) === ref.platform);
      if (candidates.length === 0) return refused('no-store-on-platform', `Your enterprise has no approved store whose listings are ${ref.platform} listings.`);
      if (candidates.length > 1) return refused('several-stores', `Your enterprise has ${candidates.length} approved stores for ${ref.platform} listings: name the store.`);
      store = candidates[0]!;
    }
    if (itemSpaceOf(store.platform) !== ref.platform) return refused('store-platform-mismatch', `${ref.key} is not a listing of ${store.platform} store ${store.key}.`, store.key);
    const binding = existing ? { evaluationId: existing.evaluationId ?? null } : null;
    const suggestions = base.title ? suggest(base.title) : [];
    return { ...base, key: ref.key, store: store.key, state: 'ready', code: null, reason: null, binding, suggestions };
  });
  const totals = { rows: rows.length, ready: 0, refused: 0, invalid: 0, duplicate: 0, suggested: 0 };
  for (const r of rows) {
    totals[r.state]++;
    if (r.suggestions.length) totals.suggested++;
  }
  return { rows, totals };
}
