import { createContext } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';

// The i18n runtime of both apps. Each app brings its catalogues (zh-CN first, the same keys in
// English) and the localStorage key its language choice is kept under; the context is one, so the
// shared screens and error box read the same texts as the app's own screens.

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** The texts the shared pieces (sign-in, accept, error box, shell) look up in an app's catalogues. */
export type SharedKey =
  | 'app.title'
  | 'app.subtitle'
  | 'app.skip'
  | 'lang.label'
  | 'nav.label'
  | 'nav.signOut'
  | 'signIn.title'
  | 'signIn.email'
  | 'signIn.password'
  | 'signIn.submit'
  | 'signIn.forgot'
  | 'accept.title'
  | 'accept.intro'
  | 'accept.password'
  | 'accept.confirm'
  | 'accept.hint'
  | 'accept.submit'
  | 'accept.mismatch'
  | 'accept.noToken'
  | 'common.working'
  | 'error.unknown'
  | 'error.field';

export type Translate<K extends string = string> = (key: K, vars?: Record<string, string | number>) => string;

export interface I18n<K extends string = string> {
  lang: Lang;
  t: Translate<K>;
  /** Whether the catalogue has a text for `key` (problem codes the app may not know). */
  has: (key: string) => boolean;
  /** Numbers and dates in the page's language. */
  num: (n: number) => string;
  pct: (share: number) => string;
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

/** `{name}` placeholders filled from `vars`; a missing one stays visible rather than vanishing. */
function fill(text: string, vars: Record<string, string | number> | undefined): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

const EMPTY: I18n = { lang: 'zh-CN', t: (key) => key, has: () => false, num: String, pct: String };

/** The one context the app's provider fills and every screen, shared or not, reads. */
export const I18nContext = createContext<I18n>(EMPTY);

/** The context as the shared pieces read it: keys unchecked, as each app's catalogue differs. */
export const useI18nShared = (): I18n => useContext(I18nContext);

/** An app's catalogues: each has the shared pieces' texts besides the app's own. */
export type Catalogues<K extends string> = Record<Lang, Record<K | SharedKey, string>>;

export function translatorOf<K extends string>(catalogues: Catalogues<K>, lang: Lang): Translate<K> {
  const cat = catalogues[lang];
  return (key, vars) => fill(cat[key], vars);
}

/** The provider's value for `lang`; the app's typed `useI18n` reads it back with its own keys. */
export function i18nOf<K extends string>(catalogues: Catalogues<K>, lang: Lang): I18n {
  const cat: Record<string, string> = catalogues[lang];
  const nf = new Intl.NumberFormat(lang);
  const pf = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  return { lang, t: (key, vars) => fill(cat[key] ?? key, vars), has: (key) => key in cat, num: (n) => nf.format(n), pct: (s) => pf.format(s) };
}

/** The language kept under `storageKey` (one per app), else the browser's. */
export function loadLang(storageKey: string): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    // Storage blocked: the browser's language decides.
  }
  return initialLang(stored, navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function saveLang(storageKey: string, lang: Lang): void {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // Not kept across visits; the switch still applies now.
  }
}

/** The page's language (stored under `storageKey`), its provider value, and the switch. */
export function useLangChoice<K extends string>(storageKey: string, catalogues: Catalogues<K>): { lang: Lang; i18n: I18n; switchLang: (lang: Lang) => void } {
  const [lang, setLang] = useState<Lang>(() => loadLang(storageKey));
  const i18n = useMemo(() => i18nOf(catalogues, lang), [lang]);
  const switchLang = (l: Lang) => {
    saveLang(storageKey, l);
    setLang(l);
  };
  return { lang, i18n, switchLang };
}

/** What an app's catalogue lacks or holds empty, and placeholders that differ between languages. */
export function catalogueProblems<K extends string>(catalogues: Catalogues<K>): string[] {
  const out: string[] = [];
  const marks = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const zh: Record<string, string> = catalogues['zh-CN'];
  const en: Record<string, string> = catalogues.en;
  for (const key of new Set([...Object.keys(zh), ...Object.keys(en)])) {
    const a = zh[key];
    const b = en[key];
    if (a === undefined || b === undefined) out.push(`${key}: missing in ${a === undefined ? 'zh-CN' : 'en'}`);
    else if (!a.trim() || !b.trim()) out.push(`${key}: empty`);
    else if (marks(a) !== marks(b)) out.push(`${key}: placeholders differ`);
  }
  return out;
}
