import { describe, expect, it } from 'vitest';
import { PageListing } from '../src/content/page-listing.js';

describe('the page-is-a-listing state machine', () => {
  it('asks once per URL, looks for the title only on a listing page until found, and re-asks after a lost request', () => {
    const p = new PageListing();
    expect(p.follow('https://detail.tmall.com/item.htm?id=1')).toBe(true);
    expect(p.follow('https://detail.tmall.com/item.htm?id=1')).toBe(false);
    expect(p.needsAsking).toBe(true);
    expect(p.shouldLookForTitle).toBe(false);
    p.sent('https://detail.tmall.com/item.htm?id=1');
    expect(p.needsAsking).toBe(false);
    p.lost('https://detail.tmall.com/item.htm?id=1', false);
    expect(p.needsAsking).toBe(true);
    p.sent('https://detail.tmall.com/item.htm?id=1');
    expect(p.answered('https://detail.tmall.com/item.htm?id=1', true)).toBe(true);
    expect(p.shouldLookForTitle).toBe(true);
    p.foundTitle();
    expect(p.shouldLookForTitle).toBe(false);
    // An answer for an old URL changes nothing; a new URL starts over.
    expect(p.follow('https://s.taobao.com/search?q=x')).toBe(true);
    expect(p.answered('https://detail.tmall.com/item.htm?id=1', true)).toBe(false);
    expect(p.answered('https://s.taobao.com/search?q=x', false)).toBe(false);
    expect(p.needsAsking).toBe(false);
    expect(p.shouldLookForTitle).toBe(false);
    p.reset();
    expect(p.follow('https://s.taobao.com/search?q=x')).toBe(true);
  });
});
