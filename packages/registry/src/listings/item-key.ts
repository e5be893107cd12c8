import { canonicalKeyProblem } from '../domain/listing-keys.js';

// Canonical numeric item keys, by space and digit count: the SDK's URL forms read a numeric id as
// 1–20 digits with leading zeros dropped, so whether `{space}:item:{digits}` (no leading zero)
// is canonical depends on the space and the number of digits alone. canonicalKeyProblem builds
// the listing's URL and parses it back (microseconds a key); an upload of 100,000 ids of one
// shape needs that once. Only "canonical" is remembered: a problem names the key, so it is
// computed for each key that has one.
const canonicalShapes = new Set<string>();
const NUMERIC_ITEM = /^([a-z0-9]+):item:[1-9]\d{0,19}$/;

/** canonicalKeyProblem(key, 'item'), remembered per shape for numeric ids. */
export function itemKeyProblem(key: string): string | null {
  const m = NUMERIC_ITEM.exec(key);
  const shape = m ? `${m[1]}:${key.length - m[1]!.length}` : undefined;
  if (shape && canonicalShapes.has(shape)) return null;
  const problem = canonicalKeyProblem(key, 'item');
  if (shape && problem === null) canonicalShapes.add(shape);
  return problem;
}
