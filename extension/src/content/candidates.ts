import { MAX_HREFS, MAX_TEXT_LENGTH, MAX_URL_LENGTH } from '../shared/messages.js';
import { spotFor } from './placement.js';
import type { SiteAdapter } from './site-adapters.js';

/**
 * A place on the page that may be a listing, and where its badge would go. The content script
 * does not parse URLs: the background decides with `parseListingUrl` which of `hrefs`, if any,
 * is the listing (see `VerifyItem`).
 */
export interface Candidate {
  /** Raw hrefs, in page order: the card's links, then the URL its id attribute stands for. */
  hrefs: string[];
  /** The page's own listing (detail and shop pages). */
  page?: true;
  text: string;
  /** The element the candidate was found by (anchor or id-carrying element). */
  source: Element;
  /** The listing's card, when the site has cards. */
  card: Element | null;
  /** The id-carrying element inside the card, if any. */
  carrier?: Element | null;
  /** Append the badge inside `target`, or put it right after it. */
  place: 'append' | 'after';
  target: Element;
}

/** Compiled selectors for one adapter, so each scan joins nothing. */
export interface CompiledAdapter {
  adapter: SiteAdapter;
  anchors: string;
  titles: string;
  idSelectors: string;
}

export function compileAdapter(adapter: SiteAdapter): CompiledAdapter {
  return {
    adapter,
    anchors: adapter.anchors.join(','),
    titles: adapter.cardTitles.join(','),
    idSelectors: adapter.idAttributes.map((a) => a.selector).join(','),
  };
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TEXT_LENGTH ? t.slice(0, MAX_TEXT_LENGTH) : t;
}

function hasText(el: Element): boolean {
  return (el.textContent ?? '').trim().length > 0;
}

/**
 * Tracks which elements were handled: each anchor once, each card once (a card's image link and
 * title link are one listing).
 */
export class SeenSet {
  anchors = new WeakSet<Element>();
  cards = new WeakSet<Element>();
}

/** The card around an anchor: the adapter's card selectors in priority order, not nearest-first. */
function cardOf(adapter: SiteAdapter, anchor: Element): Element | null {
  for (const selector of adapter.cards) {
    const card = anchor.closest(selector);
    if (card) return card;
  }
  return null;
}

function placeInCard(c: CompiledAdapter, card: Element, anchor: Element | null): { place: 'append' | 'after'; target: Element; text: string } {
  // Each element's text is read once: `textContent` walks its subtree and copies the string.
  const title = c.titles ? card.querySelector(c.titles) : null;
  const titleText = title ? clip(title.textContent ?? '') : '';
  if (title && titleText) return { ...spotFor(title, card), text: titleText };
  const anchorText = anchor ? clip(anchor.textContent ?? '') : '';
  if (anchor && anchorText) return { ...spotFor(anchor, card), text: anchorText };
  return { ...spotFor(card, card), text: clip(card.textContent ?? '') };
}

function hrefOf(anchor: Element): string | null {
  const href = (anchor as HTMLAnchorElement).href;
  return typeof href === 'string' && href.length > 0 && href.length <= MAX_URL_LENGTH ? href : null;
}

/** The URL an id-carrying element stands for, by its adapter rule; null without a plain id. */
function idUrl(c: CompiledAdapter, el: Element): string | null {
  const rule = c.adapter.idAttributes.find((r) => el.matches(r.selector));
  const id = rule ? el.getAttribute(rule.attribute) : null;
  return rule && id && /^\d{1,20}$/.test(id) ? rule.url.replace('{id}', id) : null;
}

/**
 * Places under `root` that may be listings: cards (all their links' hrefs, then their id
 * attribute's URL) and, outside cards, links with text. Each anchor is looked at once and each
 * card claimed once; the background says which are listings, and the controller releases the
 * cards that were not.
 */
export function collectCandidates(c: CompiledAdapter, root: ParentNode, seen: SeenSet, isOwn: (el: Element) => boolean): Candidate[] {
  const out: Candidate[] = [];
  const byCard = new Map<Element, Candidate>();
  const anchors: Element[] = [];
  if (root instanceof Element && root.matches(c.anchors)) anchors.push(root);
  for (const a of root.querySelectorAll(c.anchors)) anchors.push(a);
  const inCards = c.adapter.placement === 'in-card';
  for (const anchor of anchors) {
    if (seen.anchors.has(anchor) || isOwn(anchor)) continue;
    seen.anchors.add(anchor);
    const href = hrefOf(anchor);
    if (!href) continue;
    const card = inCards ? cardOf(c.adapter, anchor) : null;
    if (card) {
      const open = byCard.get(card);
      if (open) {
        if (open.hrefs.length < MAX_HREFS - 1 && !open.hrefs.includes(href)) open.hrefs.push(href);
        continue;
      }
      if (seen.cards.has(card)) continue;
      seen.cards.add(card);
      const carrier = c.idSelectors ? anchor.closest(c.idSelectors) : null;
      if (carrier) seen.cards.add(carrier);
      const candidate: Candidate = { hrefs: [href], source: anchor, card, carrier, ...placeInCard(c, card, anchor) };
      byCard.set(card, candidate);
      out.push(candidate);
    } else {
      // An image-only link next to a titled one: badge the titled one.
      if (!hasText(anchor)) continue;
      out.push({ hrefs: [href], source: anchor, card: null, place: 'after', target: anchor, text: clip(anchor.textContent ?? '') });
    }
  }
  // A card whose links are not listings may still carry a listing id.
  for (const candidate of byCard.values()) {
    const url = candidate.carrier ? idUrl(c, candidate.carrier) : null;
    if (url && !candidate.hrefs.includes(url)) candidate.hrefs.push(url);
  }
  if (c.idSelectors) {
    const carriers: Element[] = [];
    if (root instanceof Element && root.matches(c.idSelectors)) carriers.push(root);
    for (const el of root.querySelectorAll(c.idSelectors)) carriers.push(el);
    for (const el of carriers) {
      if (seen.cards.has(el) || isOwn(el)) continue;
      // Variant thumbnails inside a card carry ids too; the card already speaks for them.
      const outer = el.parentElement?.closest(c.idSelectors);
      if (outer && seen.cards.has(outer)) {
        seen.cards.add(el);
        continue;
      }
      const url = idUrl(c, el);
      if (!url) continue;
      seen.cards.add(el);
      out.push({ hrefs: [url], source: el, card: el, carrier: el, ...placeInCard(c, el, null) });
    }
  }
  return out;
}

/** Gives back the cards of candidates that turned out not to be listings, for later passes. */
export function releaseCandidate(seen: SeenSet, candidate: Candidate): void {
  if (candidate.card) seen.cards.delete(candidate.card);
  if (candidate.carrier) seen.cards.delete(candidate.carrier);
}

/**
 * The page's own listing (detail pages, shop home pages), badged next to its title: the title
 * element, if the page has one; whether the page's URL is a listing the background decides.
 */
export function pageCandidate(c: CompiledAdapter): Candidate | null {
  for (const selector of c.adapter.detailTitles) {
    const title = document.querySelector(selector);
    // After the title block, never inside a clamped title box.
    if (title && hasText(title)) return { hrefs: [], page: true, source: title, card: null, ...spotFor(title, title.parentElement ?? document.body), text: clip(title.textContent ?? '') };
  }
  return null;
}
