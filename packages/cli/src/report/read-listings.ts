import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { CoverageListingInput } from '@zjmade/sdk/coverage';
import { type CsvError, parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';

/** A file that cannot be read as a listing export at all (exit code 2), as opposed to a bad row. */
export class ListingFileError extends Error {
  override name = 'ListingFileError';
}

export interface ColumnNames {
  url?: string;
  title?: string;
  store?: string;
}

/** A row the reader itself could not take apart (broken CSV quoting); coverage reports the rest. */
export interface UnreadableRow {
  row: number;
  reason: string;
}

export interface ListingFile {
  listings: CoverageListingInput[];
  unreadable: UnreadableRow[];
  /** The headers that were used. */
  columns: { url: string; title?: string; store?: string };
}

// Headers seen in Tmall/Taobao/JD/Pinduoduo exports and hand-made sheets, most specific first.
const URL_HEADERS = ['商品链接', '宝贝链接', '链接', '商品url', 'url', 'link', 'listing', 'listing url', 'product url', 'item url', 'key'];
const TITLE_HEADERS = ['商品标题', '宝贝标题', '标题', '商品名称', '宝贝名称', 'title', 'product name', 'name'];
const STORE_HEADERS = ['店铺链接', '店铺url', 'shop url', 'store url', 'shop', 'store', '店铺'];

const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();

function findColumn(headers: readonly string[], wanted: string | undefined, candidates: readonly string[], what: string): number {
  const normalised = headers.map(norm);
  if (wanted !== undefined) {
    const i = normalised.indexOf(norm(wanted));
    if (i < 0) throw new ListingFileError(`no ${what} column named "${wanted}"; the headers are: ${headers.join(', ')}`);
    return i;
  }
  for (const c of candidates) {
    const i = normalised.indexOf(c);
    if (i >= 0) return i;
  }
  return -1;
}

/** Turns a header row plus data rows (1-based row numbers) into coverage input. */
export function rowsToListings(
  header: readonly string[],
  rows: ReadonlyArray<{ row: number; cells: readonly string[] }>,
  names: ColumnNames = {},
): Omit<ListingFile, 'unreadable'> {
  const url = findColumn(header, names.url, URL_HEADERS, 'URL');
  if (url < 0) {
    throw new ListingFileError(
      `cannot find the listing URL column (looked for ${URL_HEADERS.join(', ')}); name it with --url-column. Headers: ${header.join(', ')}`,
    );
  }
  const title = findColumn(header, names.title, TITLE_HEADERS, 'title');
  const store = findColumn(header, names.store, STORE_HEADERS, 'store');
  const listings: CoverageListingInput[] = [];
  for (const { row, cells } of rows) {
    // Blank lines (often trailing) are not rows anyone meant.
    if (cells.every((c) => c.trim() === '')) continue;
    const input: CoverageListingInput = { row, listing: cells[url] ?? '' };
    const t = title >= 0 ? cells[title]?.trim() : undefined;
    if (t) input.title = t;
    const s = store >= 0 ? cells[store]?.trim() : undefined;
    if (s) input.store = s;
    listings.push(input);
  }
  return {
    listings,
    columns: {
      url: header[url]!,
      ...(title >= 0 ? { title: header[title]! } : {}),
      ...(store >= 0 ? { store: header[store]! } : {}),
    },
  };
}

/** Exports from Chinese platforms are often GB18030; anything that is not valid UTF-8 is read as that. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function parseCsv(text: string, names: ColumnNames = {}): ListingFile {
  const unreadable: UnreadableRow[] = [];
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    // Titles such as 5" 屏幕 carry stray quotes in unquoted fields; read them as text.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      // One broken record can raise several errors; report its row once.
      if (unreadable.at(-1)?.row !== line) unreadable.push({ row: line, reason: err?.message ?? 'unreadable CSV record' });
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [head, ...rest] = records;
  if (!head) throw new ListingFileError('the file is empty');
  const rows = rest.map((r) => ({ row: r.info.lines, cells: r.record }));
  return { ...rowsToListings(head.record, rows, names), unreadable };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export async function parseXlsx(bytes: Buffer, names: ColumnNames = {}): Promise<ListingFile> {
  let data: unknown[][];
  try {
    data = (await readSheet(bytes)) as unknown[][];
  } catch (error) {
    throw new ListingFileError(`not a readable XLSX file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [head, ...rest] = data;
  if (!head) throw new ListingFileError('the first sheet is empty');
  const rows = rest.map((cells, i) => ({ row: i + 2, cells: cells.map(cellText) }));
  return { ...rowsToListings(head.map(cellText), rows, names), unreadable: [] };
}

/** Reads a CSV or XLSX platform export by its extension. */
export async function readListingFile(path: string, names: ColumnNames = {}): Promise<ListingFile> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv' && ext !== '.txt') {
    throw new ListingFileError(`--listings must be a .csv or .xlsx file, got "${ext || path}"`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ListingFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return ext === '.xlsx' ? parseXlsx(bytes, names) : parseCsv(decodeText(bytes), names);
}
