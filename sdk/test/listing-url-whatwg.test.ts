// Issue 10 (parser item): a whole URL's identity is where WHATWG URL resolution (a browser,
// `new URL`) leads, never a prefix cut where a share text would end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseListingUrl } from '../src/index.js';

const keyOf = (input: string) => parseListingUrl(input)?.key ?? null;

describe('parseListingUrl agrees with WHATWG URL resolution', () => {
  it.each([
    ['https://item.jd.com/8535927913762.html|/../100000000001.html', 'jd:item:100000000001'],
    ['https://item.jd.com/8535927913762.html^/../100000000001.html', 'jd:item:100000000001'],
    ['https://item.jd.com/8535927913762.html{/../100000000001.html', 'jd:item:100000000001'],
    ['https://item.jd.com/8535927913762.html\t/../100000000001.html', 'jd:item:100000000001'],
    ['https://item.jd.com/8535927913762.html\\..\\100000000001.html', 'jd:item:100000000001'],
    ['https://item.jd.com/8535927913762.htmlé/../100000000001.html', 'jd:item:100000000001'],
    ['https://a.m.taobao.com/i600000000001.htm|/../i600000000002.htm', 'taobao:item:600000000002'],
    ['https://world.taobao.com/item/600000000001.htm^/../600000000002.htm', 'taobao:item:600000000002'],
    ['https://a.m.taobao.com/i600000000001.htmé', null],
    ['https://item.jd.com/8535927913762.html|x', null],
  ])('%j → %s, as new URL() resolves it', (input, key) => {
    expect(keyOf(input)).toBe(key);
    expect(keyOf(new URL(input).href)).toBe(key);
  });

  it('keeps share-text extraction for text that is not a URL', () => {
    expect(keyOf('【京东】好物 https://item.jd.com/8535927913762.html 快来')).toBe('jd:item:8535927913762');
    // The extracted token is resolved as WHATWG would resolve it, too.
    expect(keyOf('看看 https://item.jd.com/8535927913762.html|/../100000000001.html 哦')).toBe('jd:item:100000000001');
    expect(keyOf('evil.com/?u=https://item.jd.com/1.html')).toBeNull();
  });

  it('ref(input) equals ref(new URL(input).href) whenever the latter parses (property)', () => {
    const seeds = [
      'https://item.jd.com/8535927913762.html',
      'https://detail.tmall.com/item.htm?id=612345678901',
      'https://a.m.taobao.com/i600000000001.htm',
      'https://world.taobao.com/item/600000000001.htm',
      'https://item.taobao.com/item.htm?id=600000000001',
      'https://mall.jd.com/index-1000001.html',
      'https://zjbrand.tmall.com/',
      '//item.jd.com/100000000001.html',
    ];
    const pieces = ['|', '^', '{', '}', '`', '"', '<', '>', '\t', '\n', '\\', '/../', '/..\\', '\\..\\', '/./', 'é', '%2e%2e/', '%2F', '1', '.html', '?id=2', '&id=2', '#', '/', 'i2.htm', '100000000001.html', ':'];
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.constantFrom(...pieces), fc.nat()), { maxLength: 4 }), (seed, ops) => {
        let input = seed;
        for (const [piece, at] of ops) {
          const i = 8 + (at % (input.length - 7));
          input = input.slice(0, i) + piece + input.slice(i);
        }
        let href: string;
        try {
          href = new URL(input.startsWith('//') ? `https:${input}` : input).href;
        } catch {
          return;
        }
        expect(keyOf(input), input).toBe(keyOf(href));
      }),
      { numRuns: 5000 },
    );
  });
});
