import { describe, expect, it } from 'vitest';
import { parseListingUrl } from '../src/listing-url.js';

type Row = [input: string, platform: string, kind: 'item' | 'shop', id: string, key: string, url: string];

// Every form in DOMAIN.md's "Listing URLs" table, plus the mobile variants the table implies.
const FORMS: Row[] = [
  // Tmall items share Taobao's id space.
  ['https://detail.tmall.com/item.htm?id=612345678901', 'tmall', 'item', '612345678901', 'taobao:item:612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://detail.m.tmall.com/item.htm?id=612345678901', 'tmall', 'item', '612345678901', 'taobao:item:612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://chaoshi.detail.tmall.com/item.htm?id=612345678901', 'tmall', 'item', '612345678901', 'taobao:item:612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://detail.tmall.hk/hk/item.htm?id=612345678901', 'tmall', 'item', '612345678901', 'taobao:item:612345678901', 'https://detail.tmall.com/item.htm?id=612345678901'],
  ['https://zjbrand.tmall.com/', 'tmall', 'shop', 'zjbrand', 'tmall:shop:zjbrand', 'https://zjbrand.tmall.com/'],
  ['https://zj-brand2.tmall.com/shop/view_shop.htm?spm=a1z10', 'tmall', 'shop', 'zj-brand2', 'tmall:shop:zj-brand2', 'https://zj-brand2.tmall.com/'],
  // Taobao
  ['https://item.taobao.com/item.htm?id=700123', 'taobao', 'item', '700123', 'taobao:item:700123', 'https://item.taobao.com/item.htm?id=700123'],
  ['https://h5.m.taobao.com/awp/core/detail.htm?id=700123', 'taobao', 'item', '700123', 'taobao:item:700123', 'https://item.taobao.com/item.htm?id=700123'],
  ['https://a.m.taobao.com/i700123.htm', 'taobao', 'item', '700123', 'taobao:item:700123', 'https://item.taobao.com/item.htm?id=700123'],
  ['https://world.taobao.com/item/700123.htm', 'taobao', 'item', '700123', 'taobao:item:700123', 'https://item.taobao.com/item.htm?id=700123'],
  ['https://shop105432.taobao.com/', 'taobao', 'shop', '105432', 'taobao:shop:105432', 'https://shop105432.taobao.com/'],
  ['https://shop.m.taobao.com/shop/shop_index.htm?shop_id=105432', 'taobao', 'shop', '105432', 'taobao:shop:105432', 'https://shop105432.taobao.com/'],
  // JD and JD International share one id space.
  ['https://item.jd.com/100012043978.html', 'jd', 'item', '100012043978', 'jd:item:100012043978', 'https://item.jd.com/100012043978.html'],
  ['https://item.m.jd.com/product/100012043978.html', 'jd', 'item', '100012043978', 'jd:item:100012043978', 'https://item.jd.com/100012043978.html'],
  ['https://item.m.jd.com/ware/view.action?wareId=100012043978', 'jd', 'item', '100012043978', 'jd:item:100012043978', 'https://item.jd.com/100012043978.html'],
  ['https://item.jd.hk/100012043978.html', 'jd', 'item', '100012043978', 'jd:item:100012043978', 'https://item.jd.hk/100012043978.html'],
  ['https://npcitem.jd.hk/100012043978.html', 'jd', 'item', '100012043978', 'jd:item:100012043978', 'https://item.jd.hk/100012043978.html'],
  ['https://mall.jd.com/index-1000001.html', 'jd', 'shop', '1000001', 'jd:shop:1000001', 'https://mall.jd.com/index-1000001.html'],
  ['https://shop.m.jd.com/?shopId=1000001', 'jd', 'shop', '1000001', 'jd:shop:1000001', 'https://mall.jd.com/index-1000001.html'],
  // Pinduoduo
  ['https://mobile.yangkeduo.com/goods.html?goods_id=3210', 'pinduoduo', 'item', '3210', 'pinduoduo:item:3210', 'https://mobile.yangkeduo.com/goods.html?goods_id=3210'],
  ['https://mobile.yangkeduo.com/mall_page.html?mall_id=77', 'pinduoduo', 'shop', '77', 'pinduoduo:shop:77', 'https://mobile.yangkeduo.com/mall_page.html?mall_id=77'],
  // Douyin
  ['https://haohuo.jinritemai.com/views/product/item2?id=3456', 'douyin', 'item', '3456', 'douyin:item:3456', 'https://haohuo.jinritemai.com/views/product/item2?id=3456'],
  ['https://haohuo.jinritemai.com/views/product/item2?product_id=3456', 'douyin', 'item', '3456', 'douyin:item:3456', 'https://haohuo.jinritemai.com/views/product/item2?id=3456'],
  ['https://haohuo.jinritemai.com/views/product/detail?id=3456', 'douyin', 'item', '3456', 'douyin:item:3456', 'https://haohuo.jinritemai.com/views/product/item2?id=3456'],
  ['https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3456', 'douyin', 'item', '3456', 'douyin:item:3456', 'https://haohuo.jinritemai.com/views/product/item2?id=3456'],
  // 1688
  ['https://detail.1688.com/offer/5566.html', '1688', 'item', '5566', '1688:item:5566', 'https://detail.1688.com/offer/5566.html'],
  ['https://m.1688.com/offer/5566.html', '1688', 'item', '5566', '1688:item:5566', 'https://detail.1688.com/offer/5566.html'],
  // Suning: the supplier is part of the id, leading zeros kept.
  ['https://product.suning.com/0000000000/000000010606649859.html', 'suning', 'item', '0000000000-000000010606649859', 'suning:item:0000000000-000000010606649859', 'https://product.suning.com/0000000000/000000010606649859.html'],
  ['https://m.suning.com/product/0070123456/11223344.html', 'suning', 'item', '0070123456-11223344', 'suning:item:0070123456-11223344', 'https://product.suning.com/0070123456/11223344.html'],
  // VIP.com
  ['https://detail.vip.com/detail-1710613-6919876543.html', 'vip', 'item', '6919876543', 'vip:item:6919876543', 'https://detail.vip.com/detail-1710613-6919876543.html'],
  ['https://m.vip.com/product-1710613-6919876543.html', 'vip', 'item', '6919876543', 'vip:item:6919876543', 'https://detail.vip.com/detail-1710613-6919876543.html'],
  // Kuaishou
  ['https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=998877', 'kuaishou', 'item', '998877', 'kuaishou:item:998877', 'https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=998877'],
  // Xiaohongshu: ids lower-cased hex.
  ['https://www.xiaohongshu.com/goods-detail/5F1A2B3C4D5E6F7A8B9C0D1E', 'xiaohongshu', 'item', '5f1a2b3c4d5e6f7a8b9c0d1e', 'xiaohongshu:item:5f1a2b3c4d5e6f7a8b9c0d1e', 'https://www.xiaohongshu.com/goods-detail/5f1a2b3c4d5e6f7a8b9c0d1e'],
];

