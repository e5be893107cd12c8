import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { type Lang, LANGS, langName, useI18nShared } from './i18n.js';

export interface ShellProps<S extends string> {
  lang: Lang;
  onLang: (lang: Lang) => void;
  /** Who is signed in (shown beside the sign-out button); null before sign-in, with no nav. */
  account: ComponentChildren | null;
  onSignOut: () => void;
  /** The tabs, each a link to `hrefOf(screen)` named `label(screen)`. */
  nav: readonly S[];
  hrefOf: (screen: S) => string;
  label: (screen: S) => string;
  current: S | null;
  onNavigate: (screen: S) => void;
  mainRef: RefObject<HTMLElement | null>;
  children: ComponentChildren;
}

/** The page frame both apps share: skip link, brand, language switch, account, tabs, main. */
export function Shell<S extends string>(p: ShellProps<S>) {
  const { t } = useI18nShared();
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            品
          </span>
          <div>
            <div class="name">{t('app.title')}</div>
            <div class="muted small">{t('app.subtitle')}</div>
          </div>
        </div>
        <div class="tools">
          <label for="lang" class="sr-only">
            {t('lang.label')}
          </label>
          <select id="lang" value={p.lang} onChange={(e) => p.onLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            {LANGS.map((l) => (
              <option value={l} key={l} lang={l}>
                {langName(l)}
              </option>
            ))}
          </select>
          {p.account !== null ? (
            <>
              <span class="muted small account">{p.account}</span>
              <button type="button" class="secondary" onClick={p.onSignOut}>
                {t('nav.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      {p.account !== null ? (
        <nav class="tabs" aria-label={t('nav.label')}>
          {p.nav.map((s) => (
            <a
              key={s}
              href={p.hrefOf(s)}
              aria-current={p.current === s ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                p.onNavigate(s);
              }}
            >
              {p.label(s)}
            </a>
          ))}
        </nav>
      ) : null}
      <main id="main" ref={p.mainRef} tabIndex={-1}>
        {p.children}
      </main>
    </>
  );
}

/**
 * A new screen moves focus to its content, for keyboard and screen-reader users. With `skipFirst`
 * the first one leaves it at the top of the page, as any page load does, so the skip link comes first.
 */
export function useScreenFocus(main: RefObject<HTMLElement | null>, screen: unknown, skipFirst: boolean): void {
  const first = useRef(skipFirst);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [screen]);
}

/** The document's language and title follow the chosen language. */
export function useDocumentLang(lang: Lang, title: string): void {
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = title;
  }, [lang, title]);
}
