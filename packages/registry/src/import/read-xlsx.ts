import ExcelJS from 'exceljs';
import type { Cell } from './cells.js';
import type { Sheet } from './read-csv.js';

function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

/** Reads the first worksheet of an .xlsx file; row 1 is the header. */
export async function readXlsx(path: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], total: 0, rows: (async function* () {})() };
  const values = (r: ExcelJS.Row): Cell[] => {
    const out: Cell[] = [];
    for (let i = 1; i <= ws.columnCount; i++) out.push(plain(r.getCell(i).value));
    return out;
  };
  const headers = values(ws.getRow(1)).map((c) => (c === null || c === undefined ? '' : String(c)));
  const total = ws.rowCount;
  async function* rows() {
    for (let i = 2; i <= ws!.rowCount; i++) {
      const r = ws!.getRow(i);
      const cells = values(r);
      if (cells.every((c) => c === null || c === '')) continue;
      yield { row: i, cells, done: i };
    }
  }
  return { headers, total, rows: rows() };
}
