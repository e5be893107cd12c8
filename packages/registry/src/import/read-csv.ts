import { readTable, type TableFormat } from '@zjmade/tabular';
import type { Cell } from './cells.js';

export interface SheetRow {
  /** 1-based row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  /** Total size for progress (bytes for CSV, rows for XLSX). */
  total: number;
  rows: AsyncIterable<SheetRow & { done: number }>;
}

/** A list file through the workspace's one table reader (@zjmade/tabular), first row as header. */
export async function readSheet(path: string, format: TableFormat): Promise<Sheet> {
  const table = await readTable(path, { format });
  async function* rows() {
    for await (const r of table.rows) yield { row: r.row, cells: r.cells, done: table.done() };
  }
  return { headers: table.headers, total: table.total, rows: rows() };
}

/** Streams a CSV (UTF-8 with or without BOM, UTF-16, GB18030; comma, tab or semicolon separated) row by row. */
export const readCsv = (path: string): Promise<Sheet> => readSheet(path, 'csv');
