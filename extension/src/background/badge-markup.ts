import { Badge, type Locale, type PersonalMark, presentVerdict } from '@zjmade/badge';
import type { Verdict } from '@zjmade/sdk';
import { type ComponentChild, h } from 'preact';

/**
 * The collapsed badge as an HTML string, made here in the service worker — which stays warm
 * between pages — so the content script only parses it once per look and clones it per badge.
 * It is the markup `@zjmade/badge`'s `Badge` renders (same attribute rules as Preact: `false`
 * drops an attribute except `aria-*`/`data-*`, `null`/`undefined` drop it, handlers and refs are
 * skipped); every text and attribute value is escaped.
 */

interface ElementLike {
  type: unknown;
  props: Record<string, unknown> & { children?: ComponentChild };
}
type Renderable = { render(): ComponentChild };
type ComponentClass = new (props: Record<string, unknown>) => Renderable;
type ComponentFn = (props: Record<string, unknown>) => ComponentChild;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function isElement(node: unknown): node is ElementLike {
  return typeof node === 'object' && node !== null && 'type' in node && 'props' in node;
}

function isClass(type: unknown): type is ComponentClass {
  return typeof type === 'function' && typeof (type.prototype as { render?: unknown } | undefined)?.render === 'function';
}

function attributes(props: ElementLike['props']): string {
  let out = '';
  for (const name in props) {
    if (name === 'children' || name === 'key' || name === 'ref') continue;
    const value = props[name];
    if (value === null || value === undefined || typeof value === 'function') continue;
    if (value === false && name[4] !== '-') continue;
    if (!/^[A-Za-z][\w:-]*$/.test(name)) continue;
    out += ` ${name === 'className' ? 'class' : name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

function markup(node: ComponentChild): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return escapeText(String(node));
  if (Array.isArray(node)) return node.map((child) => markup(child as ComponentChild)).join('');
  if (!isElement(node)) return '';
  const { type, props } = node;
  if (isClass(type)) return markup(new type(props).render());
  if (typeof type === 'function') return markup((type as ComponentFn)(props));
  if (typeof type !== 'string' || !/^[a-z][a-z0-9-]*$/i.test(type)) return '';
  const open = `<${type}${attributes(props)}>`;
  return VOID.has(type) ? open : `${open}${markup(props.children)}</${type}>`;
}

/** The HTML for a Preact element tree (what `Badge` renders collapsed). */
export function renderMarkup(tree: ComponentChild): string {
  return markup(tree);
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
