import type { z } from 'zod';
import { MAX_BATCH, type verifyBody } from './verify-schemas.js';

type VerifyBody = z.infer<typeof verifyBody>;

/** Code points, as zod and JSON Schema's `maxLength` count them (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

// A code point is one or two UTF-16 units, so only a string longer than `max` units needs counting.
const str = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && (v.length <= max || codePoints(v) <= max);

function item(v: unknown): boolean {
  if (typeof v === 'string') return str(v, 1, 4096);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  let n = 0;
  let id = false;
  for (const k in v) {
    n++;
    const x = (v as Record<string, unknown>)[k];
    if (k === 'key') id = str(x, 1, 256);
    else if (k === 'url') id = str(x, 1, 4096);
    else if (k === 'text') {
      if (!str(x, 0, 2000)) return false;
    } else return false;
  }
  return id && n <= 2 && !('key' in v && 'url' in v);
}

/**
 * The verify body's shape checked by hand: the hot path of the busiest endpoint, several times
 * cheaper than the zod union. Accepts exactly what `verifyBody` accepts or returns null, in which
 * case the caller runs zod to say what is wrong (and where).
 */
export function fastVerifyBody(v: unknown): VerifyBody | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  for (const k in v) if (k !== 'listings' && k !== 'at') return null;
  const { listings, at } = v as { listings?: unknown; at?: unknown };
  if (!Array.isArray(listings) || listings.length > MAX_BATCH) return null;
  if (at !== undefined && !str(at, 0, 64)) return null;
  for (const x of listings) if (!item(x)) return null;
  return v as VerifyBody;
}
