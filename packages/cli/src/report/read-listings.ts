import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { CoverageListingInput } from '@zjmade/sdk/coverage';
import { cellText, readAllRows, TableError } from '@zjmade/tabular';

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

/** Reads a table through the workspace's one reader (@zjmade/tabular): CSV in any of its encodings and delimiters, or XLSX. */
async function parseTable(bytes: Uint8Array, format: 'csv' | 'xlsx', names: ColumnNames): Promise<ListingFile> {
  let table: Awaited<ReturnType<typeof readAllRows>>;
  try {
    table = await readAllRows(bytes, { format });
  } catch (error) {
    if (error instanceof TableError) throw new ListingFileError(error.code === 'unreadable' ? error.message : `cannot read the file: ${error.message}`);
    throw error;
  }
  if (table.headerRow === 0) throw new ListingFileError(format === 'xlsx' ? 'the first sheet is empty' : 'the file is empty');
  const rows = table.rows.map((r) => ({ row: r.row, cells: r.cells.map(cellText) }));
  return { ...rowsToListings(table.headers, rows, names), unreadable: table.problems };
}

/** A CSV export's text (tests and pasted input). */
export function parseCsv(text: string, names: ColumnNames = {}): Promise<ListingFile> {
  return parseTable(new TextEncoder().encode(text), 'csv', names);
}

export function parseXlsx(bytes: Buffer, names: ColumnNames = {}): Promise<ListingFile> {
  return parseTable(bytes, 'xlsx', names);
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
  return parseTable(bytes, ext === '.xlsx' ? 'xlsx' : 'csv', names);
}
