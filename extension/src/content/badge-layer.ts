import { Badge, type BadgeProps, badgeCss, type Locale, type PersonalMark } from '@zjmade/badge';
import type { Verdict } from '@zjmade/sdk';
import { h, render } from 'preact';
import type { Candidate } from './candidates.js';

/**
 * Badges in closed shadow roots. A page shows dozens of badges and the shopper opens few, so a
 * collapsed badge is a clone of the markup `@zjmade/badge`'s own `Badge` renders — made by the
 * service worker, parsed here once per distinct look — and the Preact component is mounted into
 * a root only when its card is opened (click, keyboard or hover). A badge's own listeners are
 * added on its first interaction (see `delegate`), not when it is drawn.
 */

export interface RenderContext {
  locale: Locale;
  mark: PersonalMark;
  registryUrl: string;
}

/** One drawn badge and what it stands for; kept only in the content script's own memory. */
export interface BadgeEntry {
  candidate: Candidate;
  host: HTMLElement;
  verdict: Verdict;
  /** Internal: the closed root, the context it was drawn with, and whether Preact owns it now. */
  readonly root: ShadowRoot;
  ctx: RenderContext;
  live: boolean;
  /** Times this badge was put back after the page removed it (bounded). */
  redraws: number;
  /** Taken down by us (pause, a reused link, a new page): never put back. */
  retired?: true;
}

const HOVER_OPEN_MS = 350;
/**
 * The host's own box, from inside its root: `!important` in a shadow tree's `:host` rule wins over
 * the page's rules and inline styles, even `!important` ones, and it is parsed once per page
 * instead of once per badge (an inline `all:` expands to every property).
 */
const HOST_CSS = ':host{all:initial!important;display:inline-block!important;vertical-align:middle!important;margin:0 4px!important;position:relative!important}';
/**
 * Cards are narrow and a long label ("Certified maker’s store · product not registered") would run
 * into the next card: in a page the badge never grows wider than its container and wraps instead.
 */
const FIT_CSS = ':host{max-width:100%!important}.zj{max-width:100%}.b{white-space:normal}';
const SHEET_CSS = `${HOST_CSS}\n${badgeCss}\n${FIT_CSS}`;

/** Hosts we created: mutations on them are ours, and the page cannot add to this set. */
const ownHosts = new WeakSet<Element>();

export function isOwnHost(el: Element): boolean {
  return ownHosts.has(el);
}

let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * One constructed stylesheet adopted by every badge root: the CSS is parsed once per page. Falls
 * back to a <style> element where a content script cannot adopt sheets (kept last in the root so
 * Preact, which owns the badge markup, never treats it as its own).
 */
function styleRoot(root: ShadowRoot): HTMLStyleElement | null {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(SHEET_CSS);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      root.adoptedStyleSheets = [sharedSheet];
      return null;
    } catch {
      sharedSheet = null;
    }
  }
  const style = document.createElement('style');
  style.textContent = SHEET_CSS;
  return style;
}

function propsOf(verdict: Verdict, ctx: RenderContext): BadgeProps {
  return { verdict, locale: ctx.locale, personalMark: ctx.mark, quiet: true, theme: 'auto', registryUrl: ctx.registryUrl };
}

/** The collapsed badge per look, already in this document: each badge is a same-document clone. */
const templates = new Map<string, Node | null>();

/**
 * Takes the looks of a background answer: markup our own service worker made (escaped there)
 * from the verdict's presentation and the user's mark, parsed once per look — all new looks of
 * an answer in one parse, each look's markup being one element.
 */
export function addLooks(looks: Readonly<Record<string, string>>): void {
  if (templates.size > 64) templates.clear();
  const keys = Object.keys(looks).filter((key) => !templates.has(key));
  if (keys.length === 0) return;
  // An inert document of its own (no scripts run, nothing loads), never `innerHTML` on the page's.
  const parse = (html: string) => {
    const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    return [...parsed.body.children].map((el) => document.importNode(el, true));
  };
  const parsed = parse(keys.map((key) => looks[key]).join(''));
  const aligned = parsed.length === keys.length;
  keys.forEach((key, i) => {
    templates.set(key, (aligned ? parsed[i] : parse(looks[key]!)[0]) ?? null);
  });
}

/** A fresh copy of the collapsed badge for `look` (null: the verdict draws nothing). */
function collapsed(look: string | null): Node | null {
  const template = look ? templates.get(look) : null;
  return template ? template.cloneNode(true) : null;
}

function styleOf(root: ShadowRoot): HTMLStyleElement | null {
  const last = root.lastElementChild;
  return last instanceof HTMLStyleElement ? last : null;
}

/** Hands the root to the Preact `Badge` (keeping focus semantics): from now on it is live. */
function goLive(entry: BadgeEntry): void {
  if (entry.live) return;
  const style = styleOf(entry.root);
  entry.root.replaceChildren();
  render(h(Badge, propsOf(entry.verdict, entry.ctx)), entry.root);
  if (style) entry.root.append(style);
  entry.live = true;
}

/** Opens the card as a click on the badge would. */
function openCard(entry: BadgeEntry): void {
  goLive(entry);
  const button = entry.root.querySelector('button');
  if (button && button.getAttribute('aria-expanded') !== 'true') button.click();
}

/**
 * Clicks inside the badge must not follow the listing link the badge sits in, nor reach the page's
 * own click handlers; links inside the card still work. The first click or Enter/Space on a
 * collapsed badge brings the component in and opens the card.
 */
