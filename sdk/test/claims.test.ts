import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_SCAN_LIMIT, detectClaims } from '../src/claims.js';

describe('detectClaims: claims', () => {
  it.each([
    ['浙江制造 316不锈钢保温杯', 'zhejiang-made', '浙江制造', 0],
    ['【品字标】电饭煲', 'pinzibiao', '品字标', 1],
    ['保温杯 浙 江 制 造 款', 'zhejiang-made', '浙 江 制 造', 4],
    ['保温杯 浙\u3000江\u3000制\u3000造', 'zhejiang-made', '浙\u3000江\u3000制\u3000造', 4],
    ['浙江製造 茶具', 'zhejiang-made', '浙江製造', 0],
    ['品字標 認證', 'pinzibiao', '品字標', 0],
    ['品 字 标', 'pinzibiao', '品 字 标', 0],
    ['Thermos cup, Made in Zhejiang', 'made-in-zhejiang', 'Made in Zhejiang', 13],
    ['made in zhejiang', 'made-in-zhejiang', 'made in zhejiang', 0],
    ['MADE-IN-ZHEJIANG quality', 'made-in-zhejiang', 'MADE-IN-ZHEJIANG', 0],
    ['#MadeInZhejiang', 'made-in-zhejiang', 'MadeInZhejiang', 1],
    ['ＭＡＤＥ ＩＮ ＺＨＥＪＩＡＮＧ', 'made-in-zhejiang', 'ＭＡＤＥ ＩＮ ＺＨＥＪＩＡＮＧ', 0],
    ['Zhejiang Made certified kettle', 'made-in-zhejiang', 'Zhejiang Made', 0],
    ['浙江制造 厂家直销', 'zhejiang-made', '浙江制造', 0],
    ['“浙江制造”认证', 'zhejiang-made', '浙江制造', 1],
    ['产品通过浙江制造', 'zhejiang-made', '浙江制造', 4],
    ['浙江制造品牌建设促进会认证', 'zhejiang-made', '浙江制造', 0],
  ])('%s', (text, kind, matched, index) => {
    expect(detectClaims(text)).toEqual([{ kind, text: matched, index }]);
  });

  it('finds every claim, in order', () => {
    const found = detectClaims('品字标 浙江制造 Made in Zhejiang 浙江制造业协会 浙江制造');
    expect(found.map((m) => [m.kind, m.index])).toEqual([
      ['pinzibiao', 0],
      ['zhejiang-made', 4],
      ['made-in-zhejiang', 9],
      ['zhejiang-made', 34],
    ]);
  });
});

describe('detectClaims: not claims', () => {
  it.each([
    '',
    '浙江省制造',
    '浙江 省 制造',
    '浙江制造业协会发布年度报告',
    '浙江制造業',
    '浙江制造商 直供',
    '浙江制造厂',
    '浙江制造厂家',
    '浙江制造廠',
    '浙江制造者',
    '浙江制造企业名录',
    '浙江制造网 新闻',
    '浙江製造網',
    '浙江制  ,造',
    // Gap runs of up to 8 bridge (issue 15 #9: four spaces hid a claim); longer ones do not.
    '浙         江制造',
    '江苏制造',
    '品字',
    '字标',
    'homemade in Zhejiang',
    'made in zhejiangese',
    'made in china',
    'Zhejiang Madeira wine',
    'zhejiang',
  ])('no claim in %j', (text) => {
    expect(detectClaims(text)).toEqual([]);
  });

  it('reads only the first CLAIM_SCAN_LIMIT characters', () => {
    const pad = 'x'.repeat(CLAIM_SCAN_LIMIT);
    expect(detectClaims(`${pad}浙江制造`)).toEqual([]);
    expect(detectClaims(`${'x'.repeat(CLAIM_SCAN_LIMIT - 4)}浙江制造`)).toHaveLength(1);
    expect(detectClaims('浙 '.repeat(1 << 20))).toEqual([]);
  });

  it('non-string input gives no claims', () => {
    expect(detectClaims(undefined as unknown as string)).toEqual([]);
  });
});

describe('detectClaims properties', () => {
  it('never throws; every match points at its own text, which folds to a claim', () => {
    const alphabet = fc.constantFrom(...'浙江制造製品字标標业商厂 -　madeinzhjgMADEINZHEJIANGＭ'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 40 })), (s) => {
        for (const m of detectClaims(s)) {
          expect(s.slice(m.index, m.index + m.text.length)).toBe(m.text);
          expect(m.text.length).toBeGreaterThanOrEqual(3);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
