import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Cell, cellText, isBlank, type TableRow } from './cell.js';
import { openCsv } from './csv.js';
import type { TextEncoding } from './decode.js';
import type { Delimiter } from './delimiter.js';
import { type RowProblem, TableError } from './errors.js';
import { openXlsx } from './xlsx.js';

export type TableFormat = 'csv' | 'xlsx';

export interface ReadTableOptions {
  /** Taken from the file name's extension or the bytes (an XLSX is a zip) when not given. */
  format?: TableFormat;
  /** File name for the format guess when `input` is a buffer (an upload's name). */
  name?: string;
  delimiter?: Delimiter;
  /** Refuse bigger files before reading them (default 64 MiB). */
  maxBytes?: number;
  /** Refuse files with more data rows (default 1,000,000). */
  maxRows?: number;
  /**
   * Which of the first rows is the header. Platform exports (生意参谋, 京麦) often start with a
   * title or a date-range line; the first row this accepts is the header. Without it (or when no
   * row within `headerSearchRows` passes) the first non-blank row is.
   */
  isHeader?: (cells: readonly string[]) => boolean;
  headerSearchRows?: number;
}

export interface Table {
  format: TableFormat;
  /** CSV only. */
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** 1-based row of the header (0 when the file has no rows at all). */
  headerRow: number;
  headers: string[];
  /** Data rows after the header, blank rows skipped. */
  rows: AsyncIterable<TableRow>;
  /** Rows the reader could not take apart; complete once `rows` has been iterated. */
  problems: RowProblem[];
  /** Progress: bytes (CSV) or rows (XLSX) done so far, out of `total`. */
  total: number;
  done(): number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 1_000_000;

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 3 : 1)} MiB`;

function formatOf(input: string | Uint8Array, options: ReadTableOptions): TableFormat {
  if (options.format) return options.format;
  const name = typeof input === 'string' ? input : options.name;
  const ext = name ? extname(name).toLowerCase() : '';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.xls' || ext === '.et' || ext === '.numbers' || ext === '.ods') {
    throw new TableError('unsupported-format', `"${ext}" files cannot be read; save the sheet as .xlsx or .csv`);
  }
  if (typeof input !== 'string' && input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04) return 'xlsx';
  if (ext) throw new TableError('unsupported-format', `expected a .csv or .xlsx file, got "${ext}"`);
  return 'csv';
}

/**
 * Reads a CSV or XLSX file (path) or buffer as a header plus numbered data rows. Whole-file
 * problems throw a TableError (too large, unreadable, unsupported); a broken row is recorded in
 * `problems` and the rest is read.
 */
export async function readTable(input: string | Uint8Array, options: ReadTableOptions = {}): Promise<Table> {
  const format = formatOf(input, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  let size: number;
  if (typeof input === 'string') {
    try {
      size = (await stat(input)).size;
    } catch (error) {
      throw new TableError('unreadable', `cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else size = input.byteLength;
  if (size > maxBytes) throw new TableError('too-large', `the file is ${mib(size)}; the limit is ${mib(maxBytes)}`, maxBytes);

  let source: AsyncIterable<TableRow>;
  let problems: RowProblem[] = [];
  let total: number;
  let done: () => number;
  let meta: Pick<Table, 'encoding' | 'delimiter'> = {};
  if (format === 'csv') {
    let csv: Awaited<ReturnType<typeof openCsv>>;
    try {
      csv = await openCsv(input, options.delimiter ? { delimiter: options.delimiter } : {});
    } catch (error) {
      throw new TableError('unreadable', `cannot read the CSV: ${error instanceof Error ? error.message : String(error)}`);
    }
    source = csv.rows;
    problems = csv.problems;
    total = size;
    done = csv.bytesRead;
    meta = { encoding: csv.encoding, delimiter: csv.delimiter };
  } else {
    const x = await openXlsx(input);
    source = x.rows;
    total = x.total;
    let at = 0;
    source = (async function* () {
      for await (const r of x.rows) {
        at = r.row;
        yield r;
      }
    })();
    done = () => at;
  }

  const iterator = source[Symbol.asyncIterator]();
  // Look ahead for the header; rows before it are a preamble and are dropped.
  const ahead: TableRow[] = [];
  const searchRows = options.headerSearchRows ?? 10;
  let header: TableRow | undefined;
  while (ahead.length < searchRows) {
    const r = await iterator.next();
    if (r.done) break;
    if (isBlank(r.value.cells)) continue;
    ahead.push(r.value);
    if (!options.isHeader) break;
    if (options.isHeader(r.value.cells.map(cellText))) {
      header = r.value;
      break;
    }
  }
  if (!header) header = ahead[0];
  const rest = header ? ahead.slice(ahead.indexOf(header) + 1) : [];
  async function* rows(): AsyncGenerator<TableRow> {
    let n = 0;
    const emit = (r: TableRow) => {
      if (++n > maxRows) throw new TableError('too-many-rows', `the file has more than ${maxRows.toLocaleString('en')} data rows`, maxRows);
      return r;
    };
    for (const r of rest) yield emit(r);
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      if (!isBlank(r.value.cells)) yield emit(r.value);
    }
  }
  return {
    format,
    ...meta,
    headerRow: header?.row ?? 0,
    headers: (header?.cells ?? []).map((c: Cell) => cellText(c).replace(/^\uFEFF/, '')),
    rows: rows(),
    problems,
    total,
    done,
  };
}

/** Reads the whole table into memory (small files; tests). */
export async function readAllRows(input: string | Uint8Array, options: ReadTableOptions = {}) {
  const table = await readTable(input, options);
  const rows: TableRow[] = [];
  for await (const r of table.rows) rows.push(r);
  return { ...table, rows };
}
