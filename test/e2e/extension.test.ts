import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureListing } from '../fixtures/catalogue.js';
import { type BadgeInfo, clickNode, onHost, outerHtml, readBadges, visibleFractions, waitForBadges } from './badges.js';
import { ARTIFACTS, hasChromium } from './harness.js';
import { ADMIN_TOKEN, type E2eWorld, startWorld } from './setup.js';

const LAPSED = new Set(['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned']);

/** The tone a listing's badge must have: an unbacked claim outranks the lapsed/not-found status. */
function expectedTone(l: FixtureListing, status = l.status): string {
  if (status === 'unknown') return 'unknown';
  if (l.claims && status !== 'verified') return 'warning';
  if (status === 'verified') return 'verified';
  if (status === 'store-only') return 'store';
  if (status === 'expired') return 'expired';
  if (LAPSED.has(status)) return 'lapsed';
  return 'quiet';
}

function byKey(badges: BadgeInfo[]): Map<string, BadgeInfo[]> {
  const m = new Map<string, BadgeInfo[]>();
  for (const b of badges) if (b.fixtureKey) m.set(b.fixtureKey, [...(m.get(b.fixtureKey) ?? []), b]);
  return m;
}

if (!hasChromium) console.warn('[e2e] /usr/bin/chromium is missing: skipping the browser tests (apt-get install -y chromium).');

