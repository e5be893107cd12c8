import { describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_HREFS, parsePageRequest, parseVerifyRequest } from '../src/shared/messages.js';

describe('parseVerifyRequest: what a content script may ask', () => {
  const page = 'https://s.taobao.com/search?q=x';

  it('accepts a batch of raw hrefs per candidate, optional text, and the page item', () => {
    const items = [{ hrefs: ['https://item.jd.com/1.html', 'javascript:void(0)'] }, { hrefs: ['https://item.jd.com/2.html'], text: '浙江制造' }, { hrefs: [], page: true }];
    expect(parseVerifyRequest({ type: 'verify', page, items })).toEqual({ type: 'verify', page, items });
    // No items: only the question whether the page's own URL is a listing.
    expect(parseVerifyRequest({ type: 'verify', page, items: [] })).toEqual({ type: 'verify', page, items: [] });
  });

  it('rejects wrong shapes, extra fields, oversized batches and strings', () => {
    const ok = { hrefs: ['x'] };
    expect(parseVerifyRequest(null)).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: {} })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: [ok] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page: '', items: [ok] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page: 'p'.repeat(3000), items: [ok] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ url: 'x' }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: [1] }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: [''] }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: [] }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: ['x'], page: true }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: [], page: false }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: ['x'], extra: 1 }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: Array.from({ length: MAX_HREFS + 1 }, () => 'x') }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [ok], extra: true })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: Array.from({ length: MAX_BATCH + 1 }, () => ok) })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: ['x'.repeat(3000)] }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', page, items: [{ hrefs: ['x'], text: 'y'.repeat(5000) }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'status' })).toBeNull();
  });
});

describe('parsePageRequest: what the popup and options may ask', () => {
  it('accepts status, refresh and a bounded report', () => {
    expect(parsePageRequest({ type: 'status' })).toEqual({ type: 'status' });
    expect(parsePageRequest({ type: 'refresh' })).toEqual({ type: 'refresh' });
    expect(parsePageRequest({ type: 'report', listing: 'https://item.jd.com/1.html', reason: 'anything' })).toEqual({
      type: 'report',
      listing: 'https://item.jd.com/1.html',
      reason: 'unbacked-claim',
    });
  });

  it('rejects unknown types and bad reports', () => {
    expect(parsePageRequest({ type: 'verify', items: [] })).toBeNull();
    expect(parsePageRequest({ type: 'report', listing: '' })).toBeNull();
    expect(parsePageRequest({ type: 'report', listing: 'x', note: 'n'.repeat(2000) })).toBeNull();
  });
});
