import { describe, expect, it } from 'vitest';
import { catalogueProblems, i18nOf, initialLang, translatorOf } from '../src/i18n.js';
import { screenAt } from '../src/router.js';

const SCREENS = ['home', 'a', 'b'] as const;

describe('router', () => {
  it('reads the screen after the base path; the base and unknown paths give the root', () => {
    expect(screenAt('/app/a', '/app/', SCREENS, 'home')).toBe('a');
    expect(screenAt('/app/b/', '/app/', SCREENS, 'home')).toBe('b');
    expect(screenAt('/app/', '/app/', SCREENS, 'home')).toBe('home');
    expect(screenAt('/app/zz', '/app/', SCREENS, null)).toBeNull();
    expect(screenAt('/elsewhere/a', '/app/', SCREENS, null)).toBeNull();
  });
});

describe('i18n runtime', () => {
  const shared = {
    'app.title': '',
    'app.subtitle': '',
    'app.skip': '',
    'lang.label': '',
    'nav.label': '',
    'nav.signOut': '',
    'signIn.title': '',
    'signIn.email': '',
    'signIn.password': '',
    'signIn.submit': '',
    'signIn.forgot': '',
    'accept.title': '',
    'accept.intro': '',
    'accept.password': '',
    'accept.confirm': '',
    'accept.hint': '',
    'accept.submit': '',
    'accept.mismatch': '',
    'accept.noToken': '',
    'common.working': '',
    'error.unknown': '请求失败（HTTP {status}）',
    'error.field': '',
  };
  const cats = { 'zh-CN': { ...shared, 'x.days': '{days} 天' }, en: { ...shared, 'x.days': '{days} days' } };

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translatorOf(cats, 'zh-CN')('x.days', { days: 30 })).toBe('30 天');
    expect(translatorOf(cats, 'en')('x.days')).toBe('{days} days');
  });

  it('says which keys the catalogue has (problem codes it may not know)', () => {
    const i18n = i18nOf(cats, 'zh-CN');
    expect(i18n.has('error.unknown')).toBe(true);
    expect(i18n.has('error.teapot')).toBe(false);
    expect(i18n.t('error.unknown', { status: 418 })).toBe('请求失败（HTTP 418）');
  });

  it('starts in Chinese unless the browser asks for another language first, and keeps a stored choice', () => {
    expect(initialLang(null, ['zh-TW'])).toBe('zh-CN');
    expect(initialLang(null, [])).toBe('zh-CN');
    expect(initialLang(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(initialLang('zh-CN', ['en-US'])).toBe('zh-CN');
  });
});

describe('catalogue check', () => {
  it('names missing, empty and mismatched texts', () => {
    const zh = { 'app.title': '门户', 'x.n': '{n} 个', 'x.gone': '有' } as Record<string, string>;
    const en = { 'app.title': ' ', 'x.n': '{count} items' } as Record<string, string>;
    expect(catalogueProblems({ 'zh-CN': zh, en } as never).sort()).toEqual(['app.title: empty', 'x.gone: missing in en', 'x.n: placeholders differ']);
  });
});
