// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { collectCandidates, compileAdapter, pageCandidate, SeenSet } from '../src/content/candidates.js';
import { adapterFor, SITE_ADAPTERS } from '../src/content/site-adapters.js';

const none = () => false;

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
    const found = collectCandidates(c, document, seen, null, none);
    expect(found.map((f) => [f.ref.key, f.text, f.place])).toEqual([
      ['taobao:item:123', '浙江制造 保温杯', 'append'],
      ['taobao:item:456', '电水壶', 'append'],
    ]);
    // Handled once: a second pass over the same DOM finds nothing new.
    expect(collectCandidates(c, document, seen, null, none)).toEqual([]);
  });

  it('finds JD cards by data-sku even without links, and skips variant thumbnails', () => {
    document.body.innerHTML = `
      <li class="gl-item" data-sku="100"><div class="p-img"><a href="//item.jd.com/100.html"><img></a></div><div class="p-name"><a href="//item.jd.com/100.html"><em>空调</em></a></div><ul><li data-sku="101"><img></li></ul></li>
      <div class="_wrapper_1" data-sku="200"><div class="_goods_title_container_1"><span>电饭煲</span></div></div>`;
    const c = compileAdapter(adapterFor('search.jd.com'));
    const found = collectCandidates(c, document, new SeenSet(), null, none);
    expect(found.map((f) => [f.ref.key, f.text])).toEqual([
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
    expect(collectCandidates(c, document, new SeenSet(), 'jd:item:7', (el) => el === own)).toEqual([]);
  });

  it('finds the detail page’s own listing by its title', () => {
    document.body.innerHTML = '<div class="sku-name">浙江制造 电风扇</div>';
    const c = compileAdapter(adapterFor('item.jd.com'));
    const page = pageCandidate(c, 'https://item.jd.com/555.html');
    expect(page?.ref.key).toBe('jd:item:555');
    expect(page?.text).toBe('浙江制造 电风扇');
    expect(pageCandidate(c, 'https://search.jd.com/Search?keyword=x')).toBeNull();
  });
});
