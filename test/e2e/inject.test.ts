import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureListing } from '../fixtures/catalogue.js';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { type BadgeInfo, waitForBadges } from './badges.js';
import { CHROMIUM, ensureExtensionBuilt, hasChromium } from './harness.js';
import { E2E_SAMPLE } from './setup.js';

/** Badges per listing (fixture key). */
function perListing(badges: BadgeInfo[]): Map<string, BadgeInfo[]> {
  const m = new Map<string, BadgeInfo[]>();
  for (const b of badges) if (b.fixtureKey) m.set(b.fixtureKey, [...(m.get(b.fixtureKey) ?? []), b]);
  return m;
}

/** What is drawn, for failure messages. */
function summary(badges: BadgeInfo[], listings: readonly FixtureListing[]): string {
  const by = perListing(badges);
  const wrong = listings.filter((l) => by.get(l.key)?.length !== 1 || by.get(l.key)![0]!.status !== l.status);
  return `${badges.length} badges; off: ${wrong.map((l) => `${l.key}=${l.status}:${(by.get(l.key) ?? []).map((b) => b.status).join('+') || 'none'}`).join(', ')}`;
}

/** Every listing in `listings` that is on the page has exactly one badge, with its own verdict. */
function onceEach(badges: BadgeInfo[], listings: readonly FixtureListing[], verdicts = true): boolean {
  const by = perListing(badges);
  return listings.every((l) => by.get(l.key)?.length === 1 && (!verdicts || by.get(l.key)![0]!.status === l.status)) && [...by.values()].every((b) => b.length === 1);
}

/**
 * Marketplace tabs that are open before the extension is installed, and still open when it is
 * updated: Chromium loads the unpacked build through DevTools (`Extensions.loadUnpacked`, which is
 * what installing and, for the same path again, updating it do) while the tabs stay as they are.
 * The worker's `runtime.onInstalled` injects into them; after the update the orphaned copy of the
 * content script stands down, so no listing is badged twice and the badges left are live.
 */
describe.skipIf(!hasChromium)('injection into tabs already open (Chromium)', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let fixtures: FixtureServer;
  let context: BrowserContext;
  let profileDir = '';
  let cdp: CDPSession;
  const dist = hasChromium ? ensureExtensionBuilt() : '';

  beforeAll(async () => {
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, rateLimit: false });
    fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry(E2E_SAMPLE)), registryUrl: registry.url });
    profileDir = mkdtempSync(join(tmpdir(), 'zjmade-inject-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: false,
      // Playwright turns extensions off by default; DevTools may load one only with this flag.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--enable-unsafe-extension-debugging', `--host-resolver-rules=${fixtures.hostResolverRules}`, '--ignore-certificate-errors'],
      viewport: { width: 1280, height: 900 },
    });
    const browser = context.browser();
    if (!browser) throw new Error('No browser-level DevTools session for the persistent context');
    cdp = await browser.newBrowserCDPSession();
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await fixtures?.close();
    await registry?.close();
  });

  async function install(): Promise<string> {
    const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: dist } as never)) as { id: string };
    return id;
  }

  it('badges open tabs after install and again after an update, once per listing, without reloading them', async () => {
    const c = fixtures.catalogue;
    const tabs: Page[] = [];
    for (const q of ['%E8%A2%9C%E5%AD%90', '%E4%BF%9D%E6%B8%A9%E6%9D%AF']) {
      const page = await context.newPage();
      await page.goto(fixtures.url('s.taobao.com', `/search?q=${q}`));
      // A marker on the document: the tab is never reloaded.
      await page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });
      tabs.push(page);
    }
    for (const page of tabs) expect(await waitForBadges(page, () => true, 1)).toEqual([]);

    const id = await install();
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/src/options/index.html`);
    await options.evaluate(
      async (s) => {
        await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ settings: s });
      },
      { registryUrl: registry.url, trustedKeys: registry.jwks.keys, language: 'zh-CN', marks: 'all' },
    );
    const first = c.search.slice(0, 16);
    for (const page of tabs) {
      // Injected at install, before the registry was configured: one badge per listing (the
      // verdicts follow once the snapshot is in; that path has its own tests).
      const badges = await waitForBadges(page, (b) => onceEach(b, first, false), 120);
      expect(onceEach(badges, first, false), `after install: ${summary(badges, first)}`).toBe(true);
    }
    for (let i = 0; i < 120; i++) {
      const status = (await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ hasSnapshot: boolean }> } } }).chrome.runtime.sendMessage({ type: 'refresh' }))) as { hasSnapshot: boolean };
      if (status.hasSnapshot) break;
      await options.waitForTimeout(250);
    }
    await options.close();

    // The update: the same path loaded again. The old copies in the tabs are orphaned now.
    expect(await install()).toBe(id);
    for (const page of tabs) {
      // Settle: the old copy's badges come down as the new copy's go up, so a first look can still
      // see the old copy's. Wait (bounded) until one badge per listing has held for 2 s in a row,
      // which only the new copy can give; if it never draws, the check below fails.
      let settled = await waitForBadges(page, () => true, 1);
      let stableSince = onceEach(settled, first) ? Date.now() : 0;
      for (let i = 0; i < 120 && !(stableSince && Date.now() - stableSince >= 2000); i++) {
        await page.waitForTimeout(250);
        settled = await waitForBadges(page, () => true, 1);
        if (!onceEach(settled, first)) stableSince = 0;
        else if (!stableSince) stableSince = Date.now();
      }
      expect(onceEach(settled, first), `after the update: ${summary(settled, first)}`).toBe(true);
      // Only a live copy can ask the new worker about cards that arrive now (lazy-loaded on scroll).
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const all = await waitForBadges(page, (b) => onceEach(b, c.search), 120);
      expect(onceEach(all, c.search), `lazy-loaded cards: ${summary(all, c.search)}`).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    }
    for (const page of tabs) await page.close();
  }, 150_000);
});
