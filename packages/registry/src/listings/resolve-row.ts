import { parseListingUrl, type Platform } from '@zjmade/sdk';
import type { ExportRowProblem } from '../domain/listing-row-problems.js';
import { itemSpaceOf } from '../domain/listing-keys.js';
import { itemKeyProblem } from './item-key.js';

/** One row of a listing export, as the reader found it. */
export interface ExportRow {
  /** 1-based row number in the file (spreadsheet numbering). */
  row: number;
  url?: string;
  itemId?: string;
  sku?: string;
  title?: string;
  shop?: string;
  platform?: Platform;
}

export type Resolution =
  | { row: number; ok: true; key: string; platform: Platform; title?: string; shop?: string }
  | { row: number; ok: false; code: ExportRowProblem; reason: string; title?: string };

const withText = <T extends object>(r: T, row: ExportRow): T => {
  const out: T & { title?: string; shop?: string } = r;
  if (row.title) out.title = row.title;
  if (row.shop && 'key' in r) out.shop = row.shop;
  return out;
};

/**
 * The canonical listing key of a row: its URL through the SDK's `parseListingUrl` (the one
 * authority on keys), else its item id in the row's or the declared platform's item space
 * (JD's SKU is its item id). A row that gives neither, or a URL that is a shop or not a
 * marketplace item, is refused with the reason.
 */
export function resolveExportRow(row: ExportRow, declared?: Platform): Resolution {
  // A URL pasted into the id column is still a URL.
  if (!row.url && row.itemId && /^(https?:)?\/\//i.test(row.itemId)) return resolveExportRow({ ...row, url: row.itemId, itemId: undefined } as ExportRow, declared);
  if (row.url) {
    const ref = parseListingUrl(row.url);
    if (!ref) return withText({ row: row.row, ok: false, code: 'not-a-listing', reason: `not a listing URL of a supported platform: ${clip(row.url)}` }, row);
    if (ref.kind !== 'item') return withText({ row: row.row, ok: false, code: 'store-page', reason: `a shop URL, not an item: ${clip(row.url)}` }, row);
    return withText({ row: row.row, ok: true, key: ref.key, platform: ref.platform }, row);
  }
  const platform = row.platform ?? declared;
  const rawId = row.itemId ?? (platform === 'jd' ? row.sku : undefined);
  if (!rawId) {
    return withText(
      row.sku
        ? { row: row.row, ok: false, code: 'sku-only', reason: 'only a SKU id, which is not an item id on this platform; add the item id or URL' }
        : { row: row.row, ok: false, code: 'no-listing', reason: 'no URL or item id' },
      row,
    );
  }
  if (!platform) return withText({ row: row.row, ok: false, code: 'no-platform', reason: `item id ${clip(rawId)} without a platform: choose the export's platform or add a 平台 column` }, row);
  const id = /^\d+$/.test(rawId) ? rawId.replace(/^0+(?=\d)/, '') : rawId;
  const key = `${itemSpaceOf(platform)}:item:${id}`;
  const problem = itemKeyProblem(key);
  if (problem) return withText({ row: row.row, ok: false, code: 'bad-item-id', reason: `item id ${clip(rawId)} is not a ${platform} item id (${problem})` }, row);
  return withText({ row: row.row, ok: true, key, platform }, row);
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);
