/*
 * Claim detection: does a listing's own text (title, labels) claim the 品字标 mark?
 *
 * What counts (decisions):
 * - 浙江制造 / 浙江製造 (and the variant 淛江), 品字标 / 品字標, "Made in Zhejiang" and the mark's
 *   official English name "Zhejiang Made" (any case), with gaps between any two characters: a run
 *   of up to 8 spaces of any kind, `-`, `_`, `.`, or middle dots (`·`, `・`, `･`, `•`, `‧` …):
 *   浙 江 制 造, Made-in-Zhejiang, #MadeInZhejiang.
 * - Hiding tricks are folded away before matching (issue 15 #9): default-ignorable code points
 *   (soft hyphen, zero-width and bidi controls, variation selectors, invisible operators, tags,
 *   Hangul fillers …) and combining marks are skipped as if absent; every other character is
 *   NFKD-decomposed (compatibility forms: full-width, mathematical alphanumerics, circled
 *   letters, compatibility ideographs; combining marks of the result dropped, which is NFKC for
 *   matching purposes and also folds accented letters); Cyrillic/Greek/small-capital look-alikes
 *   of the mark's letters and 淛 map through a small confusables table.
 * - 浙江制造 immediately followed by 业 (制造业, the manufacturing industry: 浙江制造业协会 news),
 *   商 (制造商, a manufacturer), 厂 (制造厂/制造厂家, a factory), 者 (制造者, a maker), 企 (制造企业,
 *   manufacturing enterprises) or 网 (浙江制造网, a website) is NOT a claim: these describe who
 *   makes things, not a product under the mark. "浙江制造 厂家直销" (with a space) is a claim.
 * - English needs word boundaries: "homemade in Zhejiang" is not a claim.
 * Only the first 4,000 UTF-16 units are read. The scan is linear: one folding pass (each code
 * point folded on its own, so a bounded amount of work), then each folded position tries patterns
 * of at most 14 characters where a gap run is one token. `index`/`text` are offsets into the input.
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
/** Longest run of gap characters between two characters of a claim. */
const MAX_GAP = 8;

const PATTERNS: ReadonlyArray<readonly [ClaimKind, string]> = [
  ['zhejiang-made', '浙江制造'],
  ['pinzibiao', '品字标'],
  ['made-in-zhejiang', 'madeinzhejiang'],
  ['made-in-zhejiang', 'zhejiangmade'],
];
const NOT_AFTER_ZHEJIANG_MADE = '业商厂者企网';
// Characters that fold to the mark's characters: traditional → simplified (only those the patterns
// and exclusions use), the 淛 variant of 浙, and look-alike letters (keyed by the original case,
// since Greek Η is an H but η is an n).
// Pairs (from, to), one UTF-16 unit each: a string is smaller in the browser bundle than an object literal.
const TABLE: Record<string, string> = {};
const PAIRS = '製制標标業业廠厂網网淛浙аaАaαaΑaɑaᴀaԁdᴅdеeЕeεeΕeҽeᴇeіiІiιiΙiıiӏiӀiɪiјjЈjϳjᴊjһhНhнhΗhʜhмmМmΜmᴍmΝnηnոnɴnΖzᴢzɡgԌgɢg';
for (let i = 0; i < PAIRS.length; i += 2) TABLE[PAIRS[i]!] = PAIRS[i + 1]!;
const IGNORED = /[\p{Default_Ignorable_Code_Point}\p{M}]/u;
const GAP = /[\s\-_.·・•‧∙⋅ㆍ᛫⸱ꞏᐧ⦁]/;
/** Folded token for a gap run (short enough to bridge) and for one too long to bridge. */
const GAP_TOKEN = ' ';
const BREAK_TOKEN = '\n';

/** Work done by the last `detectClaims` call (folding steps + comparisons), for the linear-time test. */
export let lastClaimScanWork = 0;

const isWordChar = (ch: string | undefined) => ch !== undefined && /[a-z0-9]/.test(ch);

/**
 * The input folded into tokens (one character each, or a gap token) with each token's source
 * range [from, to) in the input.
 */
function foldText(s: string): { tokens: string[]; from: number[]; to: number[] } {
  const tokens: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let gapRun = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const end = i + (cp > 0xffff ? 2 : 1);
    const ch = s.slice(i, end);
    // ASCII and CJK unified ideographs have no decomposition: skip the costly normalize.
    const parts = cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff) || TABLE[ch] ? ch : ch.normalize('NFKD');
    for (const part of parts) {
      lastClaimScanWork++;
      if (IGNORED.test(part)) continue;
      if (GAP.test(part)) {
        if (gapRun++ === 0) {
          tokens.push(GAP_TOKEN);
          from.push(i);
          to.push(end);
        } else {
          to[to.length - 1] = end;
          if (gapRun > MAX_GAP) tokens[tokens.length - 1] = BREAK_TOKEN;
        }
        continue;
      }
      gapRun = 0;
      tokens.push(TABLE[part] ?? part.toLowerCase());
      from.push(i);
      to.push(end);
    }
    i = end;
  }
  return { tokens, from, to };
}

/** Where `pattern` matches at token `start` (one gap token allowed between characters): the end token, or -1. */
function matchAt(tokens: readonly string[], start: number, pattern: string): number {
  let i = start;
  for (let k = 0; k < pattern.length; k++) {
    lastClaimScanWork++;
    if (k > 0 && tokens[i] === GAP_TOKEN) i++;
    if (tokens[i] !== pattern[k]) return -1;
    i++;
  }
  return i;
}

/** Finds claims of the 品字标 mark in a listing's own text, in order of appearance. */
export function detectClaims(text: string): ClaimMatch[] {
  const out: ClaimMatch[] = [];
  lastClaimScanWork = 0;
  if (typeof text !== 'string') return out;
  const s = text.slice(0, CLAIM_SCAN_LIMIT);
  const { tokens, from, to } = foldText(s);
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    for (const [kind, pattern] of PATTERNS) {
      if (first !== pattern[0]) continue;
      const end = matchAt(tokens, i, pattern);
      if (end < 0) continue;
      const next = tokens[end];
      if (kind === 'made-in-zhejiang' && (isWordChar(tokens[i - 1]) || isWordChar(next))) continue;
      if (kind === 'zhejiang-made' && next && NOT_AFTER_ZHEJIANG_MADE.includes(next)) continue;
      const index = from[i]!;
      out.push({ kind, text: s.slice(index, to[end - 1]), index });
      i = end - 1;
      break;
    }
  }
  return out;
}
