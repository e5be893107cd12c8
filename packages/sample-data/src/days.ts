import type { BusinessDate } from '@zjmade/sdk';

/**
 * Calendar arithmetic on business dates as whole day numbers (days since 1970-01-01). Business
 * dates are calendar days in UTC+8; counting them in UTC is exact because no time of day is involved.
 */
const DAY_MS = 86_400_000;

export function dayOf(date: BusinessDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOf(day: number): BusinessDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of a validity of `years` starting on `issued` (a 3-year certificate from 2024-04-01 ends 2027-03-31). */
export function validityEnd(issued: BusinessDate, years: number): BusinessDate {
  const y = Number(issued.slice(0, 4)) + years;
  const start = Date.UTC(y, Number(issued.slice(5, 7)) - 1, Number(issued.slice(8, 10)));
  return dateOf(Math.floor(start / DAY_MS) - 1);
}

/** An instant at 09:00 UTC+8 on the day, the time a status change is recorded as taking effect. */
export function morningOf(day: number): string {
  return `${dateOf(day)}T09:00:00+08:00`;
}
