import type { BusinessDate } from './model.js';

/** China Standard Time has no daylight saving: a fixed UTC+8. */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 UTC+8 on the given business date, or NaN when it is not a real date. */
export function businessDayStart(date: BusinessDate): number {
  const m = DATE_RE.exec(date);
  if (!m) return NaN;
  // Not a real date when Date.UTC rolls it over (02-30, month 13) or maps it elsewhere (years 0–99 → 19xx).
  const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  return new Date(utc).toISOString().slice(0, 10) === date ? utc - CST_OFFSET_MS : NaN;
}

/** Epoch ms of the first instant after the business date ends (next day 00:00 UTC+8). */
export function businessDayEnd(date: BusinessDate): number {
  return businessDayStart(date) + DAY_MS;
}

/** The business date (UTC+8) that contains the instant. */
export function businessDateOf(epochMs: number): BusinessDate {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isBusinessDate(value: string): boolean {
  return !Number.isNaN(businessDayStart(value));
}

/** Adds whole days to a business date. */
export function addBusinessDays(date: BusinessDate, days: number): BusinessDate {
  return businessDateOf(businessDayStart(date) + days * DAY_MS);
}

/** ISO string of an instant expressed in UTC+8, e.g. `2027-04-01T00:00:00+08:00`. */
export function toCstIso(epochMs: number): string {
  return `${new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * Parses a time argument: a Date, epoch ms, an ISO instant, or a business date (meaning noon
 * UTC+8 of that day, so that "on 2027-03-31" is unambiguous). Returns NaN when unparseable.
 */
export function toEpochMs(at: Date | number | string | undefined, now: () => number = Date.now): number {
  if (at === undefined) return now();
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  if (DATE_RE.test(at)) return businessDayStart(at) + DAY_MS / 2;
  // Require an explicit date-time shape; Date.parse accepts too much.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(at)) return NaN;
  return Date.parse(at);
}
