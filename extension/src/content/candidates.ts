import { type ListingRef, parseListingUrl } from '@zjmade/sdk';
import { MAX_TEXT_LENGTH } from '../shared/messages.js';
import type { SiteAdapter } from './site-adapters.js';

/** A listing found on the page and where its badge will go. */
export interface Candidate {
  ref: ListingRef;
  text: string;
  /** The element the listing was found by (anchor or id-carrying element). */
  source: Element;
  /** The listing's card, when the site has cards. */
  card: Element | null;
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

const parseCache = new Map<string, ListingRef | null>();

/** `parseListingUrl` with a cache: a page repeats the same hrefs (image link, title link). */
export function parseCached(url: string): ListingRef | null {
  let ref = parseCache.get(url);
  if (ref === undefined) {
    ref = parseListingUrl(url);
    if (parseCache.size > 5000) parseCache.clear();
    parseCache.set(url, ref);
  }
  return ref;
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
  const title = c.titles ? card.querySelector(c.titles) : null;
  if (title && hasText(title)) return { place: 'append', target: title, text: clip(title.textContent ?? '') };
  if (anchor && hasText(anchor)) return { place: 'after', target: anchor, text: clip(anchor.textContent ?? '') };
  return { place: 'append', target: card, text: clip(card.textContent ?? '') };
}

/**
 * Listings under `root`: by link href (through `parseListingUrl`) and by stable id attributes
 * (`data-sku`). `skipKey` is the page's own listing, which detail pages link to repeatedly.
 */
export function collectCandidates(c: CompiledAdapter, root: ParentNode, seen: SeenSet, skipKey: string | null, isOwn: (el: Element) => boolean): Candidate[] {
  const out: Candidate[] = [];
  const anchors: Element[] = [];
  if (root instanceof Element && root.matches(c.anchors)) anchors.push(root);
  for (const a of root.querySelectorAll(c.anchors)) anchors.push(a);
  for (const anchor of anchors) {
    if (seen.anchors.has(anchor) || isOwn(anchor)) continue;
    seen.anchors.add(anchor);
    const href = (anchor as HTMLAnchorElement).href;
    if (typeof href !== 'string' || href.length === 0 || href.length > 2048) continue;
    const ref = parseCached(href);
    if (ref?.kind !== 'item' || ref.key === skipKey) continue;
    const card = c.adapter.placement === 'in-card' ? cardOf(c.adapter, anchor) : null;
    if (card) {
      if (seen.cards.has(card)) continue;
      seen.cards.add(card);
      const carrier = c.idSelectors ? anchor.closest(c.idSelectors) : null;
      if (carrier) seen.cards.add(carrier);
      out.push({ ref, source: anchor, card, ...placeInCard(c, card, anchor) });
    } else {
      // An image-only link next to a titled one: badge the titled one.
      if (!hasText(anchor)) continue;
      out.push({ ref, source: anchor, card: null, place: 'after', target: anchor, text: clip(anchor.textContent ?? '') });
    }
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
      const rule = c.adapter.idAttributes.find((r) => el.matches(r.selector));
      const id = rule ? el.getAttribute(rule.attribute) : null;
      if (!rule || !id || !/^\d{1,20}$/.test(id)) continue;
      seen.cards.add(el);
      const ref = parseCached(rule.url.replace('{id}', id));
      if (!ref || ref.key === skipKey) continue;
      out.push({ ref, source: el, card: el, ...placeInCard(c, el, null) });
    }
  }
  return out;
}

/** The page's own listing (detail pages, shop home pages), badged next to its title. */
export function pageCandidate(c: CompiledAdapter, href: string): Candidate | null {
  const ref = parseListingUrl(href);
  if (!ref) return null;
  for (const selector of c.adapter.detailTitles) {
    const title = document.querySelector(selector);
    if (title && hasText(title)) return { ref, source: title, card: null, place: 'append', target: title, text: clip(title.textContent ?? '') };
  }
  return null;
}
