/** Digits in the low part of a numeric listing id (see format.ts, section 5). */
export const LO_DIGITS = 15;

/**
 * Where a listing key's trailing digits start when they are a canonical decimal of at most 30
 * digits (no leading zero), else -1. The encoder and the decoder must agree on this exactly.
 */
export function numericCut(key: string): number {
  let cut = key.length;
  while (cut > 0 && key.charCodeAt(cut - 1) >= 48 && key.charCodeAt(cut - 1) <= 57) cut--;
  const n = key.length - cut;
  return n < 1 || n > 2 * LO_DIGITS || (n > 1 && key.charCodeAt(cut) === 48) ? -1 : cut;
}
