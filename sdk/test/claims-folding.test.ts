// Issue 15 #9: claims hidden by invisible or look-alike characters. Every reproduction from the
// issue is found, offsets stay offsets into the original input, exclusions still hold, and the
// work stays linear in the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_SCAN_LIMIT, detectClaims, lastClaimScanWork } from '../src/claims.js';

const INVISIBLE = ['\u00ad', '\u200b', '\u200e', '\u200f', '\u2061', '\u2062', '\u2063', '\u034f', '\u180e', '\ufe0f', '\u{e0020}', '\u202a', '\u2066', '\u3164'];

/** Every default-ignorable code point (Unicode's derived property), for the property test. */
const DEFAULT_IGNORABLE = (() => {
  const out: string[] = [];
  const re = /\p{Default_Ignorable_Code_Point}/u;
  for (let cp = 0; cp <= 0xe0fff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (re.test(ch)) out.push(ch);
  }
  return out;
})();

const CLAIMS: ReadonlyArray<readonly [string, string]> = [
  ['浙江制造', 'zhejiang-made'],
  ['品字标', 'pinzibiao'],
  ['Made in Zhejiang', 'made-in-zhejiang'],
  ['Zhejiang Made', 'made-in-zhejiang'],
];

describe('detectClaims: hidden claims (issue 15 #9)', () => {
  it.each(INVISIBLE.map((x) => [`U+${x.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, x]))(
    'finds 浙 + %s + 江制造 保温杯',
    (_name, x) => {
      const text = `浙${x}江制造 保温杯`;
      expect(detectClaims(text)).toEqual([{ kind: 'zhejiang-made', text: `浙${x}江制造`, index: 0 }]);
    },
  );

  it.each([
    ['Cyrillic а in Made', 'M\u0430de in Zhejiang', 'made-in-zhejiang'],
    ['Cyrillic and Greek capitals', 'МАDЕ ΙΝ ΖНЕЈІАNG', 'made-in-zhejiang'],
    ['mathematical bold', '𝐌𝐚𝐝𝐞 𝐢𝐧 𝐙𝐡𝐞𝐣𝐢𝐚𝐧𝐠', 'made-in-zhejiang'],
    ['mathematical sans-serif italic', '𝘔𝘢𝘥𝘦 𝘪𝘯 𝘡𝘩𝘦𝘫𝘪𝘢𝘯𝘨', 'made-in-zhejiang'],
    ['circled letters', 'Ⓜⓐⓓⓔ ⓘⓝ Ⓩⓗⓔⓙⓘⓐⓝⓖ', 'made-in-zhejiang'],
    ['small capitals', 'ᴍᴀᴅᴇ ɪɴ ᴢʜᴇᴊɪᴀɴɢ', 'made-in-zhejiang'],
    ['淛 for 浙', '淛江制造', 'zhejiang-made'],
    ['half-width ･ gap', '浙･江･制･造', 'zhejiang-made'],
    ['bullet and hyphenation-point gaps', '浙•江‧制∙造', 'zhejiang-made'],
    ['combining mark after 浙', '浙\u0301江制造', 'zhejiang-made'],
    ['four spaces', '浙    江制造', 'zhejiang-made'],
    ['ideographic and no-break spaces', '浙\u3000\u00a0\u2003江制造', 'zhejiang-made'],
    ['accented letters', 'Mádé in Zhèjiāng', 'made-in-zhejiang'],
    ['full-width', 'ＭＡＤＥ ＩＮ ＺＨＥＪＩＡＮＧ', 'made-in-zhejiang'],
  ])('finds a claim written with %s', (_name, claim, kind) => {
    const text = `保温杯 ${claim} 款`;
    expect(detectClaims(text)).toEqual([{ kind, text: claim, index: 4 }]);
  });

  it('keeps the exclusions through invisible characters and look-alikes', () => {
    for (const t of ['浙江制造\u200b业协会', '淛江製造業', '浙\u00ad江制造商', 'homem\u0430de in Zhejiang', '浙江省制造', '江苏制造']) {
      expect(detectClaims(t), t).toEqual([]);
    }
  });

  it('still finds a default-ignorable character anywhere inside any claim (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLAIMS),
        fc.constantFrom(...DEFAULT_IGNORABLE),
        fc.nat(),
        fc.string({ maxLength: 5 }).map((p) => p.replace(/[\p{L}\p{N}]/gu, '')),
        ([claim, kind], x, at, prefix) => {
          // Insert after a whole code point, strictly inside the claim.
          const pos = 1 + (at % (claim.length - 1));
          const hidden = claim.slice(0, pos) + x + claim.slice(pos);
          const text = `${prefix} ${hidden} 保温杯`;
          const found = detectClaims(text);
          expect(found).toHaveLength(1);
          expect(found[0]).toEqual({ kind, text: hidden, index: prefix.length + 1 });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every match is a slice of the original input (property over hostile alphabets)', () => {
    const alphabet = fc.constantFrom(...[...'浙淛江制造製品字标業 ･・-　madeinzhjgMАΖ𝐌Ⓜ\u0301\u200b\u00ad\u{e0020}'].map((c) => c));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        for (const m of detectClaims(s)) expect(s.slice(m.index, m.index + m.text.length)).toBe(m.text);
      }),
      { numRuns: 2000 },
    );
  });

  it('does work linear in the input, whatever it contains (a bound on steps, not a timing)', () => {
    const hostile = [
      '浙 '.repeat(3000),
      '\u200b'.repeat(5000),
      '浙江制'.repeat(2000),
      'm a d e i n z h e j i a n '.repeat(400),
      '\ufdfa'.repeat(4000), // one code point that decomposes into 18 characters
      '𝐌'.repeat(3000),
      'ⓜ･'.repeat(3000),
    ];
    for (const text of hostile) {
      detectClaims(text);
      // Folding: ≤ 18 parts per UTF-16 unit read; matching: ≤ 4 patterns × 14 steps per token.
      expect(lastClaimScanWork, text.slice(0, 10)).toBeLessThanOrEqual(CLAIM_SCAN_LIMIT * 18 + CLAIM_SCAN_LIMIT * 18 * 4 * 14);
      // And in practice about one step per character for ordinary hostile text.
      if (!text.startsWith('\ufdfa')) expect(lastClaimScanWork).toBeLessThanOrEqual(CLAIM_SCAN_LIMIT * 8);
    }
  });
});
