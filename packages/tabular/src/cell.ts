/** A cell as the readers hand it over: CSV gives strings, XLSX may give numbers and dates. */
export type Cell = string | number | Date | null | undefined;

/** A cell as trimmed text (dates as ISO instants). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

export interface TableRow {
  /** 1-based row number as a spreadsheet shows it (the first line of the file is row 1). */
  row: number;
  cells: Cell[];
}

export const isBlank = (cells: readonly Cell[]): boolean => cells.every((c) => cellText(c) === '');
