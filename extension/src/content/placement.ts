/**
 * Where a badge goes inside a listing's card. Marketplace titles sit in fixed-height,
 * `overflow: hidden` or line-clamped boxes, often inside the listing's own link: a badge put there
 * is cut off, and a click on it is a click on the link. So the badge goes right after the
 * outermost box around the title that could clip it or that is a link, and never inside the
 * page's link. Decided from computed styles only (no layout is forced per badge).
 */
export interface Spot {
  place: 'append' | 'after';
  target: Element;
}

/** Whether `el`'s own box can cut off what is inside it. */
export function clips(el: Element): boolean {
  const s = getComputedStyle(el);
  if (s.overflowX !== 'visible' || s.overflowY !== 'visible') return true;
  const clamp = s.getPropertyValue('-webkit-line-clamp');
  return clamp !== '' && clamp !== 'none';
}

const isLink = (el: Element) => el.matches('a[href]');

/** Every link under `wrapper` is `card` or inside it: the wrapper holds this one listing only. */
function holdsOnly(wrapper: Element, card: Element): boolean {
  for (const a of wrapper.querySelectorAll('a[href]')) if (a !== card && !card.contains(a)) return false;
  return true;
}

/**
 * The spot for a badge about the listing whose title (or titled link) is `title`, in `card`
 * (`title` may be the card itself).
 */
export function spotFor(title: Element, card: Element): Spot {
  const cardInLink = isLink(card) || card.parentElement?.closest('a[href]') != null;
  if (cardInLink || clips(card)) {
    // The card is the link (Taobao's cards) or clips: after the card, inside its own wrapper.
    const wrapper = card.parentElement;
    if (wrapper && !wrapper.closest('a[href]') && !clips(wrapper) && holdsOnly(wrapper, card)) return { place: 'after', target: card };
    // No wrapper of its own (rare): inside the card, after everything; the badge's click handler
    // still keeps the link from being followed.
    return { place: 'append', target: card };
  }
  if (title === card) return { place: 'append', target: card };
  // The outermost box between the title and the card that is a link or clips: go after it.
  let outermost: Element | null = null;
  for (let el: Element | null = title; el && el !== card; el = el.parentElement) {
    if (isLink(el) || clips(el)) outermost = el;
  }
  return { place: 'after', target: outermost ?? title };
}
