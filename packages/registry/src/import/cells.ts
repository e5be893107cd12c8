import { businessDateOf } from '@zjmade/sdk';
import { isRegistryDate } from '@zjmade/sdk/publisher';

/** A cell as the readers hand it over: CSV gives strings, XLSX may give dates and numbers. */
export type Cell = string | number | Date | null | undefined;

const CST_OFFSET_MS = 8 * 3600_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/**
 * A business date from a cell: `2027-03-31`, `2027/3/31`, `2027.03.31`, `2027年3月31日`, an Excel
 * date (stored as a UTC midnight by the reader) or an Excel serial number. Null when not a date, or outside the registry's date domain.
 */
export function cellDate(cell: Cell): string | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) {
    const ms = cell.getTime();
    // Date cells carry a calendar day at UTC midnight; read it as that day, not shifted by +8h.
    return Number.isFinite(ms) ? inDomain(businessDateOf(ms - CST_OFFSET_MS)) : null;
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return null;
    return inDomain(businessDateOf(EXCEL_EPOCH_MS + Math.floor(cell) * 86_400_000 - CST_OFFSET_MS));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return inDomain(d);
}

/** Only dates the registry can store and publish (registry-dates.ts in the SDK). */
const inDomain = (d: string): string | null => (isRegistryDate(d) ? d : null);