describe('parseListingUrl: every platform form', () => {
  it.each(FORMS)('%s', (input, platform, kind, id, key, url) => {
    expect(parseListingUrl(input)).toEqual({ platform, kind, id, key, url });
  });

  it.each(FORMS)('with tracking params, fragment, upper-case host, trailing dot: %s', (input, _p, _k, _i, key) => {
    const u = new URL(input);
    const host = `${u.hostname.toUpperCase()}.`;
    const sep = u.search ? '&' : '?';
    const noisy = `http://${host}${u.pathname}${u.search}${sep}spm=a21n57.1.0.0&utm_source=wx&scm=1007#detail-top`;
    expect(parseListingUrl(noisy)?.key).toBe(key);
  });

  it.each(FORMS)('protocol-relative and default port: %s', (input, _p, _k, _i, key) => {
    expect(parseListingUrl(input.replace('https:', ''))?.key).toBe(key);
    const u = new URL(input);
    expect(parseListingUrl(`https://${u.host}:443${u.pathname}${u.search}`)?.key).toBe(key);
  });

  it.each(FORMS)('inside a share text: %s', (input, _p, _k, _i, key) => {
    expect(parseListingUrl(`【淘宝】限时特惠 ${input} 「浙江制造 保温杯 316不锈钢」点击链接直接打开`)?.key).toBe(key);
    expect(parseListingUrl(`复制这条信息，${input}，打开手机淘宝`)?.key).toBe(key);
    expect(parseListingUrl(`  ${input}\n`)?.key).toBe(key);
  });

  it('accepts a bare host/path as the whole input', () => {
    expect(parseListingUrl('item.jd.com/100012043978.html')?.key).toBe('jd:item:100012043978');
    expect(parseListingUrl('detail.tmall.com/item.htm?id=1')?.key).toBe('taobao:item:1');
  });
});

