import { type Catalogues, I18nContext, type I18n as I18nOf, i18nOf, type Lang, loadLang as loadFrom, saveLang as saveTo, type Translate as TranslateOf, translatorOf, useLangChoice as useLangChoiceOf } from '@zjmade/web-ui/i18n';
import type { WebhookKey } from '@zjmade/web-ui/webhooks';
import { useContext } from 'preact/hooks';
import { en } from './en.js';
import { type MessageKey, zhCN } from './zh-CN.js';

export { I18nContext, LANGS, type Lang, initialLang, langName } from '@zjmade/web-ui/i18n';
export type { MessageKey };
export type Translate = TranslateOf<MessageKey>;
export type I18n = I18nOf<MessageKey>;
// The catalogues hold the shared screens' texts too (the webhooks screen's among them).
export const CATALOGUES: Catalogues<MessageKey | WebhookKey> = { 'zh-CN': zhCN, en };
const STORED = 'zjmade-console-lang';

export const translator = (lang: Lang): Translate => translatorOf(CATALOGUES, lang);
export const i18nFor = (lang: Lang) => i18nOf(CATALOGUES, lang);
/** The shared context, read with this app's message keys. */
export const useI18n = (): I18n => useContext(I18nContext);
export const loadLang = (): Lang => loadFrom(STORED);
export const saveLang = (lang: Lang): void => saveTo(STORED, lang);
/** The page's language, its provider value and the switch (kept under this app's storage key). */
export const useLangChoice = () => useLangChoiceOf(STORED, CATALOGUES);
