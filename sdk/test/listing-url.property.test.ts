import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseListingUrl } from '../src/listing-url.js';

// Written independently of the parser's table: the marketplace hosts DOMAIN.md names.
const HOSTS = new Set(
  (
    'detail.tmall.com detail.m.tmall.com chaoshi.detail.tmall.com detail.tmall.hk item.taobao.com ' +
    'h5.m.taobao.com a.m.taobao.com world.taobao.com shop.m.taobao.com item.jd.com item.m.jd.com ' +
    'item.jd.hk npcitem.jd.hk mall.jd.com shop.m.jd.com mobile.yangkeduo.com haohuo.jinritemai.com ' +
    'detail.1688.com m.1688.com product.suning.com m.suning.com detail.vip.com m.vip.com ' +
    'app.kwaixiaodian.com www.xiaohongshu.com xiaohongshu.com'
  ).split(' '),
);
const isMarketplaceHost = (host: string) =>
  HOSTS.has(host) || /^[a-z0-9-]+\.tmall\.com$/.test(host) || /^shop\d+\.taobao\.com$/.test(host);

const hostOf = (u: string) => {
  try {
    return new URL(u).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
};

const SEEDS = [
  'https://detail.tmall.com/item.htm?id=612345678901',
  'https://detail.tmall.hk/hk/item.htm?id=61234',
  'https://zjbrand.tmall.com/',
  'https://item.taobao.com/item.htm?id=700123',
  'https://a.m.taobao.com/i700123.htm',
  'https://shop105432.taobao.com/',
  'https://shop.m.taobao.com/shop/shop_index.htm?shop_id=105432',
  'https://item.jd.com/100012043978.html',
  'https://item.m.jd.com/ware/view.action?wareId=100012043978',
  'https://npcitem.jd.hk/100012043978.html',
  'https://mall.jd.com/index-1000001.html',
  'https://shop.m.jd.com/?shopId=1000001',
  'https://mobile.yangkeduo.com/goods.html?goods_id=3210',
  'https://haohuo.jinritemai.com/views/product/item2?product_id=3456',
  'https://detail.1688.com/offer/5566.html',
  'https://product.suning.com/0000000000/000000010606649859.html',
  'https://detail.vip.com/detail-1710613-6919876543.html',
  'https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=998877',
  'https://www.xiaohongshu.com/goods-detail/5f1a2b3c4d5e6f7a8b9c0d1e',
];

// Pieces an attacker (or a sloppy page) splices into URLs.
const PIECES = [
  '@', '@evil.com', '.evil.cn', 'evil.com/', '-', '.', '/', '//', ':', ':8080', '?', '&', '#', '=', '%', '%2e',
  '\\', ' ', '\t', '\n', '\u0000', 'xn--', 'і', '。', 'Ｊ', 'https://', 'http://', 'javascript:', '?u=', 'id=1',
  'id=', '0', '9', 'a', 'A', '.html', '.htm', 'tmall.com', 'jd.com', 'shop', '【', '」',
];

const mutation = fc.record({
  op: fc.constantFrom('insert', 'delete', 'replace'),
  at: fc.nat(),
  piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
});

function mutate(seed: string, ops: ReadonlyArray<{ op: string; at: number; piece: string }>): string {
  let s = seed;
  for (const { op, at, piece } of ops) {
    const i = at % (s.length + 1);
    if (op === 'insert') s = s.slice(0, i) + piece + s.slice(i);
    else if (op === 'delete') s = s.slice(0, i) + s.slice(i + 1 + (at % 3));
    else s = s.slice(0, i) + piece + s.slice(i + piece.length);
  }
  return s;
}

/** The invariant every result must satisfy, whatever the input. */
function checkInvariants(input: string): void {
  const ref = parseListingUrl(input);
  if (!ref) return;
  const refHost = hostOf(ref.url);
  expect(refHost && isMarketplaceHost(refHost)).toBe(true);
  expect(ref.url.startsWith('https://')).toBe(true);
  // An input that is itself an absolute URL can only name a listing on its own host.
  if (/^[a-z][a-z0-9+.-]*:\S*$/i.test(input.trim())) {
    const own = hostOf(input.trim());
    expect(own !== null && isMarketplaceHost(own)).toBe(true);
    expect(new URL(input.trim()).username).toBe('');
  }
  expect(ref.key).toMatch(/^[a-z0-9]+:(item|shop):[a-z0-9-]+$/);
}

describe('parseListingUrl properties', () => {
  it('random strings never throw and never give a non-marketplace ref', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl({ withQueryParameters: true, withFragments: true })), (s) => {
        checkInvariants(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated marketplace URLs never throw and never give a non-marketplace ref', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ops) => {
        checkInvariants(mutate(seed, ops));
      }),
      { numRuns: 4000 },
    );
  });

  it('a mutated host never keeps the seed key unless it is still a marketplace host', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.constantFrom(...PIECES), fc.nat(), (seed, piece, at) => {
        const u = new URL(seed);
        const i = at % (u.host.length + 1);
        const host = u.host.slice(0, i) + piece + u.host.slice(i);
        const input = `https://${host}${u.pathname}${u.search}`;
        const ref = parseListingUrl(input);
        // WHATWG drops tab, CR and LF anywhere in a URL; other white space ends a share-text token.
        const seen = /\s/.test(input.replace(/[\t\n\r]/g, '')) ? input.split(/\s/)[0]! : input.replace(/[\t\n\r]/g, '');
        if (ref) expect(isMarketplaceHost(hostOf(seen) ?? '')).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('every ref re-parses from its canonical url to the same ref', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 3 }), (seed, ops) => {
        const ref = parseListingUrl(mutate(seed, ops));
        if (!ref) return;
        const again = parseListingUrl(ref.url);
        expect(again?.key).toBe(ref.key);
        expect(again?.url).toBe(ref.url);
      }),
      { numRuns: 3000 },
    );
  });

  it('generated item ids round-trip on every numeric item form', () => {
    const forms = [
      'https://detail.tmall.com/item.htm?id=$',
      'https://item.taobao.com/item.htm?id=$',
      'https://a.m.taobao.com/i$.htm',
      'https://item.jd.com/$.html',
      'https://item.jd.hk/$.html',
      'https://mobile.yangkeduo.com/goods.html?goods_id=$',
      'https://haohuo.jinritemai.com/views/product/detail?id=$',
      'https://m.1688.com/offer/$.html',
      'https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=$',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...forms), fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }), (form, n) => {
        const ref = parseListingUrl(form.replace('$', String(n)));
        expect(ref?.id).toBe(String(n));
        expect(parseListingUrl(ref?.url ?? '')?.key).toBe(ref?.key);
      }),
      { numRuns: 1000 },
    );
  });
});
