import type { Locale } from '@zjmade/badge';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';

/**
 * The popup's and options page's strings, straight from `_locales` so there is one source. Read
 * here rather than through `browser.i18n.getMessage`, which follows the browser's language and
 * would ignore the user's language setting.
 */
export type UiKey = keyof typeof en;

const tables: Record<Locale, Record<string, { message: string; placeholders?: Record<string, { content: string }> }>> = {
  en,
  'zh-CN': zh,
};

export function ui(locale: Locale, key: UiKey, ...subs: Array<string | number>): string {
  const entry = tables[locale][key] ?? tables.en[key];
  if (!entry) return key;
  let text = entry.message;
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
    const index = Number(ph.content.slice(1)) - 1;
    text = text.replaceAll(`$${name.toUpperCase()}$`, String(subs[index] ?? ''));
  }
  return text;
}