describe('parseListingUrl: key equality', () => {
  it('Tmall and Taobao items with the same id share a key; platform stays the one given', () => {
    const t = parseListingUrl('https://detail.tmall.com/item.htm?id=1');
    const b = parseListingUrl('https://item.taobao.com/item.htm?id=1');
    expect(t?.key).toBe('taobao:item:1');
    expect(b?.key).toBe(t?.key);
    expect(t?.platform).toBe('tmall');
    expect(b?.platform).toBe('taobao');
  });

  it('JD desktop, mobile and international forms share a key', () => {
    const keys = [
      'https://item.jd.com/42.html',
      'https://item.m.jd.com/product/42.html',
      'https://item.m.jd.com/ware/view.action?wareId=42',
      'https://item.jd.hk/42.html',
      '//npcitem.jd.hk/42.html',
    ].map((u) => parseListingUrl(u)?.key);
    expect(new Set(keys)).toEqual(new Set(['jd:item:42']));
  });

  it('leading zeros do not make a second key (Suning aside)', () => {
    expect(parseListingUrl('https://item.jd.com/0042.html')?.key).toBe('jd:item:42');
    expect(parseListingUrl('https://item.taobao.com/item.htm?id=007')?.key).toBe('taobao:item:7');
  });

  it('a repeated but identical id parameter is fine', () => {
    expect(parseListingUrl('https://item.taobao.com/item.htm?id=5&id=5')?.key).toBe('taobao:item:5');
  });

  it('shop keys are per platform', () => {
    expect(parseListingUrl('https://shop9.taobao.com/')?.key).toBe('taobao:shop:9');
    expect(parseListingUrl('https://mall.jd.com/index-9.html')?.key).toBe('jd:shop:9');
    expect(parseListingUrl('https://mobile.yangkeduo.com/mall_page.html?mall_id=9')?.key).toBe('pinduoduo:shop:9');
    expect(parseListingUrl('https://ABC.TMALL.COM./')?.key).toBe('tmall:shop:abc');
  });
});

const HOSTILE: string[] = [
  '',
  '   ',
  'not a url',
  'https://',
  'https://detail.tmall.com/item.htm',
  'https://detail.tmall.com/item.htm?id=',
  'https://detail.tmall.com/item.htm?id=abc',
  'https://detail.tmall.com/item.htm?id=0',
  'https://detail.tmall.com/item.htm?id=1e5',
  'https://detail.tmall.com/item.htm?id=-1',
  'https://detail.tmall.com/item.htm?id=123456789012345678901',
  'https://detail.tmall.com/item.htm?id=1&id=2',
  'https://haohuo.jinritemai.com/views/product/item2?id=1&product_id=2',
  'https://item.jd.com/abc.html',
  'https://item.jd.com/.html',
  'https://item.jd.com/%31.html',
  'https://item.jd.com/1.html/x',
  'https://www.xiaohongshu.com/goods-detail/5f1a2b3c4d5e6f7a8b9c0d1',
  'https://www.xiaohongshu.com/goods-detail/5f1a2b3c4d5e6f7a8b9c0d1g',
  // userinfo
  'http://item.jd.com@evil.com/1.html',
  'https://item.jd.com@evil.com/1.html',
  'http://user@item.jd.com/1.html',
  'http://user:pw@item.jd.com/1.html',
  'https://:pw@item.jd.com/1.html',
  // lookalikes
  'https://detail.tmall.com.evil.cn/item.htm?id=1',
  'https://item-jd.com/1.html',
  'https://itemjd.com/1.html',
  'https://item.jd.com.cn/1.html',
  'https://evilitem.jd.com/1.html',
  'https://item.jd.co/1.html',
  'https://іtem.jd.com/1.html', // Cyrillic і
  'https://xn--tem-ysd.jd.com/1.html',
  'https://xn--80ak6aa92e.tmall.com/',
  'https://detai1.tmall.com.evil/item.htm?id=1',
  'https://shop12a.taobao.com/',
  'https://shop.taobao.com/',
  'https://shop1.taobao.com.evil.cn/',
  'https://x.shop1.taobao.com/',
  'https://a.b.tmall.com/',
  'https://-bad.tmall.com/',
  'https://tmall.com/',
  'https://evil.com/detail.tmall.com/item.htm?id=1',
  // buried in another URL
  'evil.com/?u=https://item.jd.com/1.html',
  'https://evil.com/?u=https://item.jd.com/1.html',
  'https://evil.com/#https://item.jd.com/1.html',
  '//evil.com/?u=//item.jd.com/1.html',
  'https://evil.com/https://item.jd.com/1.html',
  '看这个 evil.com/?u=https://item.jd.com/1.html',
  '看这个 https://evil.com/r?to=https%3A%2F%2Fitem.jd.com%2F1.html 和 https://item.jd.com/2.html',
  'xhttps://item.jd.com/1.html',
  // schemes
  'javascript:alert(1)//item.jd.com/1.html',
  'javascript://item.jd.com/%0aalert(1)',
  'data:text/html,https://item.jd.com/1.html',
  'ftp://item.jd.com/1.html',
  'file:///item.jd.com/1.html',
  'ws://item.jd.com/1.html',
  // ports
  'https://item.jd.com:8443/1.html',
  'http://item.jd.com:443/1.html',
  // search pages and home pages
  'https://s.taobao.com/search?q=%E4%BF%9D%E6%B8%A9%E6%9D%AF&id=1',
  'https://search.jd.com/Search?keyword=abc',
  'https://list.tmall.com/search_product.htm?q=abc&id=1',
  'https://www.tmall.com/',
  'https://www.taobao.com/',
  'https://www.jd.com/',
  'https://jd.com/1.html',
  'https://pages.tmall.com/wow/a/act/tmall/tmc/123',
  'https://chaoshi.tmall.com/',
  'https://detail.tmall.com/',
  'https://item.taobao.com/',
  'https://mobile.yangkeduo.com/',
  'https://mobile.yangkeduo.com/search_result.html?search_key=x&goods_id=1',
  'https://www.xiaohongshu.com/explore',
  // short links need a redirect: not listings by themselves
  'https://m.tb.cn/h.5ABCDE',
  'https://u.jd.com/AbCdEf',
  'https://3.cn/1-abc',
  'https://v.douyin.com/abcd/',
  'https://xhslink.com/a/abcd',
];

