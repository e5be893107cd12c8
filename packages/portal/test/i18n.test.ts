import { catalogueProblems } from '@zjmade/web-ui/i18n';
import { describe, expect, it } from 'vitest';
import { highlight } from '../src/format.js';
import { CATALOGUES, initialLang, translator } from '../src/i18n/index.js';

describe('catalogues', () => {
  it('have the same keys, no empty text, and the same placeholders in each language', () => {
    expect(catalogueProblems(CATALOGUES)).toEqual([]);
  });

  it('fill placeholders and leave a missing one visible', () => {
    const t = translator('zh-CN');
    expect(t('days.left', { days: 30 })).toBe('30 天');
    expect(t('days.left')).toBe('{days} 天');
  });

  it('start in Chinese unless the browser asks for another language first, and keep a stored choice', () => {
    expect(initialLang(null, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(initialLang(null, ['zh-TW'])).toBe('zh-CN');
    expect(initialLang(null, [])).toBe('zh-CN');
    expect(initialLang(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(initialLang('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(initialLang('fr', ['en-GB'])).toBe('en');
  });
});

describe('highlight', () => {
  it('marks each matched word case-insensitively, runs merged', () => {
    expect(highlight('阿克米 电热水壶 K-1 包邮', ['电热水壶', 'k-1'])).toEqual([
      { text: '阿克米 ', hit: false },
      { text: '电热水壶', hit: true },
      { text: ' ', hit: false },
      { text: 'K-1', hit: true },
      { text: ' 包邮', hit: false },
    ]);
  });

  it('leaves a title unmarked when the folded word is not written as such (traditional characters)', () => {
    expect(highlight('電熱水壺', ['电热水壶'])).toEqual([{ text: '電熱水壺', hit: false }]);
  });
});
