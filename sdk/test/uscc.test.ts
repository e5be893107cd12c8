import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgCheckChar, USCC_CHARSET, usccCheckChar, validateUscc } from '../src/uscc.js';

// GB 11714 values (A=10 … Z=35), written independently of the validator, for the mutation oracle.
const gb11714 = (ch: string) => Number.parseInt(ch, 36);

const usccChar = fc.constantFrom(...USCC_CHARSET.split(''));
/** A valid USCC: 16 free characters, the organisation check at 17, the GB 32100 check at 18. */
const validUscc = fc.array(usccChar, { minLength: 16, maxLength: 16 }).map((cs) => {
  const head = cs.slice(0, 8).join('');
  const body = cs.slice(8).join('');
  const first17 = head + body + orgCheckChar(body);
  return first17 + usccCheckChar(first17);
});

describe('validateUscc', () => {
  it('accepts the known real example, trimmed and upper-cased', () => {
    expect(validateUscc('91330100716105852F')).toMatchObject({ ok: true, code: '91330100716105852F', region: '330100', zhejiang: true });
    expect(validateUscc('  91330100716105852f\n')).toMatchObject({ ok: true, code: '91330100716105852F' });
  });

  it.each([
    ['', 'length'],
    ['9133010071610585', 'length'],
    ['91330100716105852F0', 'length'],
    ['91330100716105852I', 'charset'],
    ['9133010071610585-F', 'charset'],
    ['91330100716105853F', 'org-check-digit'],
    ['91330100716105852G', 'check-digit'],
  ])('%j → %s', (code, error) => {
    expect(validateUscc(code)).toMatchObject({ ok: false, error });
  });

  it('reports a wrong check character distinctly, with the expected one (pilot-era codes)', () => {
    const r = validateUscc('91330100716105852G');
    expect(r).toMatchObject({ ok: false, error: 'check-digit', expectedCheck: 'F', region: '330100' });
    expect(r.message).toMatch(/pilot/);
  });

  it('org check follows GB 11714: 10 → X, 11 → 0, letters A=10', () => {
    expect(orgCheckChar('71610585')).toBe('2'); // from the real example above
    expect(orgCheckChar('00000000')).toBe('0'); // sum 0 → 11 → '0'
    expect(orgCheckChar('00000006')).toBe('X'); // 6·2 = 12 ≡ 1 → 10 → 'X'
    expect(orgCheckChar('0000000A')).toBe('2'); // A = 10: 20 ≡ 9 → 2
    expect(orgCheckChar('0000000Y')).toBe('9'); // Y = 34 here (30 in GB 32100): 68 ≡ 2 → 9
  });

  it('the GB 32100 check values letters by the 31-character table (Y = 30)', () => {
    // 16 zeros then Y at position 17 (weight 28): 30·28 = 840 ≡ 3 (mod 31) → 31 − 3 = 28 → 'W'.
    expect(usccCheckChar('0000000000000000Y')).toBe('W');
  });
});

describe('validateUscc properties', () => {
  it('every generated code validates', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(validateUscc(code)).toMatchObject({ ok: true, code });
        expect(validateUscc(code.toLowerCase()).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every single-character substitution fails, with the right error', () => {
    const replacement = fc.constantFrom(...`${USCC_CHARSET}IOZSV*-#é`.split(''));
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), replacement, (code, pos, ch) => {
        fc.pre(ch !== code[pos]);
        const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
        const r = validateUscc(mutated);
        expect(r.ok).toBe(false);
        let expected: string;
        if (!USCC_CHARSET.includes(ch)) expected = 'charset';
        else if (pos === 16) expected = 'org-check-digit';
        // A change inside the organisation code keeps its check only when the GB 11714 values differ by 11k.
        else if (pos >= 8 && pos < 16 && (gb11714(ch) - gb11714(code[pos]!)) % 11 !== 0) expected = 'org-check-digit';
        else expected = 'check-digit';
        expect(r.error).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
