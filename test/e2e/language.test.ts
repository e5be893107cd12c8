import { existsSync } from 'node:fs';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { type BadgeInfo, onHost, waitForBadges } from './badges.js';
import { ExtensionControl } from './extension-control.js';
import { ensureExtensionBuilt, hasChromium, type Launched, launchWithExtension } from './harness.js';
import { E2E_SAMPLE } from './setup.js';

/**
 * The language setting `auto` follows the browser's UI language: Chromium started in English
 * draws English badges on a Chinese marketplace page, started in Chinese draws Chinese ones. On
 * Linux Chromium takes its UI language from `--lang` together with `LANGUAGE`.
 */
async function launchIn(lang: string, dist: string, rules: string): Promise<Launched> {
  const saved = process.env.LANGUAGE;
  process.env.LANGUAGE = lang.replace('-', '_');
  try {
    return await launchWithExtension(dist, rules, [`--lang=${lang}`]);
  } finally {
    if (saved === undefined) delete process.env.LANGUAGE;
    else process.env.LANGUAGE = saved;
  }
}

/**
 * The width of the typographic apostrophe in the badge's label, in em: a Latin font draws it
 * narrow (~0.2–0.3 em); a CJK fallback font, picked when the text takes the page's `zh-CN`
 * language, draws it full width (1 em), a visible gap in "maker’ s".
 */
async function apostropheEm(page: Page, badge: BadgeInfo): Promise<number> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: badge.buttonBackendNodeId ?? undefined })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    returnByValue: true,
    functionDeclaration: `function () {
      const walker = document.createTreeWalker(this, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf('\\u2019');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        return r.getBoundingClientRect().width / parseFloat(getComputedStyle(n.parentElement).fontSize);
      }
      return -1;
    }`,
  })) as { result: { value: number } };
  await cdp.detach();
  return result.value;
}

describe.skipIf(!hasChromium)('badge language follows the browser (Chromium, language: auto)', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let fixtures: FixtureServer;
  const dist = hasChromium ? ensureExtensionBuilt() : '';

  beforeAll(async () => {
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, rateLimit: false });
    fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry(E2E_SAMPLE)), registryUrl: registry.url });
  }, 120_000);

  afterAll(async () => {
    await fixtures?.close();
    await registry?.close();
  });

  async function badgesIn(lang: string, check: (page: Page, badges: BadgeInfo[]) => Promise<void>, language: 'auto' | 'zh-CN' | 'en' = 'auto'): Promise<void> {
    const browser = await launchIn(lang, dist, fixtures.hostResolverRules);
    try {
      const control = await ExtensionControl.open(browser.context, browser.worker, browser.extensionId);
      await control.setSettings({ registryUrl: registry.url, trustedKeys: registry.jwks.keys, language, marks: 'all' });
      await control.waitForStatus((s) => s.hasSnapshot && s.registryUrl === registry.url);
      const page = await browser.context.newPage();
      await page.goto(fixtures.url('s.taobao.com', '/search?q=%E8%A2%9C%E5%AD%90'));
      const badges = await waitForBadges(page, (b) => b.some((x) => x.status === 'verified') && b.some((x) => x.status === 'store-only'));
      await check(page, badges);
    } finally {
      await browser.close();
    }
  }

  it('English UI: English badges, lang="en" on the host, a narrow apostrophe in "maker’s"', async () => {
    await badgesIn('en-US', async (page, badges) => {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(badges.find((b) => b.status === 'verified')?.text).toContain('Zhejiang Made · verified');
      const store = badges.find((b) => b.status === 'store-only' && b.tone === 'store');
      expect(store?.text).toContain('Certified maker’s store');
      expect(await onHost(page, store!, 'function () { return this.lang; }')).toBe('en');
      const em = await apostropheEm(page, store!);
      expect(em).toBeGreaterThan(0);
      expect(em, 'the apostrophe is drawn by a Latin font, not full width').toBeLessThan(0.6);
    });
  }, 120_000);

  // Debian's chromium ships only the en-US UI locale (Chinese comes with chromium-l10n): without
  // it Chromium's UI, and so `i18n.getUILanguage()`, stays English whatever --lang says.
  it.skipIf(!existsSync('/usr/lib/chromium/locales/zh-CN.pak'))('Chinese UI: Chinese badges, lang="zh-CN" on the host', async () => {
    await badgesIn('zh-CN', async (page, badges) => {
      const verified = badges.find((b) => b.status === 'verified');
      expect(verified?.text).toContain('浙江制造 · 已核验');
      expect(await onHost(page, verified!, 'function () { return this.lang; }')).toBe('zh-CN');
    });
  }, 120_000);

  it('the setting wins over the UI language: zh-CN in an English browser, lang="zh-CN" on the host', async () => {
    await badgesIn(
      'en-US',
      async (page, badges) => {
        const verified = badges.find((b) => b.status === 'verified');
        expect(verified?.text).toContain('浙江制造 · 已核验');
        expect(await onHost(page, verified!, 'function () { return this.lang; }')).toBe('zh-CN');
      },
      'zh-CN',
    );
  }, 120_000);
});
