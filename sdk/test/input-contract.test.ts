// One input contract for every verify: the client's, the snapshot verifier's and verifyListing
// accept a URL, a share text, a listing key, a ref, or `{ url | key, text? }`, with one key
// grammar (refFromKey). Property: the ref of any input equals the ref of its canonical key form.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryView, type ListingInput, listingOf, openSnapshot, refFromKey, type SnapshotVerifier, verifyListing } from '../src/index.js';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '../src/publisher.js';
import { data, testClient, useMockServer } from './client-support.js';

const mock = useMockServer();
const AT = '2026-05-01';

/** Each form of one item of the test registry (taobao:item:1001, verified) and of its shop. */
const ITEM_FORMS: ListingInput[] = [
  'taobao:item:1001',
  'https://detail.tmall.com/item.htm?id=1001',
  'https://item.taobao.com/item.htm?id=0001001',
  '【淘宝】保温杯 https://item.taobao.com/item.htm?id=1001 点击链接直接打开',
  { key: 'taobao:item:1001' },
  { url: 'https://detail.tmall.com/item.htm?id=1001' },
  { url: 'taobao:item:1001' },
  { key: 'taobao:item:1001', text: '浙江制造 品字标' },
  { listing: 'https://detail.tmall.com/item.htm?id=1001' },
  refFromKey('taobao:item:1001')!,
];

let verifier: SnapshotVerifier;
beforeAll(async () => {
  const g = await generateSigningKey('k1');
  const key = await importSigningKey(g.privateJwk);
  const file = await signSnapshot(encodeSnapshot(data, { sequence: 1, issuedAt: '2026-05-01T00:00:00+08:00', expiresAt: '2099-01-01T00:00:00+08:00' }), key);
  verifier = await openSnapshot(file, { trustedKeys: [g.publicJwk] });
});

describe('one input contract', () => {
  it('every form names the same listing, in the snapshot verifier, verifyListing and the client', async () => {
    const view = createMemoryView(data);
    const local = ITEM_FORMS.map((input) => verifier.verify(input, { at: AT }));
    expect(local.map((v) => v.status)).toEqual(ITEM_FORMS.map(() => 'verified'));
    expect(local.map((v) => v.key)).toEqual(ITEM_FORMS.map(() => 'taobao:item:1001'));
    expect(ITEM_FORMS.map((input) => verifyListing(input, view, { at: AT }).status)).toEqual(ITEM_FORMS.map(() => 'verified'));
    expect(verifier.verifyMany(ITEM_FORMS, { at: AT }).map((v) => v.status)).toEqual(ITEM_FORMS.map(() => 'verified'));

    const registry = mock.registry();
    const { client } = testClient({ cache: false });
    const online = await client.verify(ITEM_FORMS, { at: AT });
    expect(online.map((v) => v.status)).toEqual(ITEM_FORMS.map(() => 'verified'));
    // Only keys travel: one per distinct listing, never a URL or the text.
    const sent = registry.requests.filter((r) => r.path === '/v1/verify').flatMap((r) => (r.body as { listings: { key: string }[] }).listings.map((l) => Object.keys(l).join()));
    expect(new Set(sent)).toEqual(new Set(['key']));
  });

  it("a bare key is a listing (verifier.verify('jd:item:1') used to answer invalid-listing)", () => {
    const v = verifier.verify('jd:item:1', { at: AT });
    expect(v.status).toBe('not-found');
    expect(v.key).toBe('jd:item:1');
  });

  it('the text goes with the input: its own text wins over the call option', () => {
    const own = verifier.verify({ key: 'taobao:item:1002', text: '浙江制造' }, { at: AT, text: '' });
    expect(own.claims.length).toBeGreaterThan(0);
    expect(verifier.verify('taobao:item:1002', { at: AT, text: '浙江制造' }).claims.length).toBeGreaterThan(0);
    expect(verifier.verify('taobao:item:1002', { at: AT }).claims).toEqual([]);
  });

  it('one key grammar: what refFromKey refuses, every verify answers invalid-listing', () => {
    for (const bad of ['tmall:item:1', 'nowhere:item:1', 'taobao:item:', 'taobao:thing:1', 'taobao:item:a b', `taobao:item:${'1'.repeat(129)}`]) {
      expect(refFromKey(bad)).toBeNull();
      expect(listingOf({ key: bad }).ref).toBeNull();
      expect(verifier.verify({ key: bad }).reason).toBe('invalid-listing');
    }
  });

  it('property: the ref of any input equals the ref of its canonical key form', () => {
    const id = fc.stringMatching(/^[1-9][0-9]{0,14}$/);
    const url = fc.oneof(
      id.map((i) => `https://detail.tmall.com/item.htm?id=${i}`),
      id.map((i) => `https://item.taobao.com/item.htm?spm=a1.b&id=${i}`),
      id.map((i) => `https://a.m.taobao.com/i${i}.htm`),
      id.map((i) => `https://item.jd.com/${i}.html`),
      id.map((i) => `https://item.m.jd.com/product/${i}.html`),
      id.map((i) => `https://mobile.yangkeduo.com/goods.html?goods_id=${i}`),
      id.map((i) => `https://detail.1688.com/offer/${i}.html`),
      id.map((i) => `https://shop${i}.taobao.com/`),
      id.map((i) => `https://mall.jd.com/index-${i}.html`),
    );
    const input = fc.oneof(
      url,
      url.map((u) => `复制这条信息 ${u} 打开手机淘宝`),
      fc.tuple(url, fc.string()).map(([u, text]): ListingInput => ({ url: u, text })),
      url.map((u): ListingInput => ({ listing: u })),
    );
    fc.assert(
      fc.property(input, (i) => {
        const { ref } = listingOf(i);
        expect(ref).not.toBeNull();
        expect(listingOf(ref!.key).ref?.key).toBe(ref!.key);
        expect(listingOf({ key: ref!.key }).ref?.key).toBe(ref!.key);
        const plain = typeof i === 'string' ? i : 'url' in i ? i.url : (i as { listing: string }).listing;
        // A whole URL names what WHATWG resolves it to.
        if (/^https:/.test(plain)) expect(listingOf(new URL(plain).href).ref?.key).toBe(ref!.key);
        expect(verifier.verify(i, { at: AT }).key).toBe(verifier.verify(ref!.key, { at: AT }).key);
        expect(verifier.verify(i, { at: AT }).status).toBe(verifier.verify({ key: ref!.key }, { at: AT }).status);
      }),
      { numRuns: 300 },
    );
  });
});
