import type { Platform } from '@zjmade/sdk';
import { type Cell, cellText, type ReadTableOptions, readTable, TableError, type TextEncoding } from '@zjmade/tabular';
import { ALIAS_LIST, type ColumnMap, type ExportField, looksLikeExportHeader, mapExportColumns } from './export-columns.js';
import { platformOf } from './platform-names.js';
import { type ExportRow, type Resolution, resolveExportRow } from './resolve-row.js';

/** The file as a whole cannot be read as a listing export (a bad row is a refused Resolution instead). */
export class ListingExportError extends Error {
  override name = 'ListingExportError';
  constructor(
    readonly code: 'too-large' | 'too-many-rows' | 'unreadable' | 'empty' | 'unsupported-format' | 'no-listing-column',
    message: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

export interface ReadExportOptions extends Pick<ReadTableOptions, 'maxBytes' | 'maxRows' | 'name' | 'format'> {
  /** The platform the export came from, for rows that give an item id but no URL. */
  platform?: Platform;
}

export interface ListingExport {
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  headerRow: number;
  /** The header each field was read from. */
  columns: Partial<Record<ExportField, string>>;
  rows: ExportRow[];
  /** One per data row (and per unreadable CSV record), in row order. */
  results: Resolution[];
  resolved: number;
  refused: number;
}

const TEXT_FIELDS = ['url', 'itemId', 'sku', 'title', 'shop'] as const;

/** The cell of a field, trimmed, or undefined when the column is absent or the cell empty. */
function fieldOf(cells: readonly Cell[], map: ColumnMap, f: ExportField): string | undefined {
  const i = map[f];
  if (i === undefined) return undefined;
  const v = cellText(cells[i]);
  return v === '' ? undefined : v;
}

function rowOf(row: number, cells: readonly Cell[], map: ColumnMap): ExportRow {
  const out: ExportRow = { row };
  for (const f of TEXT_FIELDS) {
    const v = fieldOf(cells, map, f);
    if (v !== undefined) out[f] = v;
  }
  const p = platformOf(fieldOf(cells, map, 'platform'));
  if (p) out.platform = p;
  return out;
}

/**
 * Reads a seller back-end export (CSV in UTF-8/GB18030/UTF-16, or XLSX; Chinese or English
 * headers, an optional preamble above the header) and resolves every row to a canonical listing
 * key or a reason it cannot be.
 */
export async function readListingExport(input: string | Uint8Array, options: ReadExportOptions = {}): Promise<ListingExport> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(input, { ...options, isHeader: looksLikeExportHeader });
  } catch (error) {
    if (error instanceof TableError) throw new ListingExportError(error.code, error.message, error.limit);
    throw error;
  }
  if (table.headerRow === 0) throw new ListingExportError('empty', 'the file has no rows');
  const map = mapExportColumns(table.headers);
  if (map.url === undefined && map.itemId === undefined && map.sku === undefined) {
    throw new ListingExportError(
      'no-listing-column',
      `no column of listing URLs or item ids (looked for ${ALIAS_LIST('url')}; ${ALIAS_LIST('itemId')}); the headers are: ${table.headers.join(', ')}`,
    );
  }
  const rows: ExportRow[] = [];
  const results: Resolution[] = [];
  try {
    for await (const r of table.rows) {
      const row = rowOf(r.row, r.cells, map);
      rows.push(row);
      results.push(resolveExportRow(row, options.platform));
    }
  } catch (error) {
    if (error instanceof TableError) throw new ListingExportError(error.code, error.message, error.limit);
    throw error;
  }
  for (const p of table.problems) results.push({ row: p.row, ok: false, code: 'unreadable-row', reason: `unreadable row: ${p.reason}` });
  if (table.problems.length) results.sort((a, b) => a.row - b.row);
  const resolved = results.filter((r) => r.ok).length;
  const columns: Partial<Record<ExportField, string>> = {};
  for (const [f, i] of Object.entries(map) as [ExportField, number][]) columns[f] = table.headers[i]!;
  return {
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    headerRow: table.headerRow,
    columns,
    rows,
    results,
    resolved,
    refused: results.length - resolved,
  };
}
