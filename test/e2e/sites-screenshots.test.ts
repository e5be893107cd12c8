import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITES } from '../../extension/src/sites/index.js';
import type { FixtureListing } from '../fixtures/catalogue.js';
import { visibleFractions, waitForBadges } from './badges.js';
import { ARTIFACTS, hasChromium } from './harness.js';
import { type E2eWorld, startWorld } from './setup.js';

const SHOTS = join(ARTIFACTS, 'sites');

/**
 * Every site module's own test pages (`testPages`), in Chromium with every listing marked: each
 * page gets badges, each badge ≥ 95 % visible, and a screenshot per page as a test artefact
 * (artifacts/sites/chromium-<site>[-detail].png) to look at.
 */
describe.skipIf(!hasChromium)('every site module’s test pages (Chromium screenshots)', () => {
  let w: E2eWorld;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    w = await startWorld();
    await w.control.setSettings({ registryUrl: w.registry.url, trustedKeys: w.registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    await w.control.waitForStatus((s) => s.hasSnapshot);
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  /** A listing of `platform` in the catalogue, a verified one if there is one (its detail page). */
  function listingOf(platform: string): FixtureListing | undefined {
    const all = [...w.fixtures.catalogue.byKey.values()].filter((l) => l.platform === platform);
    return all.find((l) => l.status === 'verified') ?? all[0];
  }

  for (const site of SITES) {
    it(`${site.adapter.id}: badges on its test pages, each ≥ 95 % visible`, async () => {
      const page = await w.browser.context.newPage();
      for (const p of site.testPages) {
        let url = w.fixtures.url(p.host, p.path);
        const detail = p.path === '{detail}';
        if (detail) {
          const l = listingOf(site.platform);
          if (!l) continue;
          const u = new URL(l.url);
          url = w.fixtures.url(u.hostname, `${u.pathname}${u.search}`);
        }
        await page.goto(url);
        const badges = await waitForBadges(page, (b) => b.length > 0);
        expect(badges.length, `badges on ${url}`).toBeGreaterThan(0);
        for (const v of await visibleFractions(page, badges)) expect(v, `visible on ${url}`).toBeGreaterThanOrEqual(0.95);
        await page.screenshot({ path: join(SHOTS, `chromium-${site.adapter.id}${detail ? '-detail' : ''}.png`) });
      }
      await page.close();
    }, 60_000);
  }
});