describe('parseListingUrl: hostile and non-listing inputs', () => {
  it.each(HOSTILE)('null for %s', (input) => {
    expect(parseListingUrl(input)).toBeNull();
  });

  it('null (not a throw) for non-string input', () => {
    expect(parseListingUrl(undefined as unknown as string)).toBeNull();
    expect(parseListingUrl(42 as unknown as string)).toBeNull();
    expect(parseListingUrl({ toString: () => 'https://item.jd.com/1.html' } as unknown as string)).toBeNull();
  });

  it('only the first URL of a share text counts', () => {
    expect(parseListingUrl('先看 https://evil.com/x 再看 https://item.jd.com/1.html')).toBeNull();
    expect(parseListingUrl('先看 https://item.jd.com/1.html 再看 https://item.jd.com/2.html')?.key).toBe('jd:item:1');
  });

  it('a 1 MB hostile string is refused without scanning all of it', () => {
    expect(parseListingUrl(`https://item.jd.com/1.html?x=${'a'.repeat(1 << 20)}`)).toBeNull();
    expect(parseListingUrl('://'.repeat(350_000))).toBeNull();
    expect(parseListingUrl(`${'浙'.repeat(1 << 20)} https://item.jd.com/1.html`)).toBeNull();
    // A listing URL within the scanned window of a long text is still found.
    expect(parseListingUrl(`https://item.jd.com/1.html ${'字'.repeat(1 << 20)}`)?.key).toBe('jd:item:1');
  });
});

describe('parseListingUrl: hosts cut short in text', () => {
  it.each([
    'https://zjbrand.tmall.comі.evil.cn/',
    'https://zjbrand.tmall.com\u0000.evil.cn/',
    'https://zjbrand.tmall.com^.evil.cn/',
    '看 https://shop12.taobao.com店铺',
  ])('null for %j', (input) => {
    expect(parseListingUrl(input)).toBeNull();
  });

  it('a URL glued to text after its path still counts', () => {
    // A whole URL is read as WHATWG reads it (issue 10): the id is `55「标题」`, not a listing.
    expect(parseListingUrl('https://item.taobao.com/item.htm?id=55「标题」')).toBeNull();
    expect(parseListingUrl('分享 https://item.taobao.com/item.htm?id=55「标题」')?.key).toBe('taobao:item:55');
    expect(parseListingUrl('https://zjbrand.tmall.com/店铺')?.key).toBe('tmall:shop:zjbrand');
    expect(parseListingUrl('<a href="https://zjbrand.tmall.com/">')?.key).toBe('tmall:shop:zjbrand');
    expect(parseListingUrl('see https://item.jd.com/1.html.')?.key).toBe('jd:item:1');
  });

  it('a host followed by anything but white space is not that host', () => {
    expect(parseListingUrl('"https://zjbrand.tmall.com"')).toBeNull();
    expect(parseListingUrl('http://zjbrand.tmall.com"@evil.com/')).toBeNull();
    expect(parseListingUrl('https://zjbrand.tmall.com!')).toBeNull();
    expect(parseListingUrl('店铺 https://zjbrand.tmall.com 欢迎')?.key).toBe('tmall:shop:zjbrand');
  });
});
