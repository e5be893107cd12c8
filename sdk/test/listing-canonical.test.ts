import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalKeyProblem } from '../src/listing-canonical.js';
import { parseListingUrl } from '../src/listing-url.js';

// One URL of every form the parser reads (listing-url.test.ts has the full table).
const FORMS = [
  (id: string) => `https://detail.tmall.com/item.htm?id=${id}`,
  (id: string) => `https://detail.tmall.hk/hk/item.htm?id=${id}`,
  (id: string) => `https://a.m.taobao.com/i${id}.htm`,
  (id: string) => `https://world.taobao.com/item/${id}.htm`,
  (id: string) => `https://shop${id}.taobao.com/`,
  (id: string) => `https://shop.m.taobao.com/shop/shop_index.htm?shop_id=${id}`,
  (id: string) => `https://item.m.jd.com/ware/view.action?wareId=${id}`,
  (id: string) => `https://npcitem.jd.hk/${id}.html`,
  (id: string) => `https://shop.m.jd.com/?shopId=${id}`,
  (id: string) => `https://mobile.yangkeduo.com/goods2.html?goods_id=${id}`,
  (id: string) => `https://mobile.yangkeduo.com/mall_page.html?mall_id=${id}`,
  (id: string) => `https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?product_id=${id}`,
  (id: string) => `https://m.1688.com/offer/${id}.html`,
  (id: string) => `https://m.suning.com/product/00701${id.padStart(5, '0').slice(-5)}/${id}.html`,
  (id: string) => `https://m.vip.com/product-42-${id}.html`,
  (id: string) => `https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=${id}`,
];

describe('canonicalKeyProblem (publisher): a key is canonical when a URL of it parses back to it', () => {
  it('every key the parser gives, from any URL form, is canonical', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMS), fc.stringMatching(/^\d{1,20}$/), (form, id) => {
        const ref = parseListingUrl(form(id));
        if (ref) expect(canonicalKeyProblem(ref.key, ref.kind), ref.key).toBeNull();
      }),
      { numRuns: 2000 },
    );
    for (const u of ['https://zj-brand2.tmall.com/', 'https://www.xiaohongshu.com/goods-detail/5F1A2B3C4D5E6F7A8B9C0D1E', 'https://product.suning.com/0000000000/000000010606649859.html']) {
      const ref = parseListingUrl(u)!;
      expect(canonicalKeyProblem(ref.key, ref.kind), u).toBeNull();
    }
  });

  it('names the canonical key of a key written differently, and refuses what no URL gives', () => {
    expect(canonicalKeyProblem('taobao:item:007', 'item')).toBe("not canonical: the same listing's key is taobao:item:7");
    expect(canonicalKeyProblem('xiaohongshu:item:5F1A2B3C4D5E6F7A8B9C0D1E', 'item')).toBe("not canonical: the same listing's key is xiaohongshu:item:5f1a2b3c4d5e6f7a8b9c0d1e");
    expect(canonicalKeyProblem('tmall:shop:Acme', 'shop')).toBe("not canonical: the same listing's key is tmall:shop:acme");
    expect(canonicalKeyProblem('jd:item:abc', 'item')).toBe('no jd item URL has the id "abc"');
    expect(canonicalKeyProblem('suning:item:123', 'item')).toBe('no suning item URL has the id "123"');
    expect(canonicalKeyProblem('tmall:shop:www', 'shop')).toBe('no tmall shop URL has the id "www"');
    expect(canonicalKeyProblem('tmall:item:1', 'item')).toBe('not a item key (expected {platform}:item:{id})');
    expect(canonicalKeyProblem('jd:shop:1', 'item')).toBe('not a item key (expected {platform}:item:{id})');
    // Platforms whose shops have no URL form: known by id alone.
    expect(canonicalKeyProblem('douyin:shop:anything', 'shop')).toBeNull();
    expect(canonicalKeyProblem('vip:item:6919876543', 'item')).toBeNull();
  });
});
