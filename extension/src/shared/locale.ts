import { type Locale, pickLocale } from '@zjmade/badge';
import browser from 'webextension-polyfill';
import type { LanguageSetting } from './settings.js';

/** The language setting wins; `auto` follows the browser's UI language. */
export function resolveLocale(setting: LanguageSetting): Locale {
  if (setting !== 'auto') return setting;
  return pickLocale(browser.i18n.getUILanguage());
}
