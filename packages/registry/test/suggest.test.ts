import type { Evaluation, ProductScope } from '@zjmade/sdk';
import { describe, expect, it } from 'vitest';
import { buildEnterpriseIndex, NOISE_WORDS, normalise, suggestEvaluation, tokensOf } from '../src/suggest/index.js';

function evaluation(id: string, products: ProductScope[], standard = 'T/ZZB 0001-2019', expires = '2028-01-01'): Evaluation {
  return { id, route: 'certification', brand: 'zhejiang-made', uscc: '91330100MA00000000', products, standard, issued: '2025-01-01', expires, history: [] } as Evaluation;
}

const washer = evaluation('E-WASH', [{ name: '家用滚筒式电动洗衣机', model: 'XQG100-A', category: '家用电器' }], 'T/ZZB 0101-2020');
const kettle = evaluation('E-KETTLE', [{ name: '不锈钢电热水壶', model: 'SH-200E', category: '家用电器' }], 'T/ZZB 0202-2021');
const flask = evaluation('E-FLASK', [{ name: '不锈钢真空保温杯', model: 'ZJ-3000A', category: '日用品' }], 'T/ZZB 0303-2022');
const titles: Record<string, string> = { 'T/ZZB 0101-2020': '滚筒式家用电动洗衣机', 'T/ZZB 0202-2021': '电热水壶', 'T/ZZB 0303-2022': '不锈钢真空保温容器' };
const index = buildEnterpriseIndex([washer, kettle, flask], { standardTitle: (c) => titles[c] });

describe('normalise and tokens', () => {
  it('folds full-width, traditional characters, case, noise words and years', () => {
    expect(normalise('【官方旗舰店】２０２４年新款 ＺＪ－３０００Ａ 電熱水壺 包郵')).toBe('【 】   zj-3000a 电热水壶 包邮'.replace('包邮', ' '));
    expect(tokensOf(normalise('XQG2000 滚筒 2025款')).models).toEqual(['xqg2000']);
  });
  it('makes bigrams of Chinese runs and keeps models whole', () => {
    expect(tokensOf('电动洗衣机 zj-3000a led')).toEqual({ grams: ['电动', '动洗', '洗衣', '衣机'], models: ['zj3000a'], words: ['led'] });
  });
});

