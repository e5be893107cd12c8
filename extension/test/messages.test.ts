import { describe, expect, it } from 'vitest';
import { MAX_BATCH, parsePageRequest, parseVerifyRequest } from '../src/shared/messages.js';

describe('parseVerifyRequest: what a content script may ask', () => {
  it('accepts a batch of listing URLs with optional text', () => {
    const req = parseVerifyRequest({ type: 'verify', items: [{ url: 'https://item.jd.com/1.html' }, { url: 'https://item.jd.com/2.html', text: '浙江制造' }] });
    expect(req).toEqual({ type: 'verify', items: [{ url: 'https://item.jd.com/1.html' }, { url: 'https://item.jd.com/2.html', text: '浙江制造' }] });
  });

  it('rejects wrong shapes, extra fields, oversized batches and strings', () => {
    expect(parseVerifyRequest(null)).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: [] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: [{ url: 1 }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: [{ url: 'x' }], extra: true })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: Array.from({ length: MAX_BATCH + 1 }, () => ({ url: 'x' })) })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: [{ url: 'x'.repeat(3000) }] })).toBeNull();
    expect(parseVerifyRequest({ type: 'verify', items: [{ url: 'x', text: 'y'.repeat(5000) }] })).toBeNull();
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
