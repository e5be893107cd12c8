import { PLATFORMS } from '@zjmade/sdk';
import { describe, expect, it } from 'vitest';
import { canonicalKeyProblem, itemSpaceOf } from '../src/domain/listing-keys.js';
import { itemKeyProblem } from '../src/listings/item-key.js';

describe('itemKeyProblem (the bulk check of listing keys)', () => {
  it('answers as canonicalKeyProblem for numeric ids of every length, on every platform, whatever came first', () => {
    const spaces = [...new Set(PLATFORMS.map(itemSpaceOf))];
    const ids: string[] = [];
    for (let digits = 1; digits <= 22; digits++) ids.push(`7${'0'.repeat(digits - 1)}`, `${'9'.repeat(digits)}`, `0${'1'.repeat(digits)}`);
    ids.push('abc', 'A1', '12a', '', '1-2');
    for (const space of [...spaces, 'tmall', 'nosuch']) {
      for (const id of ids) {
        const key = `${space}:item:${id}`;
        expect(itemKeyProblem(key), key).toBe(canonicalKeyProblem(key, 'item'));
      }
      // Asked again, from the remembered shape.
      for (const id of ids) expect(itemKeyProblem(`${space}:item:${id}`)).toBe(canonicalKeyProblem(`${space}:item:${id}`, 'item'));
    }
  });
});
