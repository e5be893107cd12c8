import { Badge, type Locale, type PersonalMark, presentVerdict } from '@zjmade/badge';
import type { Verdict } from '@zjmade/sdk';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * The collapsed badge as an HTML string, made here in the service worker — which stays warm
 * between pages — so the content script only parses it once per look and clones it per badge.
 * Rendered by Preact's own string renderer, so it is exactly the markup `@zjmade/badge`'s `Badge`
 * renders, with every text and attribute value escaped by it.
 */

/** The HTML for a Preact element tree (what `Badge` renders collapsed). */
// biome-ignore lint/suspicious/noExplicitAny: any element tree (its props are not ours to constrain)
export function renderMarkup(tree: VNode<any>): string {
  return renderToString(tree);
}

export interface LookContext {
  locale: Locale;
  mark: PersonalMark;
  registryUrl: string;
}

/** Everything the collapsed badge's markup depends on (not the card's evidence). */
export function lookKey(verdict: Verdict, ctx: LookContext): string {
  const p = presentVerdict(verdict, { quiet: true });
  return `${verdict.status}|${p.tone}|${p.label}|${p.also ?? ''}|${p.sample}|${ctx.locale}|${ctx.mark.shape}|${ctx.mark.color}`;
}

const cache = new Map<string, string>();

/** The collapsed badge's look for `verdict`: its key and markup ('' when it draws nothing). */
export function collapsedLook(verdict: Verdict, ctx: LookContext): { key: string; html: string } {
  const key = lookKey(verdict, ctx);
  let html = cache.get(key);
  if (html === undefined) {
    html = renderMarkup(h(Badge, { verdict, locale: ctx.locale, personalMark: ctx.mark, quiet: true, theme: 'auto', registryUrl: ctx.registryUrl }));
    if (cache.size > 256) cache.clear();
    cache.set(key, html);
  }
  return { key, html };
}
