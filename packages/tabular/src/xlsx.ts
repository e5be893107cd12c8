import ExcelJS from 'exceljs';
import type { Cell, TableRow } from './cell.js';
import { TableError } from './errors.js';

function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

export interface XlsxSource {
  rows: AsyncIterable<TableRow>;
  /** Rows in the sheet (for progress). */
  total: number;
}

/** The first worksheet of an .xlsx file or buffer, row by row (empty rows skipped). */
export async function openXlsx(input: string | Uint8Array): Promise<XlsxSource> {
  const wb = new ExcelJS.Workbook();
  try {
    if (typeof input === 'string') await wb.xlsx.readFile(input);
    else await wb.xlsx.load(Buffer.from(input.buffer, input.byteOffset, input.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new TableError('unreadable', `not a readable XLSX file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: (async function* () {})(), total: 0 };
  const width = ws.columnCount;
  async function* rows(): AsyncGenerator<TableRow> {
    for (let i = 1; i <= ws!.rowCount; i++) {
      const r = ws!.getRow(i);
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) cells.push(plain(r.getCell(c).value));
      yield { row: i, cells };
    }
  }
  return { rows: rows(), total: ws.rowCount };
}

export interface SheetSpec {
  name: string;
  headers: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number | Date | null | undefined>>;
  /** Column widths in characters (optional). */
  widths?: readonly number[];
}

/** Writes sheets to an .xlsx buffer (bold, frozen header row). */
export async function writeXlsx(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...s.headers]).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((c) => c ?? null));
    s.widths?.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