function wire(entry: BadgeEntry): void {
  const { root, host } = entry;
  root.addEventListener('click', (e) => {
    // Only a link of our own card (inside this root) may be followed. The path goes on past the
    // root to the page's ancestors, which may include the listing's own <a>: that one never counts,
    // or a click on the badge would open the product as well as the card.
    const path = e.composedPath();
    const ours = path.slice(0, Math.max(0, path.indexOf(root)));
    if (!ours.some((n) => n instanceof HTMLAnchorElement)) e.preventDefault();
    e.stopPropagation();
    if (!entry.live) openCard(entry);
  });
  root.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (entry.live || (key !== 'Enter' && key !== ' ')) return;
    e.preventDefault();
    openCard(entry);
  });
  // Hover opens the card after a short pause, like a tooltip.
  let timer = 0;
  host.addEventListener('mouseenter', () => {
    timer = window.setTimeout(() => openCard(entry), HOVER_OPEN_MS);
  });
  host.addEventListener('mouseleave', () => window.clearTimeout(timer));
}

/** Badges not yet wired, by host. */
const unwired = new WeakMap<EventTarget, BadgeEntry>();
let delegating = false;
let lifeSignal: AbortSignal | undefined;

/** The content script's lifecycle: the delegated window listeners end with it. */
export function bindBadgeLifecycle(signal: AbortSignal): void {
  lifeSignal = signal;
  signal.addEventListener('abort', () => {
    delegating = false;
  }, { once: true });
}

/**
 * One set of capturing listeners on the window (in the content script's world, so the page
 * cannot see or remove them) wires a badge when an event first heads for it: a pointer over it,
 * focus into it, a click or a key. Listeners added to the root and host during that dispatch still
 * run for the same event, since each node's listeners are taken when the event reaches it; the
 * first hover's `mouseenter` comes after `pointerover`.
 */
function delegate(): void {
  if (delegating || lifeSignal?.aborted) return;
  delegating = true;
  const onFirst = (e: Event) => {
    let entry = e.target ? unwired.get(e.target) : undefined;
    if (!entry) {
      for (const node of e.composedPath()) {
        entry = unwired.get(node);
        if (entry) break;
      }
    }
    if (!entry) return;
    unwired.delete(entry.host);
    wire(entry);
  };
  const options: AddEventListenerOptions = lifeSignal ? { capture: true, signal: lifeSignal } : { capture: true };
  for (const type of ['pointerover', 'focusin', 'click', 'keydown']) window.addEventListener(type, onFirst, options);
}

/**
 * The badge's text is in the badge's language, not the page's: the shadow tree takes its language
 * from the host, and browsers pick fallback fonts by language. On a `lang="zh-CN"` page Firefox
 * set the English label's ’ (U+2019) in a CJK font, full width ("maker’ s"); with `lang="en"` it
 * takes a Latin font, as Chromium did anyway.
 */
function setLanguage(host: HTMLElement, ctx: RenderContext): void {
  if (host.lang !== ctx.locale) host.lang = ctx.locale;
}

/** Draws a badge for `candidate`; the host enters the page once, fully built. */
export function drawBadge(candidate: Candidate, verdict: Verdict, look: string | null, ctx: RenderContext): BadgeEntry {
  const host = document.createElement('span');
  ownHosts.add(host);
  setLanguage(host, ctx);
  // Closed: page scripts get `host.shadowRoot === null` and cannot read or restyle the badge.
  const root = host.attachShadow({ mode: 'closed' });
  const style = styleRoot(root);
  const badge = collapsed(look);
  if (badge) root.append(badge);
  if (style) root.append(style);
  const entry: BadgeEntry = { candidate, host, verdict, root, ctx, live: false, redraws: 0 };
  delegate();
  unwired.set(host, entry);
  // A verdict with nothing to say (an unregistered listing, by default) puts nothing on the page;
  // the entry stays so a later answer (a new snapshot, "mark everything") can still draw it.
  if (badge) placeHost(entry);
  return entry;
}

/** Puts the badge's host at its spot (again, after a page removed it). */
export function placeHost(entry: BadgeEntry): void {
  const { candidate, host } = entry;
  if (candidate.place === 'append') candidate.target.append(host);
  else candidate.target.after(host);
}

/** Whether the badge shows something (an empty look draws no host). */
export function hasLook(entry: BadgeEntry): boolean {
  return entry.root.firstElementChild !== null && !(entry.root.firstElementChild instanceof HTMLStyleElement);
}

export function updateBadge(entry: BadgeEntry, verdict: Verdict, look: string | null, ctx: RenderContext): void {
  entry.verdict = verdict;
  entry.ctx = ctx;
  setLanguage(entry.host, ctx);
  if (entry.live) {
    render(h(Badge, propsOf(verdict, ctx)), entry.root);
    return;
  }
  const style = styleOf(entry.root);
  const badge = collapsed(look);
  entry.root.replaceChildren(...(badge ? [badge] : []), ...(style ? [style] : []));
  if (badge && !entry.host.isConnected && entry.candidate.target.isConnected) placeHost(entry);
  else if (!badge) entry.host.remove();
}

export function removeBadge(entry: BadgeEntry): void {
  entry.retired = true;
  if (entry.live) render(null, entry.root);
  entry.host.remove();
}
