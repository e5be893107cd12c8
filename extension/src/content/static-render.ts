import type { ComponentChild } from 'preact';

/**
 * Turns a Preact element tree into plain DOM, once, with no diffing, state, effects or event
 * handlers: enough for markup that only has to be shown (the collapsed badge), and a fraction of
 * the cost of Preact's renderer on a page that has just loaded and has none of it compiled yet.
 * Attribute rules follow Preact's for what the badge uses: `false` drops an attribute except
 * `aria-*`/`data-*`, `null`/`undefined` drop it, functions (handlers) and refs are skipped.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

interface ElementLike {
  type: unknown;
  props: Record<string, unknown> & { children?: ComponentChild };
}

type Renderable = { render(): ComponentChild };
type ComponentClass = new (props: Record<string, unknown>) => Renderable;
type ComponentFn = (props: Record<string, unknown>) => ComponentChild;

function isElement(node: unknown): node is ElementLike {
  return typeof node === 'object' && node !== null && 'type' in node && 'props' in node;
}

function isClass(type: unknown): type is ComponentClass {
  return typeof type === 'function' && typeof (type.prototype as { render?: unknown } | undefined)?.render === 'function';
}

function setAttributes(el: Element, props: ElementLike['props']): void {
  for (const name in props) {
    if (name === 'children' || name === 'key' || name === 'ref') continue;
    const value = props[name];
    if (value === null || value === undefined || typeof value === 'function') continue;
    if (value === false && name[4] !== '-') continue;
    el.setAttribute(name === 'className' ? 'class' : name, String(value));
  }
}

function append(parent: ParentNode, node: ComponentChild, svg: boolean): void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') {
    parent.append(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) append(parent, child as ComponentChild, svg);
    return;
  }
  if (!isElement(node)) return;
  const { type, props } = node;
  if (isClass(type)) {
    append(parent, new type(props).render(), svg);
    return;
  }
  if (typeof type === 'function') {
    append(parent, (type as ComponentFn)(props), svg);
    return;
  }
  if (typeof type !== 'string') return;
  const inSvg = svg || type === 'svg';
  const el = inSvg ? document.createElementNS(SVG_NS, type) : document.createElement(type);
  setAttributes(el, props);
  append(el, props.children, inSvg);
  parent.append(el);
}

/** The DOM for `tree` in a fragment. */
export function renderStatic(tree: ComponentChild): DocumentFragment {
  const fragment = document.createDocumentFragment();
  append(fragment, tree, false);
  return fragment;
}
