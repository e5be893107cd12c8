import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en.js';
import { type Catalogue, type MessageKey, zhCN } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const CATALOGUES: Record<Lang, Catalogue> = { 'zh-CN': zhCN, en };
const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };
const STORED = 'zjmade-console-lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `{name}` placeholders filled from `vars`; a missing one stays visible rather than vanishing. */
export function translator(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, vars) => cat[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

export function langName(lang: Lang): string {
  return LANG_NAMES[lang];
}

/** The stored choice, else Chinese for a Chinese (or unknown) browser, else English. */
export function initialLang(stored: string | null, languages: readonly string[]): Lang {
  if (stored === 'zh-CN' || stored === 'en') return stored;
  const first = languages[0]?.toLowerCase();
  if (!first || first.startsWith('zh')) return 'zh-CN';
  return 'en';
}

export function loadLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORED);
  } catch {
    // Storage blocked: the browser's language decides.
  }
  return initialLang(stored, navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORED, lang);
  } catch {
    // Not kept across visits; the switch still applies now.
  }
}

export interface I18n {
  lang: Lang;
  t: Translate;
  /** Numbers and dates in the page's language. */
  num: (n: number) => string;
  pct: (share: number) => string;
}

export function i18nFor(lang: Lang): I18n {
  const nf = new Intl.NumberFormat(lang);
  const pf = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  return { lang, t: translator(lang), num: (n) => nf.format(n), pct: (s) => pf.format(s) };
}

export const I18nContext = createContext<I18n>(i18nFor('zh-CN'));
export const useI18n = (): I18n => useContext(I18nContext);
