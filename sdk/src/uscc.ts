/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015) with the organisation-code check of
 * GB 11714 at position 17. The two checks value letters differently: GB 32100 uses its own
 * 31-character table, GB 11714 uses A=10 … Z=35.
 */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** `type`: the input is not text (an object, a Symbol, a Proxy …) and cannot be read as a code. */
export type UsccError = 'type' | 'length' | 'charset' | 'check-digit' | 'org-check-digit';

export interface UsccResult {
  ok: boolean;
  /** The input trimmed and upper-cased. */
  code: string;
  error?: UsccError;
  /** Human-readable explanation of `error` (English). */
  message?: string;
  /** GB/T 2260 region code (positions 3–8) when the shape allows reading it. */
  region?: string;
  /** True when the region is in Zhejiang (33xxxx). */
  zhejiang?: boolean;
  /** Registering department (position 1), e.g. `9` for market regulation. */
  department?: string;
  /** Entity category under the department (position 2). */
  category?: string;
  /** The check character the code should end with, when it ends with another. */
  expectedCheck?: string;
}

function usccValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/** The GB 32100 check character for the first 17 characters (which must be in the charset). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

function orgValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/** The GB 11714 check character for an 8-character organisation-code body. */
export function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The input as text: strings, numbers and bigints only, so no toString/valueOf (or Proxy trap) ever runs. */
function textOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (input === null || input === undefined) return '';
  return typeof input === 'number' || typeof input === 'bigint' ? String(input) : undefined;
}

/**
 * Validates a USCC. Never throws, whatever `input` is (it often comes straight from a request body):
 * anything that is not a string, number or bigint is reported as error `type`.
 */
export function validateUscc(input: unknown): UsccResult {
  const text = textOf(input);
  if (text === undefined) return { ok: false, code: '', error: 'type', message: 'A USCC is text.' };
  const code = text.trim().toUpperCase();
  if (code.length !== 18) {
    return { ok: false, code, error: 'length', message: `A USCC has 18 characters, not ${code.length}.` };
  }
  for (let i = 0; i < 18; i++) {
    if (usccValue(code[i]!) < 0) {
      return {
        ok: false,
        code,
        error: 'charset',
        message: `Character ${i + 1} ('${code[i]}') is not allowed (no I, O, Z, S or V).`,
      };
    }
  }
  const region = code.slice(2, 8);
  const facts = {
    region,
    zhejiang: region.startsWith('33'),
    department: code[0]!,
    category: code[1]!,
  };
  const org = code.slice(8, 16);
  const orgCheck = orgCheckChar(org);
  if (code[16] !== orgCheck) {
    return {
      ok: false,
      code,
      error: 'org-check-digit',
      message: `The organisation code's check character (position 17) should be '${orgCheck}'.`,
      ...facts,
    };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      code,
      error: 'check-digit',
      message: `The check character should be '${expected}'. Some early pilot-region codes fail this check; confirm with the issuing authority.`,
      expectedCheck: expected,
      ...facts,
    };
  }
  return { ok: true, code, ...facts };
}