describe.skipIf(!hasChromium)('extension in Chromium (production build, real registry)', () => {
  let w: E2eWorld;
  let mark: { hue: number; shape: string };

  beforeAll(async () => {
    w = await startWorld();
    // The tests below check every verdict's badge, so they ask for every listing to be marked; the
    // default (only what says something) has its own test further down.
    await w.control.setSettings({ registryUrl: w.registry.url, trustedKeys: w.registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    mark = (await w.control.getStorage('personalMark')) as { hue: number; shape: string };
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await w.browser.context.newPage();
    await page.goto(url);
    return page;
  }

  it('badges every listing on Taobao search with its verdict (old and new cards, lazy-loaded ones too)', async () => {
    const c = w.fixtures.catalogue;
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=%E8%A2%9C%E5%AD%90'));
    const first = c.search.slice(0, 16);
    await waitForBadges(page, (b) => b.length >= first.length);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const badges = await waitForBadges(page, (b) => b.length >= c.search.length);
    await page.evaluate(() => window.scrollTo(0, 0));
    const found = byKey(badges);
    for (const l of c.search) {
      const mine = found.get(l.key) ?? [];
      expect(mine.length, `one badge on ${l.key}`).toBe(1);
      expect(mine[0]!.status, `status of ${l.key}`).toBe(l.status);
      expect(mine[0]!.tone, `tone of ${l.key} (${l.title})`).toBe(expectedTone(l));
      expect(mine[0]!.shadowRootType).toBe('closed');
      // The personal mark is in every genuine badge.
      expect(mine[0]!.mark?.shape).toBe(mark.shape);
      expect(mine[0]!.mark?.color).toBe(`hsl(${mark.hue} 75% 45%)`);
    }
    const statuses = new Set(badges.map((b) => b.status));
    for (const s of ['verified', 'store-only', 'expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned', 'not-found']) expect(statuses).toContain(s);
    expect(badges.some((b) => b.tone === 'warning')).toBe(true);
    expect(badges.find((b) => b.status === 'verified')?.text).toContain('浙江制造 · 已核验');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-search.png') });
    await page.close();
  }, 60_000);

  /** The tab id of `page`, as the extension sees it (for popup.html?tab=ID). */
  async function tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const tabs = await w.control.optionsPage.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
      return c.tabs.query({});
    });
    const tab = tabs.find((t) => t.url === url);
    if (tab?.id === undefined) throw new Error(`No tab for ${url}`);
    return tab.id;
  }

  async function openPopup(page: Page): Promise<Page> {
    const popup = await w.browser.context.newPage();
    await popup.goto(`chrome-extension://${w.browser.extensionId}/src/popup/index.html?tab=${await tabIdOf(page)}`);
    await popup.waitForSelector('[data-total]');
    return popup;
  }

  async function popupCounts(popup: Page): Promise<Record<string, number>> {
    return popup.$$eval('[data-status]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-status'), Number(e.getAttribute('data-count'))])));
  }

  function expectedCounts(listings: FixtureListing[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const l of listings) out[l.status] = (out[l.status] ?? 0) + 1;
    return out;
  }

  /** A search page with every card loaded and badged. */
  async function fullSearchPage(): Promise<Page> {
    const c = w.fixtures.catalogue;
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=test'));
    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    await waitForBadges(page, (b) => b.length >= c.search.length);
    return page;
  }

  it('opens a card with the evidence: enterprise, USCC, evaluation, standard, validity, sample data, personal mark', async () => {
    const c = w.fixtures.catalogue;
    const listing = c.search.find((l) => l.status === 'verified')!;
    const binding = w.data.bindings.find((b) => b.key === listing.key)!;
    const evaluation = w.data.evaluations.find((e) => e.id === binding.evaluationId)!;
    const enterprise = w.data.enterprises.find((e) => e.uscc === evaluation.uscc)!;
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=card'));
    const badges = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key));
    const badge = badges.find((b) => b.fixtureKey === listing.key)!;
    await clickNode(page, badge.buttonBackendNodeId!);
    const opened = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.card !== null));
    const card = opened.find((b) => b.fixtureKey === listing.key)!.card!;
    expect(card).toContain(enterprise.name);
    expect(card).toContain(enterprise.uscc);
    expect(card).toContain(evaluation.id);
    expect(card).toContain(evaluation.standard);
    expect(card).toContain(evaluation.expires);
    expect(card).toContain('样例数据');
    expect(card).toContain('个人标记');
    // Clicking the badge opened the card without following the listing link it sits in.
    expect(page.url()).toMatch(/^http:\/\/s\.taobao\.com\/search/);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-card.png') });
    await page.close();
  }, 60_000);

  it('opens and closes a card from the keyboard (Enter, then Escape)', async () => {
    const c = w.fixtures.catalogue;
    const listing = c.search.find((l) => l.status === 'verified')!;
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=keys'));
    const badges = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key));
    const badge = badges.find((b) => b.fixtureKey === listing.key)!;
    expect(badge.card).toBeNull();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.getDocument', { depth: 0 });
    await cdp.send('DOM.focus', { backendNodeId: badge.buttonBackendNodeId! });
    await page.keyboard.press('Enter');
    const opened = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.card !== null));
    const binding = w.data.bindings.find((x) => x.key === listing.key)!;
    const evaluation = w.data.evaluations.find((e) => e.id === binding.evaluationId)!;
    expect(opened.find((b) => b.fixtureKey === listing.key)!.card).toContain(evaluation.id);
    await page.keyboard.press('Escape');
    const closed = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.card === null));
    expect(closed.find((b) => b.fixtureKey === listing.key)!.card).toBeNull();
    await cdp.detach();
    expect(page.url()).toMatch(/^http:\/\/s\.taobao\.com\/search/);
    await page.close();
  }, 60_000);

  it('badges JD search cards, old (li.gl-item with links) and new (div[data-sku] without links)', async () => {
    const c = w.fixtures.catalogue;
    const page = await open(w.fixtures.url('search.jd.com', '/Search?keyword=%E7%94%B5%E5%99%A8'));
    const badges = await waitForBadges(page, (b) => b.length >= c.jd.length);
    const found = byKey(badges);
    expect(c.jd.length).toBeGreaterThan(3);
    for (const l of c.jd) {
      expect(found.get(l.key)?.length, `one badge on ${l.key}`).toBe(1);
      expect(found.get(l.key)![0]!.tone).toBe(expectedTone(l));
    }
    await page.close();
  }, 60_000);

  it('badges links to all ten platforms on a deals page, and each platform’s detail page by its title', async () => {
    const c = w.fixtures.catalogue;
    expect(c.deals.length).toBe(10);
    const deals = await open(w.fixtures.url('www.xiaohongshu.com', '/deals'));
    const badges = byKey(await waitForBadges(deals, (b) => b.length >= c.deals.length));
    for (const l of c.deals) expect(badges.get(l.key)?.[0]?.status, `deal ${l.platform}`).toBe(l.status);
    await deals.close();
    for (const l of c.deals) {
      const page = await open(l.url);
      const [badge] = await waitForBadges(page, (b) => b.length >= 1);
      expect(badge?.status, `detail page on ${l.platform}`).toBe(l.status);
      await page.close();
    }
  }, 90_000);

  it('keeps badges out of the page’s reach: closed roots, no restyling, no counterfeit counted', async () => {
    const c = w.fixtures.catalogue;
    const page = await fullSearchPage();
    const before = await readBadges(page);
    const popup = await openPopup(page);
    const countsBefore = await popupCounts(popup);
    const notFound = c.search.find((l) => l.status === 'not-found' && !l.claims)!;
    await page.bringToFront();
    // What a page script can do with each badge host, run in the page's own world.
    const pageCdp = await page.context().newCDPSession(page);
    await pageCdp.send('DOM.getDocument', { depth: 0 });
    const results: unknown[] = [];
    for (const b of before) {
      const { object } = (await pageCdp.send('DOM.resolveNode', { backendNodeId: b.hostBackendNodeId })) as { object: { objectId: string } };
      const { result } = (await pageCdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        returnByValue: true,
        functionDeclaration: `function () {
          let attachThrows = false;
          try { this.attachShadow({ mode: 'open' }); } catch { attachThrows = true; }
          const shadowRoot = this.shadowRoot;
          this.innerHTML = '<b>FAKE 浙江制造 · 已核验</b>';
          return { shadowRoot: shadowRoot === null, attachThrows };
        }`,
      })) as { result: { value: unknown } };
      results.push(result.value);
    }
    await pageCdp.detach();
    await page.evaluate((fakeKey) => {
      const style = document.createElement('style');
      style.textContent = 'button,.b,.zj,.l{display:none!important;color:red!important}';
      document.head.append(style);
      // A lookalike: same markup and classes as the real badge, in an open root, on a listing
      // the registry does not know.
      const card = document.querySelector(`[data-fixture-key="${fakeKey}"]`)!;
      const fake = document.createElement('span');
      fake.attachShadow({ mode: 'open' }).innerHTML =
        '<span class="zj" data-status="verified" data-tone="verified"><button class="b t-verified"><span class="l">浙江制造 · 已核验</span></button></span>';
      card.append(fake);
    }, notFound.key);
    const probe = { hosts: results.length, results };
    expect(probe.hosts).toBe(before.length);
    for (const r of probe.results) expect(r).toEqual({ shadowRoot: true, attachThrows: true });
    const after = await readBadges(page);
    const genuine = after.filter((b) => b.shadowRootType === 'closed');
    expect(genuine.map((b) => [b.fixtureKey, b.status, b.text])).toEqual(before.map((b) => [b.fixtureKey, b.status, b.text]));
    const fake = after.find((b) => b.shadowRootType === 'open')!;
    expect(fake.fixtureKey).toBe(notFound.key);
    expect(fake.mark).toBeNull();
    for (const b of genuine) expect(b.mark?.shape).toBe(mark.shape);
    // The page's stylesheet does not reach into the badge.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { nodeIds } = (await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [genuine[0]!.buttonBackendNodeId!] })) as { nodeIds: number[] };
    const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: nodeIds[0]! })) as { computedStyle: Array<{ name: string; value: string }> };
    expect(computedStyle.find((p) => p.name === 'display')?.value).not.toBe('none');
    await cdp.detach();
    // The extension counts what it drew, not what the page shows.
    await popup.reload();
    await popup.waitForSelector('[data-total]');
    expect(await popupCounts(popup)).toEqual(countsBefore);
    await popup.close();
    await page.close();
  }, 60_000);

  it('popup: counts per verdict, report of an unbacked claim, pause on this site', async () => {
    const c = w.fixtures.catalogue;
    const page = await fullSearchPage();
    const popup = await openPopup(page);
    expect(await popupCounts(popup)).toEqual(expectedCounts(c.search));
    expect(Number(await popup.getAttribute('[data-total]', 'data-total'))).toBe(c.search.length);
    const unbacked = c.search.filter((l) => l.claims && l.status !== 'verified');
    expect(await popup.$$eval('li[data-key]', (els) => els.map((e) => e.getAttribute('data-key')))).toEqual(expect.arrayContaining(unbacked.map((l) => l.key)));
    const target = unbacked[0]!;
    await popup.click(`li[data-key="${target.key}"] button[data-report="start"]`);
    await popup.click(`li[data-key="${target.key}"] button[data-report="confirm"]`);
    await popup.waitForSelector(`li[data-key="${target.key}"] [data-report="done"]`);
    const reports = (await (await fetch(`${w.registry.url}/v1/admin/reports`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as unknown;
    expect(JSON.stringify(reports)).toContain(target.url.replace(/^https?:\/\//, '').split('?')[0]!.split('/')[0]!);
    await popup.check('input[data-control="pause"]');
    await page.bringToFront();
    expect(await waitForBadges(page, (b) => b.length === 0)).toHaveLength(0);
    await popup.uncheck('input[data-control="pause"]');
    await page.bringToFront();
    expect((await waitForBadges(page, (b) => b.length >= c.search.length)).length).toBe(c.search.length);
    await popup.close();
    await page.close();
  }, 60_000);

  it('follows an SPA navigation that reuses the cards for page 2', async () => {
    const c = w.fixtures.catalogue;
    expect(c.searchPage2.length).toBeGreaterThan(2);
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=spa'));
    await waitForBadges(page, (b) => b.length >= 16);
    await page.click('#next');
    expect(page.url()).toContain('page=2');
    const want = new Set(c.searchPage2.map((l) => l.key));
    const badges = await waitForBadges(page, (b) => b.length === want.size && b.every((x) => x.fixtureKey !== null && want.has(x.fixtureKey)));
    const found = byKey(badges);
    for (const l of c.searchPage2) expect(found.get(l.key)?.[0]?.tone, l.key).toBe(expectedTone(l));
    await page.close();
  }, 60_000);

  it('speaks English or Chinese as set in Options', async () => {
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=lang'));
    await waitForBadges(page, (b) => b.some((x) => x.status === 'verified'));
    const base = { registryUrl: w.registry.url, trustedKeys: w.registry.jwks.keys, marks: 'all' as const };
    await w.control.setSettings({ ...base, language: 'en' });
    await page.bringToFront();
    const en = await waitForBadges(page, (b) => b.some((x) => x.text.includes('Zhejiang Made · verified')));
    expect(en.find((b) => b.status === 'verified')?.text).toContain('Zhejiang Made · verified');
    expect(en.find((b) => b.status === 'unknown' || b.tone === 'warning')?.text ?? 'Claims Zhejiang Made').toMatch(/Claims Zhejiang Made|Can’t verify/);
    await w.control.setSettings({ ...base, language: 'zh-CN' });
    const zh = await waitForBadges(page, (b) => b.some((x) => x.text.includes('浙江制造 · 已核验')));
    expect(zh.find((b) => b.status === 'verified')?.text).toContain('浙江制造 · 已核验');
    await page.close();
  }, 60_000);

  /** The listings a default ("only what says something") page marks. */
  const notable = (ls: FixtureListing[]) => ls.filter((l) => l.status !== 'not-found' || l.claims);

  it('a click or Enter on a badge opens its card and never the listing, also on cards whose title is in the link', async () => {
    const c = w.fixtures.catalogue;
    const page = await fullSearchPage();
    const verifiedOld = c.search.find((l, i) => l.status === 'verified' && i % 2 === 0);
    const verifiedNew = c.search.find((l, i) => l.status === 'verified' && i % 2 === 1);
    const pagesBefore = w.browser.context.pages().length;
    for (const listing of [verifiedOld, verifiedNew].filter((l): l is FixtureListing => l !== undefined)) {
      const badge = (await readBadges(page)).find((b) => b.fixtureKey === listing.key)!;
      // Mouse: one click, at the badge's place on screen.
      await clickNode(page, badge.buttonBackendNodeId!);
      const opened = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.card !== null));
      expect(opened.find((b) => b.fixtureKey === listing.key)?.card, listing.key).toContain('浙江制造');
      await page.keyboard.press('Escape');
      // Keyboard: focus and Enter (the badge is the live component now: a new button).
      const live = (await readBadges(page)).find((b) => b.fixtureKey === listing.key)!;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.getDocument', { depth: 0 });
      await cdp.send('DOM.focus', { backendNodeId: live.buttonBackendNodeId! });
      await page.keyboard.press('Enter');
      await cdp.detach();
      await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.card !== null));
      await page.keyboard.press('Escape');
    }
    // The cards' links have target=_blank: following one would have opened a tab.
    await page.waitForTimeout(500);
    expect(w.browser.context.pages().length).toBe(pagesBefore);
    expect(page.url()).toMatch(/^http:\/\/s\.taobao\.com\/search/);
    await page.close();
  }, 60_000);

  it('every badge is at least 95 % visible on every site’s fixture pages (never inside a clipped title box or the link)', async () => {
    const c = w.fixtures.catalogue;
    const pages: Array<{ name: string; url: string; want: number; load?: boolean }> = [
      { name: 'taobao-search', url: w.fixtures.url('s.taobao.com', '/search?q=visible'), want: c.search.length, load: true },
      { name: 'jd-search', url: w.fixtures.url('search.jd.com', '/Search?keyword=visible'), want: c.jd.length },
      { name: 'deals', url: w.fixtures.url('www.xiaohongshu.com', '/deals'), want: c.deals.length },
      ...c.deals.map((l) => ({ name: `detail-${l.platform}`, url: l.url, want: 1 })),
    ];
    const worst: Record<string, number> = {};
    for (const p of pages) {
      const page = await open(p.url);
      if (p.load) await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
      const badges = await waitForBadges(page, (b) => b.length >= p.want);
      expect(badges.length, p.name).toBeGreaterThanOrEqual(p.want);
      const fractions = await visibleFractions(page, badges);
      worst[p.name] = Math.min(...fractions);
      fractions.forEach((f, i) => {
        expect(f, `${p.name}: badge on ${badges[i]!.fixtureKey} is ${(f * 100).toFixed(0)} % visible`).toBeGreaterThanOrEqual(0.95);
      });
      // No badge sits inside the page's own link.
      for (const b of badges) expect(await onHost(page, b, 'function () { return this.closest("a[href]") === null; }'), `${p.name} ${b.fixtureKey}`).toBe(true);
      if (p.name.endsWith('search') || p.name === 'deals' || p.name === 'detail-taobao') await page.screenshot({ path: join(ARTIFACTS, `e2e-visible-${p.name}.png`) });
      await page.close();
    }
    console.log(`[e2e] smallest visible fraction per fixture page: ${JSON.stringify(worst)}`);
  }, 120_000);

  it('a page cannot make a warning disappear: counts and the toolbar number come from the worker; a removed or hidden badge is drawn again, bounded', async () => {
    const c = w.fixtures.catalogue;
    const page = await fullSearchPage();
    const tabId = await tabIdOf(page);
    const warnings = c.search.filter((l) => (l.claims && l.status !== 'verified') || ['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned'].includes(l.status));
    const popup = await openPopup(page);
    const counts = await popupCounts(popup);
    expect(counts).toEqual(expectedCounts(c.search));
    expect(await w.control.toolbarText(tabId)).toBe(String(warnings.length));
    await page.bringToFront();
    const target = c.search.find((l) => l.claims && l.status !== 'verified' && l.status !== 'unknown')!;
    let badge = (await readBadges(page)).find((b) => b.fixtureKey === target.key)!;
    // The page removes the warning, then hides it.
    await onHost(page, badge, 'function () { this.remove(); }');
    let back = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === target.key));
    expect(back.filter((b) => b.fixtureKey === target.key)).toHaveLength(1);
    badge = back.find((b) => b.fixtureKey === target.key)!;
    await onHost(page, badge, `function () { this.hidden = true; this.style.setProperty('display', 'none', 'important'); }`);
    expect((await visibleFractions(page, [badge]))[0]).toBeGreaterThanOrEqual(0.95);
    // A page that removes it every time: we put it back a bounded number of times, and the page lives.
    await onHost(
      page,
      badge,
      `function () {
        const host = this, parent = this.parentNode;
        window.__removals = 0;
        new MutationObserver(() => { if (host.parentNode) { window.__removals++; host.remove(); } }).observe(parent, { childList: true });
        host.remove();
        window.__removals++;
      }`,
    );
    await page.waitForTimeout(1000);
    const removals = await page.evaluate(() => (window as unknown as { __removals: number }).__removals);
    expect(removals).toBeGreaterThan(1);
    expect(removals).toBeLessThan(10);
    // Gone from the page for good now, but not from the counts or the toolbar.
    await popup.reload();
    await popup.waitForSelector('[data-total]');
    expect(await popupCounts(popup)).toEqual(counts);
    expect(await popup.$$eval('li[data-key]', (els) => els.map((e) => e.getAttribute('data-key')))).toContain(target.key);
    expect(await w.control.toolbarText(tabId)).toBe(String(warnings.length));
    await popup.screenshot({ path: join(ARTIFACTS, 'e2e-popup-after-removal.png') });
    back = await readBadges(page);
    expect(back.some((b) => b.fixtureKey === target.key)).toBe(false);
    await popup.close();
    await page.close();
  }, 60_000);

  it('marks only what says something by default, everything on request', async () => {
    const c = w.fixtures.catalogue;
    const base = { registryUrl: w.registry.url, trustedKeys: w.registry.jwks.keys, language: 'zh-CN' as const };
    await w.control.setSettings(base);
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=quiet'));
    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    const want = notable(c.search);
    expect(want.length).toBeLessThan(c.search.length);
    const quiet = await waitForBadges(page, (b) => b.length >= want.length);
    await page.waitForTimeout(300);
    const found = byKey(await readBadges(page));
    for (const l of c.search) expect(found.get(l.key)?.length ?? 0, `${l.key} ${l.status} claims=${l.claims}`).toBe(want.includes(l) ? 1 : 0);
    expect(quiet.some((b) => b.text.startsWith('未登记'))).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-default-marks.png') });
    // "Mark every listing" in Options: the unregistered ones get their grey badge.
    await w.control.setSettings({ ...base, marks: 'all' });
    await page.bringToFront();
    const all = await waitForBadges(page, (b) => b.length >= c.search.length);
    expect(all.length).toBe(c.search.length);
    expect(all.some((b) => b.text.startsWith('未登记'))).toBe(true);
    await page.close();
  }, 60_000);

  it('a suspended listing whose title claims the mark says both facts: "已暂停 · 声称无依据"', async () => {
    const c = w.fixtures.catalogue;
    const listing = c.search.find((l) => l.status === 'verified' && l.claims)!;
    const evaluationId = w.data.bindings.find((b) => b.key === listing.key)!.evaluationId!;
    const setStatus = (status: string) =>
      fetch(`${w.registry.url}/v1/admin/evaluations/${encodeURIComponent(evaluationId)}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status, reason: 'e2e: both facts' }),
      });
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=both'));
    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    expect((await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.status === 'verified'))).length).toBeGreaterThan(0);
    expect((await setStatus('suspended')).status).toBe(200);
    try {
      await w.control.refresh();
      await page.bringToFront();
      const badges = await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.status === 'suspended'));
      const badge = badges.find((b) => b.fixtureKey === listing.key)!;
      expect(badge.tone).toBe('warning');
      expect(badge.text).toContain('浙江制造 · 已暂停 · 声称无依据');
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-suspended-claim.png') });
    } finally {
      // Back as it was, for the tests after this one.
      expect((await setStatus('valid')).status).toBe(200);
      await w.control.refresh();
      await waitForBadges(page, (b) => b.some((x) => x.fixtureKey === listing.key && x.status === 'verified'));
      await page.close();
    }
  }, 60_000);

  it('axe-core finds no label-content-name-mismatch (or other) violation in the badges drawn, collapsed or open', async () => {
    // The badge's own stylesheet (what the extension adopts in every root), so contrast is checked as drawn.
    const { badgeCss } = await import('../../packages/badge/src/styles.js');
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const page = await fullSearchPage();
    const badges = await readBadges(page);
    const samples = new Map<string, BadgeInfo>();
    for (const b of badges) if (!samples.has(b.tone)) samples.set(b.tone, b);
    // Open one card so its markup is checked too.
    const first = [...samples.values()][0]!;
    await clickNode(page, first.buttonBackendNodeId!);
    await waitForBadges(page, (b) => b.some((x) => x.card !== null));
    const opened = (await readBadges(page)).find((b) => b.card !== null)!;
    const markup = [opened, ...[...samples.values()].filter((b) => b.hostBackendNodeId !== opened.hostBackendNodeId)];
    const htmls: string[] = [];
    for (const b of markup) htmls.push(await outerHtml(page, b.zjBackendNodeId));
    // Chromium's own accessibility tree, through the closed roots: each badge button's name begins
    // with the words it shows.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value: string }; name?: { value: string } }> };
    await cdp.detach();
    const names = nodes.filter((n) => n.role?.value === 'button' && /浙江制造|未登记|暂时无法核验|认证企业店铺/.test(n.name?.value ?? '')).map((n) => n.name!.value);
    expect(names.length).toBeGreaterThanOrEqual(badges.length);
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    for (const b of badges) {
      const visible = squeeze(b.text.split(' (')[0]!);
      expect(names.some((n) => squeeze(n).startsWith(visible)), `${b.text} in ${JSON.stringify(names.slice(0, 3))}`).toBe(true);
    }
    await page.close();
    // axe cannot enter closed roots: the very markup drawn goes into open ones on a page of its own.
    const check = await w.browser.context.newPage();
    await check.goto(w.fixtures.url('s.taobao.com', '/search?q=axe'));
    await check.evaluate(
      ({ htmls, css }) => {
        document.body.replaceChildren();
        document.title = 'badges';
        const main = document.createElement('main');
        document.body.append(main);
        for (const html of htmls) {
          const host = document.createElement('span');
          const root = host.attachShadow({ mode: 'open' });
          root.innerHTML = `<style>${css}</style>${html}`;
          main.append(host);
        }
      },
      { htmls, css: badgeCss },
    );
    await check.addScriptTag({ content: axeSource });
    const result = await check.evaluate(
      async () => {
        const main = document.querySelector('main');
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
        const r = await axe.run(main, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'experimental', 'best-practice'] } });
        return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }));
      },
    );
    await check.close();
    expect(result.filter((v) => v.id !== 'region' && v.id !== 'page-has-heading-one' && v.id !== 'landmark-one-main')).toEqual([]);
  }, 60_000);

  it('shows a suspension made through the admin API after "update now"', async () => {
    const c = w.fixtures.catalogue;
    const listing = c.search.find((l) => l.status === 'verified' && (l.platform === 'tmall' || l.platform === 'taobao')) ?? c.search.find((l) => l.status === 'verified')!;
    const evaluationId = w.data.bindings.find((b) => b.key === listing.key)!.evaluationId!;
    const page = await open(listing.url);
    expect((await waitForBadges(page, (b) => b.length >= 1))[0]?.status).toBe('verified');
    const before = await w.control.status();
    const res = await fetch(`${w.registry.url}/v1/admin/evaluations/${encodeURIComponent(evaluationId)}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', reason: 'e2e: annual surveillance failed' }),
    });
    expect(res.status).toBe(200);
    // "Update now" on the Options page.
    const options = w.control.optionsPage;
    await options.reload();
    await options.click('[data-control="update-now"]');
    await options.waitForFunction((seq) => Number(document.querySelector('[data-section="snapshot"]')?.getAttribute('data-sequence')) > seq, before.sequence ?? 0);
    await page.bringToFront();
    const [badge] = await waitForBadges(page, (b) => b[0]?.status === 'suspended');
    expect(badge?.status).toBe('suspended');
    expect(badge?.tone).toBe(expectedTone(listing, 'suspended'));
    // A suspended listing whose title claims the mark is shown as an unbacked claim.
    expect(badge?.text).toContain(listing.claims ? '无依据' : '已暂停');
    await page.close();
  }, 60_000);

  it('says "can’t verify" over a stale snapshot', async () => {
    const { encodeSnapshot, generateSigningKey, importSigningKey, signPointer, signSnapshot } = await import('@zjmade/sdk/publisher');
    const key = await generateSigningKey('e2e-stale');
    const day = 86_400_000;
    const body = encodeSnapshot(w.data, { sequence: 1, issuedAt: new Date(Date.now() - 3 * day), expiresAt: new Date(Date.now() - day) });
    const signing = await importSigningKey(key.privateJwk);
    const file = await signSnapshot(body, signing);
    // A fresh pointer to an expired snapshot: accepted (nothing newer exists), and every verdict is unknown.
    w.fixtures.setStaleSnapshot(file, JSON.stringify(await signPointer({ sequence: 1, snapshot: file }, signing)));
    await w.control.setSettings({ registryUrl: w.fixtures.staleRegistryUrl, trustedKeys: [key.publicJwk], language: 'zh-CN' });
    const status = await w.control.waitForStatus((s) => s.registryUrl === w.fixtures.staleRegistryUrl && s.hasSnapshot);
    expect(status.stale).toBe(true);
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=stale'));
    const badges = await waitForBadges(page, (b) => b.length >= 16);
    expect(badges.length).toBeGreaterThanOrEqual(16);
    for (const b of badges) {
      expect(b.status).toBe('unknown');
      expect(b.text).toContain('暂时无法核验');
    }
    await page.close();
  }, 60_000);

  it('says "can’t verify" when the snapshot fails its signature (tampered in transit)', async () => {
    await w.control.setSettings({ registryUrl: w.fixtures.tamperedRegistryUrl, trustedKeys: w.registry.jwks.keys, language: 'zh-CN' });
    const status = await w.control.waitForStatus((s) => s.registryUrl === w.fixtures.tamperedRegistryUrl && /verification/.test(s.lastError ?? ''));
    expect(status.hasSnapshot).toBe(false);
    // The signed pointer names the snapshot's SHA-256, which catches the flipped bit first.
    expect(status.lastError).toMatch(/signature|corrupt|pointer's snapshot/i);
    const page = await open(w.fixtures.url('search.jd.com', '/Search?keyword=tampered'));
    const badges = await waitForBadges(page, (b) => b.length >= w.fixtures.catalogue.jd.length);
    expect(badges.length).toBe(w.fixtures.catalogue.jd.length);
    for (const b of badges) expect(b.status).toBe('unknown');
    await page.close();
  }, 60_000);
  // The remote adapter case runs against a real registry (its CLI, its API and its exported tree
  // on nginx) in remote-adapters.test.ts.

  it('Options and the popup say "untrusted key" (not "bad signature") when the registry signs with a key that is not a trust anchor', async () => {
    const { generateSigningKey } = await import('@zjmade/sdk/publisher');
    const rotated = await generateSigningKey('e2e-not-yet-trusted');
    await w.control.setSettings({ registryUrl: w.registry.url, trustedKeys: [rotated.publicJwk], language: 'zh-CN' });
    type Problem = { code: string; keptLastGood: boolean };
    const status = (await w.control.waitForStatus((s) => (s as { problem?: Problem }).problem?.code === 'untrusted-key')) as { problem?: Problem };
    expect(status.problem).toMatchObject({ code: 'untrusted-key', keptLastGood: false });
    const options = await w.browser.context.newPage();
    await options.goto(`chrome-extension://${w.browser.extensionId}/src/options/index.html`);
    const line = await options.waitForSelector('[data-problem="untrusted-key"]');
    expect(await line.textContent()).toContain('未信任的密钥');
    expect(await line.textContent()).not.toMatch(/签名无效|bad signature/i);
    const page = await open(w.fixtures.url('s.taobao.com', '/search?q=rotation'));
    const popup = await openPopup(page);
    expect(await (await popup.waitForSelector('[data-problem="untrusted-key"]')).textContent()).toContain('未信任的密钥');
    await options.screenshot({ path: join(ARTIFACTS, 'e2e-options-untrusted-key.png') });
    for (const p of [popup, options, page]) await p.close();
    await w.control.setSettings({ registryUrl: w.registry.url, trustedKeys: w.registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    expect((await w.control.waitForStatus((s) => s.hasSnapshot && !s.lastError)).hasSnapshot).toBe(true);
  }, 60_000);
});
