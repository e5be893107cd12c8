import { orgCheckChar, USCC_CHARSET, usccCheckChar } from '@zjmade/sdk';
import type { Rng } from './prng.js';

const DIGITS = '0123456789';

/**
 * A valid USCC for a company registered in `region`: department 9 (market regulation), category 1
 * (enterprise), an organisation-code body (post-2015 bodies start with `MA`), its GB 11714 check,
 * then the GB 32100 check.
 */
export function newUscc(rng: Rng, region: string): string {
  let body = '';
  if (rng.chance(0.45)) {
    body = 'MA';
    for (let i = 0; i < 6; i++) body += USCC_CHARSET[Math.floor(rng.next() * USCC_CHARSET.length)];
  } else {
    for (let i = 0; i < 8; i++) body += DIGITS[Math.floor(rng.next() * 10)];
  }
  const first17 = `91${region}${body}${orgCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}
