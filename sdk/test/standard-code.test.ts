import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStandardCode } from '../src/standard-code.js';

describe('parseStandardCode', () => {
  it.each([
    ['T/ZZB 1371-2019', '1371', 2019],
    ['T/ZZB 1064—2019', '1064', 2019],
    ['T/ZZB 1064–2019', '1064', 2019],
    ['T/ZZB1064-2019', '1064', 2019],
    ['T/ZZB 1064 — 2019', '1064', 2019],
    ['T / ZZB 1064 - 2019', '1064', 2019],
    ['  T/ZZB 1064-2019\n', '1064', 2019],
    ['t/zzb 1064-2019', '1064', 2019],
    ['Ｔ／ＺＺＢ　１０６４－２０１９', '1064', 2019],
    ['T／ZZB 1064-2019', '1064', 2019],
    ['T/ZZB 1064‐2019', '1064', 2019],
    ['T/ZZB 1064−2019', '1064', 2019],
    ['T/ZZB 12-2020', '0012', 2020],
    ['T/ZZB 01371-2019', '1371', 2019],
    ['T/ZZB 12345-2025', '12345', 2025],
  ])('%j', (text, number, year) => {
    expect(parseStandardCode(text)).toEqual({ series: 'T/ZZB', number, year, canonical: `T/ZZB ${number}-${year}` });
  });

  it.each([
    '',
    'T/ZZB',
    'T/ZZB 1064',
    'T/ZZB 1064-19',
    'T/ZZB 1064/2019',
    'T/ZZB 1064_2019',
    'T/ZZB 0-2019',
    'T/ZZB 123456-2019',
    'T/ZZB 1064-1999',
    'T/ZZB 1064-2019x',
    'GB/T 1064-2019',
    'Q/ZZB 1064-2019',
    'T/ZZBB 1064-2019',
    'see T/ZZB 1064-2019',
    `T/ZZB 1064-2019${' '.repeat(80)}`,
    'T/ZZB 1064--2019',
  ])('null for %j', (text) => {
    expect(parseStandardCode(text)).toBeNull();
  });

  it('canonical form re-parses to itself; garbage never throws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 2013, max: 2100 }), fc.constantFrom('-', '—', '–', ' - ', '－'), (n, y, dash) => {
        const parsed = parseStandardCode(`T/ZZB ${n}${dash}${y}`);
        expect(parsed?.canonical).toBe(`T/ZZB ${String(n).padStart(4, '0')}-${y}`);
        expect(parseStandardCode(parsed?.canonical ?? '')).toEqual(parsed);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (s) => {
        const r = parseStandardCode(s);
        if (r) expect(r.canonical).toMatch(/^T\/ZZB \d{4,5}-\d{4}$/);
      }),
      { numRuns: 2000 },
    );
  });
});