describe('suggestEvaluation', () => {
  it('an exact model is strong evidence on its own', () => {
    const s = suggestEvaluation(index, '恒达 ZJ3000A 户外大容量 500ml');
    expect(s).toMatchObject({ evaluationId: 'E-FLASK', ambiguous: false });
    expect(s!.score).toBeGreaterThanOrEqual(0.85);
    expect(s!.matched).toContain('ZJ-3000A');
  });
  it('a partial product name suggests, with the words that matched and a lower score', () => {
    const full = suggestEvaluation(index, '恒达家用滚筒式电动洗衣机 10公斤')!;
    const part = suggestEvaluation(index, '恒达 滚筒洗衣机 10公斤 静音')!;
    expect(part.evaluationId).toBe('E-WASH');
    expect(part.score).toBeLessThan(full.score);
    expect(part.matched).toEqual(expect.arrayContaining(['滚筒', '洗衣机']));
  });
  it('traditional characters and full-width models match their simplified scope', () => {
    const s = suggestEvaluation(index, '恆達 不鏽鋼電熱水壺 ＳＨ－２００Ｅ');
    expect(s).toMatchObject({ evaluationId: 'E-KETTLE' });
    expect(s!.matched).toEqual(expect.arrayContaining(['SH-200E', '不锈钢电热水壶']));
    expect(s!.score).toBeGreaterThan(0.9);
  });
  it('noise words neither help nor hurt', () => {
    const plain = suggestEvaluation(index, '不锈钢电热水壶')!;
    const noisy = suggestEvaluation(index, '【官方旗舰店】2024年新款 正品包邮 不锈钢电热水壶 热销爆款')!;
    expect(noisy.evaluationId).toBe('E-KETTLE');
    expect(noisy.score).toBe(plain.score);
  });
  it('two competing evaluations are ranked and the margin is marked', () => {
    const older = evaluation('E-WASH-2019', [{ name: '家用滚筒式电动洗衣机', model: 'XQG80-B', category: '家用电器' }], 'T/ZZB 0101-2020', '2025-06-01');
    const two = buildEnterpriseIndex([older, washer], { standardTitle: (c) => titles[c], inForce: (e) => e.expires > '2026-01-01' });
    const tie = suggestEvaluation(two, '家用滚筒式电动洗衣机')!;
    // Same scope name: the evaluation in force ranks first, and the tie is flagged for a person.
    expect(tie.evaluationId).toBe('E-WASH');
    expect(tie.ambiguous).toBe(true);
    expect(tie.margin).toBe(0);
    expect(tie.runnersUp.map((c) => c.evaluationId)).toEqual(['E-WASH-2019']);
    // The model decides.
    const byModel = suggestEvaluation(two, '家用滚筒式电动洗衣机 XQG80-B')!;
    expect(byModel.evaluationId).toBe('E-WASH-2019');
    expect(byModel.ambiguous).toBe(false);
    expect(byModel.margin).toBeGreaterThan(0.2);
  });
  it('a model of the same family (stem) is weaker evidence than the exact model', () => {
    const s = suggestEvaluation(index, 'XQG100 洗衣机')!;
    const exact = suggestEvaluation(index, 'XQG100-A 洗衣机')!;
    expect(s.evaluationId).toBe('E-WASH');
    expect(s.score).toBeLessThan(exact.score);
  });
  it('nothing matches: no suggestion', () => {
    expect(suggestEvaluation(index, '男式免烫衬衫 CS200-M')).toBeNull();
    expect(suggestEvaluation(index, '')).toBeNull();
    expect(suggestEvaluation(buildEnterpriseIndex([]), '电热水壶')).toBeNull();
  });
  it('a shared category alone stays below the threshold', () => {
    expect(suggestEvaluation(index, '家用电器 配件')).toBeNull();
  });
});

describe('normalise is the one-pass form of the string rules', () => {
  // The rules as plain string operations (the matcher's first form): the typed-array pass must agree.
  const noise = new RegExp(`(?<![0-9a-z])(?:19|20)\\d\\d(?:年|款|新款)?(?![0-9a-z])|${NOISE_WORDS.join('|')}`, 'g');
  const t2s = new Map([...'電熱壺鏽鋼達郵隨']
    .map((c, i) => [c, '电热壶锈钢达邮随'[i]!] as const));
  const reference = (text: string) =>
    [...text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).toLowerCase()]
      .map((c) => t2s.get(c) ?? c)
      .join('')
      .replace(noise, ' ');
  const pieces = ['2024', '2019年', '2025款', '2026新款', '1999', '20245', 'a2024', '2024x', '618', '6188', '官方旗舰店', '旗舰', '厂家直销', '新款', '款', '年',
    '電熱水壺', '不鏽鋼', 'ＺＪ－３０００Ａ', '\u3000', ' ', '-', 'XQG100-A', '洗衣机', '【', '】', 'É', 'a', '0', '包郵', '隨'];
  it('agrees on titles made of years, noise words, full-width and traditional forms', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 3000; n++) {
      let title = '';
      for (let k = next() % 9; k >= 0; k--) title += pieces[next() % pieces.length];
      expect(normalise(title), title).toBe(reference(title));
    }
  });
});

describe('words: false', () => {
  it('suggests the same evaluation and score without collecting the matched words', () => {
    for (const title of ['恆達 不鏽鋼電熱水壺 ＳＨ－２００Ｅ', 'XQG100 洗衣机', '恒达 滚筒洗衣机 10公斤 静音', '不锈钢 保温']) {
      const full = suggestEvaluation(index, title, { threshold: 0 });
      const bare = suggestEvaluation(index, title, { threshold: 0, words: false });
      expect(bare?.matched).toEqual(full ? [] : undefined);
      expect(bare && { ...bare, matched: full?.matched, runnersUp: bare.runnersUp.map((r) => r.evaluationId) }).toEqual(
        full && { ...full, runnersUp: full.runnersUp.map((r) => r.evaluationId) },
      );
    }
  });
});
