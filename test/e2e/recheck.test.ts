// The "snapshot changed" re-check for tabs that were badged before the registry was set up: the
// extension is installed while marketplace tabs are open (their listings get "can't verify"
// badges at once, there is no snapshot yet), then the registry is configured; every badge in
// those tabs must turn to its listing's verdict without a reload. A batch that was in flight while
// the snapshot changed (answered from the old state) used to keep its old badge: the re-check
// only covered what was drawn already.
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

function offListings(badges: BadgeInfo[], listings: readonly FixtureListing[]): string[] {
  const by = new Map<string, string[]>();
  for (const b of badges) if (b.fixtureKey) by.set(b.fixtureKey, [...(by.get(b.fixtureKey) ?? []), b.status]);
  return listings.filter((l) => by.get(l.key)?.length !== 1 || by.get(l.key)![0] !== l.status).map((l) => `${l.key}=${l.status}:${(by.get(l.key) ?? []).join('+') || 'none'}`);
}

describe.skipIf(!hasChromium)('re-check after the snapshot changes, in tabs badged before the registry was set up (Chromium)', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let fixtures: FixtureServer;
  let context: BrowserContext;
  let profileDir = '';
  let cdp: CDPSession;
  const dist = hasChromium ? ensureExtensionBuilt() : '';

  beforeAll(async () => {
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, rateLimit: false });
    fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry(E2E_SAMPLE)), registryUrl: registry.url });
    profileDir = mkdtempSync(join(tmpdir(), 'zjmade-recheck-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: false,
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

  it('every badge in the open tabs turns to its verdict once the snapshot is in, without a reload', async () => {
    const c = fixtures.catalogue;
    const first = c.search.slice(0, 16);
    const tabs: Page[] = [];
    for (const q of ['%E8%A2%9C%E5%AD%90', '%E4%BF%9D%E6%B8%A9%E6%9D%AF', 'abc']) {
      const page = await context.newPage();
      await page.goto(fixtures.url('s.taobao.com', `/search?q=${q}`));
      tabs.push(page);
    }
    const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: dist } as never)) as { id: string };
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/src/options/index.html`);
    // Configured as soon as the options page can: the tabs' first batches are on their way.
    await options.evaluate(
      async (s) => {
        await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ settings: s });
      },
      { registryUrl: registry.url, trustedKeys: registry.jwks.keys, language: 'zh-CN', marks: 'all' },
    );
    let hasSnapshot = false;
    // Only looking, never "update now": setting the registry up must be enough to fetch it.
    for (let i = 0; i < 120 && !hasSnapshot; i++) {
      const status = (await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ hasSnapshot: boolean }> } } }).chrome.runtime.sendMessage({ type: 'status' }))) as { hasSnapshot: boolean };
      hasSnapshot = status.hasSnapshot;
      if (!hasSnapshot) await options.waitForTimeout(250);
    }
    expect(hasSnapshot, 'the snapshot of the registry set up after install').toBe(true);
    const t0 = Date.now();
    for (const page of tabs) {
      // Bounded: 60 looks (each a DevTools DOM walk plus 250 ms) for the re-check to reach every
      // badge; it takes well under a second when it works, and never comes when it is missed.
      const badges = await waitForBadges(page, (b) => offListings(b, first).length === 0, 60);
      expect(offListings(badges, first), `re-checked after the snapshot came in (${page.url()}, ${Date.now() - t0} ms)`).toEqual([]);
    }
    for (const page of tabs) await page.close();
    await options.close();
  }, 300_000);
});
