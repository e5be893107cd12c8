import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
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

/** Streams a CSV (UTF-8, optional BOM, comma or tab separated) row by row. */
export async function readCsv(path: string): Promise<Sheet> {
  const total = statSync(path).size;
  const input = createReadStream(path);
  let done = 0;
  input.on('data', (chunk) => {
    done += chunk.length;
  });
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, delimiter: [',', '\t'] }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next();
  const headers = first.done ? [] : first.value.record;
  async function* rows() {
    let n = 1;
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      n++;
      yield { row: n, cells: r.value.record, done };
    }
  }
  return { headers, total, rows: rows() };
}
