// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveBatch } from '../src/background/verify-batch.js';
import { type Candidate, collectCandidates, compileAdapter, pageCandidate, releaseCandidate, SeenSet } from '../src/content/candidates.js';
import { adapterFor, SITE_ADAPTERS } from '../src/content/site-adapters.js';

const none = () => false;

/** What the background makes of the candidates (the one place hrefs become listings): keys or null. */
function keysOf(found: Candidate[], page = 'https://s.taobao.com/search?q=x'): Array<string | null> {
  const items = found.map((c) => ({ hrefs: c.hrefs, ...(c.page ? { page: true as const } : {}) }));
  return resolveBatch({ type: 'verify', page, items }).refs.map((r) => r?.key ?? null);
}

describe('site adapters', () => {
  it('has one entry per platform and picks by exact host suffix', () => {
    expect(SITE_ADAPTERS.map((a) => a.id)).toEqual(['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin', '1688', 'suning', 'vip', 'kuaishou', 'xiaohongshu']);
    expect(adapterFor('s.taobao.com').id).toBe('taobao');
    expect(adapterFor('list.tmall.com').id).toBe('tmall');
    expect(adapterFor('search.jd.com').id).toBe('jd');
    expect(adapterFor('www.xiaohongshu.com').id).toBe('xiaohongshu');
  });
});

describe('collectCandidates', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('finds old and new Taobao cards by href, once per card, with the title as text', () => {
    document.body.innerHTML = `
      <div><a id="item_id_123" class="Card--doubleCardWrapper--x" href="//item.taobao.com/item.htm?id=123"><div class="Title--title--y"><span>浙江制造 保温杯</span></div></a></div>
      <a class="doubleCardWrapperAdapt--z" href="//detail.tmall.com/item.htm?id=456&spm=1"><img><div class="title--q"><span>电水壶</span></div></a>
      <a href="https://www.taobao.com/">首页</a>`;
    const c = compileAdapter(adapterFor('s.taobao.com'));
    const seen = new SeenSet();
    const found = collectCandidates(c, document, seen, none);
    const keys = keysOf(found);
    expect(found.map((f, i) => [keys[i], f.text, f.place])).toEqual([
      ['taobao:item:123', '浙江制造 保温杯', 'append'],
      ['taobao:item:456', '电水壶', 'append'],
      [null, '首页', 'after'],
    ]);
    // Handled once: a second pass over the same DOM finds nothing new.
    expect(collectCandidates(c, document, seen, none)).toEqual([]);
  });

  it('finds JD cards by data-sku even without links, and skips variant thumbnails', () => {
    document.body.innerHTML = `
      <li class="gl-item" data-sku="100"><div class="p-img"><a href="//item.jd.com/100.html"><img></a></div><div class="p-name"><a href="//item.jd.com/100.html"><em>空调</em></a></div><ul><li data-sku="101"><img></li></ul></li>
      <div class="_wrapper_1" data-sku="200"><div class="_goods_title_container_1"><span>电饭煲</span></div></div>`;
    const c = compileAdapter(adapterFor('search.jd.com'));
    const found = collectCandidates(c, document, new SeenSet(), none);
    const keys = keysOf(found, 'https://search.jd.com/Search?keyword=x');
    expect(found.map((f, i) => [keys[i], f.text])).toEqual([
      ['jd:item:100', '空调'],
      ['jd:item:200', '电饭煲'],
    ]);
  });

  it('ignores look-alike hosts, the page’s own listing and our own badges', () => {
    document.body.innerHTML = `
      <a href="https://detail.tmall.com.evil.cn/item.htm?id=1">fake</a>
      <a href="https://item.jd.com/7.html">self</a>
      <a id="own" href="https://item.jd.com/8.html">ours</a>`;
    const c = compileAdapter(adapterFor('www.xiaohongshu.com'));
    const own = document.getElementById('own')!;
    const found = collectCandidates(c, document, new SeenSet(), (el) => el === own);
    expect(found.map((f) => f.text)).toEqual(['fake', 'self']);
    expect(keysOf(found, 'https://item.jd.com/7.html')).toEqual([null, null]);
  });

  it('finds the detail page’s own listing by its title', () => {
    document.body.innerHTML = '<div class="sku-name">浙江制造 电风扇</div>';
    const c = compileAdapter(adapterFor('item.jd.com'));
    const page = pageCandidate(c);
    expect(page?.text).toBe('浙江制造 电风扇');
    expect(keysOf([page!], 'https://item.jd.com/555.html')).toEqual(['jd:item:555']);
    expect(keysOf([page!], 'https://search.jd.com/Search?keyword=x')).toEqual([null]);
    document.body.innerHTML = '<p>no title</p>';
    expect(pageCandidate(c)).toBeNull();
  });

  it('sends a card’s links and id together; the first item listing wins, the page’s own excepted', () => {
    document.body.innerHTML = `
      <li class="gl-item" data-sku="300"><a href="https://shop.jd.com/index-9.html">店铺</a><div class="p-name"><a href="https://item.jd.com/7.html"><em>自己</em></a><a href="https://item.jd.com/301.html">另一个</a></div></li>
      <li class="gl-item" data-sku="400"><div class="p-name"><a href="javascript:void(0)"><em>只有编号</em></a></div></li>`;
    const c = compileAdapter(adapterFor('item.jd.com'));
    const found = collectCandidates(c, document, new SeenSet(), none);
    expect(found.map((f) => f.hrefs)).toEqual([
      ['https://shop.jd.com/index-9.html', 'https://item.jd.com/7.html', 'https://item.jd.com/301.html', 'https://item.jd.com/300.html'],
      ['javascript:void(0)', 'https://item.jd.com/400.html'],
    ]);
    expect(keysOf(found, 'https://item.jd.com/7.html')).toEqual(['jd:item:301', 'jd:item:400']);
  });

  it('gives a card that held no listing back for links added to it later', () => {
    document.body.innerHTML = '<li class="gl-item"><div class="p-name"><a href="https://www.jd.com/">首页</a></div></li>';
    const c = compileAdapter(adapterFor('search.jd.com'));
    const seen = new SeenSet();
    const [first] = collectCandidates(c, document, seen, none);
    expect(keysOf([first!])).toEqual([null]);
    releaseCandidate(seen, first!);
    const card = document.querySelector('li')!;
    card.insertAdjacentHTML('beforeend', '<a href="//item.jd.com/9.html">新</a>');
    const later = collectCandidates(c, card, seen, none);
    expect(keysOf(later)).toEqual(['jd:item:9']);
  });
});
