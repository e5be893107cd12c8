/*
 * Claim detection: does a listing's own text (title, labels) claim the 品字标 mark?
 *
 * What counts (decisions):
 * - 浙江制造 / 浙江製造, 品字标 / 品字標, "Made in Zhejiang" and the mark's official English name
 *   "Zhejiang Made" (any case, full-width letters, with `-`, `_`, `.`, `·`, spaces or zero-width
 *   characters — up to 3 — between any two characters: 浙 江 制 造, ＭＡＤＥ ＩＮ, Made-in-Zhejiang,
 *   #MadeInZhejiang).
 * - 浙江制造 immediately followed by 业 (制造业, the manufacturing industry: 浙江制造业协会 news),
 *   商 (制造商, a manufacturer), 厂 (制造厂/制造厂家, a factory), 者 (制造者, a maker), 企 (制造企业,
 *   manufacturing enterprises) or 网 (浙江制造网, a website) is NOT a claim: these describe who
 *   makes things, not a product under the mark. "浙江制造 厂家直销" (with a space) is a claim.
 * - English needs word boundaries: "homemade in Zhejiang" is not a claim.
 * Only the first 4,000 characters are read; the scan is linear (each position tries a pattern of
 * at most 14 characters with bounded gaps).
 */

/** Which claim: the 浙江制造 name, the 品字标 mark, or the English "Made in Zhejiang". */
export type ClaimKind = 'zhejiang-made' | 'pinzibiao' | 'made-in-zhejiang';

export interface ClaimMatch {
  kind: ClaimKind;
  /** The matched text as written in the input. */
  text: string;
  /** UTF-16 offset of the match in the input. */
  index: number;
}

export const CLAIM_SCAN_LIMIT = 4000;
const MAX_GAP = 3;

const PATTERNS: ReadonlyArray<readonly [ClaimKind, string]> = [
  ['zhejiang-made', '浙江制造'],
  ['pinzibiao', '品字标'],
  ['made-in-zhejiang', 'madeinzhejiang'],
  ['made-in-zhejiang', 'zhejiangmade'],
];
const NOT_AFTER_ZHEJIANG_MADE = '业商厂者企网';
// Traditional → simplified, only for the characters the patterns and exclusions use.
const TRAD: Record<string, string> = { 製: '制', 標: '标', 業: '业', 廠: '厂', 網: '网' };
const GAP = /[\s\u200b-\u200d\u2060\-_.·・]/;

/** One character folded: full-width ASCII to ASCII, lower case, traditional to simplified. */
function fold(ch: string | undefined): string {
  if (ch === undefined) return '';
  const c = ch.charCodeAt(0);
  const a = c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
  return TRAD[a] ?? a.toLowerCase();
}

const isWordChar = (ch: string) => /[a-z0-9]/.test(ch);

/** Where `pattern` matches at `start` (gaps allowed between characters): the end offset, or -1. */
function matchAt(text: string, start: number, pattern: string): number {
  let i = start;
  for (let k = 0; k < pattern.length; k++) {
    if (k > 0) {
      let gap = 0;
      while (gap < MAX_GAP && i < text.length && GAP.test(text[i]!)) {
        i++;
        gap++;
      }
    }
    if (fold(text[i]) !== pattern[k]) return -1;
    i++;
  }
  return i;
}

/** Finds claims of the 品字标 mark in a listing's own text, in order of appearance. */
export function detectClaims(text: string): ClaimMatch[] {
  const out: ClaimMatch[] = [];
  if (typeof text !== 'string') return out;
  const s = text.slice(0, CLAIM_SCAN_LIMIT);
  for (let i = 0; i < s.length; i++) {
    const first = fold(s[i]);
    for (const [kind, pattern] of PATTERNS) {
      if (first !== pattern[0]) continue;
      const end = matchAt(s, i, pattern);
      if (end < 0) continue;
      const english = kind === 'made-in-zhejiang';
      if (english && (isWordChar(fold(s[i - 1])) || isWordChar(fold(s[end])))) continue;
      const next = fold(s[end]);
      if (kind === 'zhejiang-made' && next && NOT_AFTER_ZHEJIANG_MADE.includes(next)) continue;
      out.push({ kind, text: s.slice(i, end), index: i });
      i = end - 1;
      break;
    }
  }
  return out;
}
