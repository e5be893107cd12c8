/**
 * An open-addressing hash table from non-zero 32-bit integer keys to small non-negative ids:
 * the index's bigram and character lookups, keyed by packed code units so matching a title
 * makes no string per bigram. Built once per enterprise, read for every title.
 */
export interface IntTable {
  keys: Int32Array;
  ids: Int32Array;
  shift: number;
}

const hash = (key: number, shift: number) => Math.imul(key, 0x9e3779b1) >>> shift;

/** A table of `keys` (distinct, non-zero) to their positions in the list. */
export function intTable(keys: readonly number[]): IntTable {
  let bits = 4;
  while (1 << bits < keys.length * 2) bits++;
  const size = 1 << bits;
  const table: IntTable = { keys: new Int32Array(size), ids: new Int32Array(size), shift: 32 - bits };
  keys.forEach((key, id) => {
    let slot = hash(key, table.shift);
    while (table.keys[slot] !== 0) slot = (slot + 1) & (size - 1);
    table.keys[slot] = key;
    table.ids[slot] = id;
  });
  return table;
}

/** The id of `key`, or -1. */
export function lookup(table: IntTable, key: number): number {
  const { keys } = table;
  const mask = keys.length - 1;
  let slot = hash(key, table.shift);
  for (;;) {
    const k = keys[slot]!;
    if (k === key) return table.ids[slot]!;
    if (k === 0) return -1;
    slot = (slot + 1) & mask;
  }
}

/** The key of a gram: two UTF-16 code units packed (a lone character has 0 as its second). */
export const gramKey = (first: number, second: number): number => (first << 16) | second;

/** The key of a gram as a string (one or two code units). */
export const keyOfGram = (g: string): number => gramKey(g.charCodeAt(0), g.length > 1 ? g.charCodeAt(1) : 0);

/** FNV-1a over code units: the index keeps the hash of every model and stem it knows. */
export const MODEL_HASH_SEED = 0x811c9dc5 | 0;
export const modelHashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

export function modelHash(s: string): number {
  let h = MODEL_HASH_SEED;
  for (let i = 0; i < s.length; i++) h = modelHashStep(h, s.charCodeAt(i));
  return h;
}
