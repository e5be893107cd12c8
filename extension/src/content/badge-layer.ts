import { Badge, type BadgeProps, badgeCss, type Locale, type PersonalMark } from '@zjmade/badge';
import { h, render } from 'preact';
import type { Verdict } from '@zjmade/sdk';
import type { Candidate } from './candidates.js';

interface MountedBadge {
  readonly shadowRoot: ShadowRoot;
  update(props: BadgeProps): void;
  unmount(): void;
}

let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * One constructed stylesheet shared by every badge on the page: parsing the badge CSS once instead
 * of once per shadow root is most of the drawing cost. Falls back to a <style> element where
 * content scripts cannot adopt sheets.
 */
function styleRoot(root: ShadowRoot): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(badgeCss);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      root.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = document.createElement('style');
  style.textContent = badgeCss;
  root.append(style);
}

/** `@zjmade/badge`'s Badge in a CLOSED shadow root of `host`. */
function mountClosed(host: HTMLElement, props: BadgeProps): MountedBadge {
  const shadowRoot = host.attachShadow({ mode: 'closed' });
  styleRoot(shadowRoot);
  const update = (next: BadgeProps) => render(h(Badge, next), shadowRoot);
  update(props);
  return { shadowRoot, update, unmount: () => render(null, shadowRoot) };
}

/** One drawn badge and what it stands for; kept only in the content script's own memory. */
export interface BadgeEntry {
  candidate: Candidate;
  host: HTMLElement;
  mounted: MountedBadge;
  verdict: Verdict;
}

export interface RenderContext {
  locale: Locale;
  mark: PersonalMark;
  registryUrl: string;
}

const HOVER_OPEN_MS = 350;

/** Hosts we created: mutations on them are ours, and the page cannot add to this set. */
const ownHosts = new WeakSet<Element>();

export function isOwnHost(el: Element): boolean {
  return ownHosts.has(el);
}

function propsOf(verdict: Verdict, ctx: RenderContext): BadgeProps {
  return { verdict, locale: ctx.locale, personalMark: ctx.mark, quiet: true, theme: 'auto', registryUrl: ctx.registryUrl };
}

/**
 * Clicks inside the badge must not follow the listing link the badge sits in, nor reach the page's
 * own click handlers; links inside the card still work.
 */
function isolateClicks(root: ShadowRoot): void {
  root.addEventListener('click', (e) => {
    const onLink = e.composedPath().some((n) => n instanceof HTMLAnchorElement);
    if (!onLink) e.preventDefault();
    e.stopPropagation();
  });
}

/** Hover opens the card after a short pause, like a tooltip; click and keyboard open it at once. */
function openOnHover(host: HTMLElement, root: ShadowRoot): void {
  let timer = 0;
  host.addEventListener('mouseenter', () => {
    timer = window.setTimeout(() => {
      const button = root.querySelector('button');
      if (button && button.getAttribute('aria-expanded') !== 'true') button.click();
    }, HOVER_OPEN_MS);
  });
  host.addEventListener('mouseleave', () => window.clearTimeout(timer));
}

export function drawBadge(candidate: Candidate, verdict: Verdict, ctx: RenderContext): BadgeEntry {
  const host = document.createElement('span');
  ownHosts.add(host);
  host.style.cssText = 'all:initial;display:inline-block;vertical-align:middle;margin:0 4px;position:relative';
  if (candidate.place === 'append') candidate.target.append(host);
  else candidate.target.after(host);
  // Closed: page scripts get `host.shadowRoot === null` and cannot read or restyle the badge.
  const mounted = mountClosed(host, propsOf(verdict, ctx));
  isolateClicks(mounted.shadowRoot);
  openOnHover(host, mounted.shadowRoot);
  return { candidate, host, mounted, verdict };
}

export function updateBadge(entry: BadgeEntry, verdict: Verdict, ctx: RenderContext): void {
  entry.verdict = verdict;
  entry.mounted.update(propsOf(verdict, ctx));
}

export function removeBadge(entry: BadgeEntry): void {
  entry.mounted.unmount();
  entry.host.remove();
}
