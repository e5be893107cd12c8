/**
 * Why a row of a listing upload (a seller export or a pasted list) cannot be bound, as a stable
 * machine code beside the English `reason`: a UI translates the code, a script branches on it, and
 * the wording of the reason can change without breaking either. The descriptions are the
 * document's (the `RowProblemCode` schema and its `x-enum-descriptions`).
 */
export const ROW_PROBLEMS = {
  // invalid: the row names no usable listing.
  'unreadable-row': 'The file’s row could not be read (a malformed CSV record).',
  'no-listing': 'The row has neither a URL nor an item id.',
  'sku-only': 'The row has only a SKU id, which is not an item id on its platform.',
  'no-platform': 'An item id without a platform: choose the export’s platform or add a platform column.',
  'bad-item-id': 'The item id is not an item id of the row’s platform.',
  'not-a-listing': 'Not a listing URL or key of a supported platform.',
  'store-page': 'A store (shop) page, not a product listing: claim stores instead.',
  'not-canonical': 'A listing key that is not canonical, or that no URL of its platform gives.',
  // duplicate
  duplicate: 'The same listing as an earlier row.',
  // refused: a listing, but not one this enterprise may bind.
  'other-enterprise': 'The registry lists it under a store of another enterprise.',
  'store-not-yours': 'The named store is not an approved store of your enterprise.',
  'no-store-on-platform': 'Your enterprise has no approved store on the listing’s platform.',
  'several-stores': 'Your enterprise has several approved stores on the platform: name the store.',
  'store-platform-mismatch': 'The listing is not a listing of the named store’s platform.',
} as const;

export type RowProblem = keyof typeof ROW_PROBLEMS;
export const ROW_PROBLEM_CODES = Object.keys(ROW_PROBLEMS) as [RowProblem, ...RowProblem[]];

/** The problems the export reader finds in a row by itself (before the enterprise's stores are read). */
export type ExportRowProblem = Extract<RowProblem, 'unreadable-row' | 'no-listing' | 'sku-only' | 'no-platform' | 'bad-item-id' | 'not-a-listing' | 'store-page'>;
