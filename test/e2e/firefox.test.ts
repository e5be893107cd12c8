import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITES } from '../../extension/src/sites/index.js';
import type { FixtureListing } from '../fixtures/catalogue.js';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { ARTIFACTS, REPO } from './harness.js';
import { E2E_SAMPLE } from './setup.js';

/**
 * The core browser cases in real Firefox (../shared/FIREFOX-TESTS.md): Debian's firefox-esr over
 * WebDriver BiDi with puppeteer-core, the production Firefox build of the extension installed as a
 * temporary add-on, the fixture server as Firefox's HTTP proxy (it routes by Host), the real
 * registry on loopback (never proxied). BiDi cannot reach into the content script's realm or the
 * extension's pages, so the extension is built with the registry and its keys, and badges are
 * probed from the page: a badge host is a bare <span> (but for its `lang`) whose closed root makes
 * attachShadow throw.
 */
const FIREFOX = '/usr/bin/firefox-esr';
const hasFirefox = existsSync(FIREFOX);
if (!hasFirefox) console.warn('[e2e] /usr/bin/firefox-esr is missing: skipping the Firefox tests (apt-get install -y firefox-esr).');

interface Probe {
  key: string;
  hosts: number;
  /** Visible fraction of each badge host inside the card's clipping ancestors. */
  visible: number[];
  inLink: boolean;
  /** Every badge stays within its card's width (a long label wraps rather than run into the next card). */
  inside: boolean;
}

/** Runs in the page: per `[data-fixture-key]`, its badge hosts, how visible each is, whether one is in a link. */
function probeBadges(): Probe[] {
  const isHost = (el: Element) => {
    if (Array.from(el.attributes).some((a) => a.name !== 'lang') || el.childNodes.length > 0) return false;
    try {
      el.attachShadow({ mode: 'open' });
      return false;
    } catch (e) {
      return (e as Error).name === 'NotSupportedError';
    }
  };
  const visible = (host: Element) => {
    const r = host.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return 0;
    let l = r.left;
    let t = r.top;
    let rt = r.right;
    let bt = r.bottom;
    for (let e = host.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = e.getBoundingClientRect();
      const cl = c.left + e.clientLeft;
      const ct = c.top + e.clientTop;
      l = Math.max(l, cl);
      t = Math.max(t, ct);
      rt = Math.min(rt, cl + e.clientWidth);
      bt = Math.min(bt, ct + e.clientHeight);
    }
    return (Math.max(0, rt - l) * Math.max(0, bt - t)) / (r.width * r.height);
  };
  return Array.from(document.querySelectorAll('[data-fixture-key]')).map((card) => {
    const hosts = Array.from(card.querySelectorAll('span')).filter(isHost);
    const box = card.getBoundingClientRect();
    const inside = hosts.every((h) => {
      const r = h.getBoundingClientRect();
      return r.left >= box.left - 1 && r.right <= box.right + 1;
    });
    return {
      key: card.getAttribute('data-fixture-key') ?? '',
      hosts: hosts.length,
      visible: hosts.map(visible),
      inLink: hosts.some((h) => h.closest('a[href]') !== null),
      inside,
    };
  });
}

const notable = (ls: FixtureListing[]) => ls.filter((l) => l.status !== 'not-found' || l.claims);

describe.skipIf(!hasFirefox)('extension in Firefox (production build, real registry)', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let fixtures: FixtureServer;
  let browser: Browser;
  let buildDir: string;
  let openedEarly: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, rateLimit: false });
    fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry(E2E_SAMPLE)), registryUrl: registry.url });
    // Firefox extension pages cannot be driven over BiDi, so the build carries the registry and keys.
    buildDir = mkdtempSync(join(tmpdir(), 'zjmade-ff-'));
    execFileSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', 'scripts/build.ts', '--out', buildDir, '--target', 'firefox', '--no-zip'], {
      cwd: join(REPO, 'extension'),
      env: { ...process.env, ZJMADE_REGISTRY_URL: registry.url, ZJMADE_TRUSTED_KEYS: JSON.stringify(registry.jwks) },
      stdio: 'pipe',
    });
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: {
        // Every http:// request goes to the fixture server (it routes by Host); loopback stays direct.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': fixtures.port,
        'network.proxy.no_proxies_on': '',
        'network.trr.mode': 5,
        'dom.security.https_first': false,
        'dom.security.https_only_mode': false,
        'network.stricttransportsecurity.preloadlist': false,
      },
    });
    // A marketplace tab open before the add-on is installed: it must get badges too.
    openedEarly = await browser.newPage();
    await openedEarly.setViewport({ width: 1280, height: 900 });
    await openedEarly.goto(fixtures.url('s.taobao.com', '/search?q=early'), { waitUntil: 'load' });
    await browser.installExtension(join(buildDir, 'firefox'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await fixtures?.close();
    await registry?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  /** Polls the page's badge hosts until `done` (bounded: ~20 s). */
  async function waitProbe(page: Page, done: (p: Probe[]) => boolean): Promise<Probe[]> {
    let last: Probe[] = [];
    for (let i = 0; i < 80; i++) {
      last = await page.evaluate(probeBadges);
      if (done(last)) return last;
      await new Promise((r) => setTimeout(r, 250));
    }
    return last;
  }

  const marked = (p: Probe[]) => new Set(p.filter((x) => x.hosts > 0).map((x) => x.key));

  it('badges a Taobao search tab that was open before the add-on was installed: notable listings only, each ≥ 95 % visible, none in a link', async () => {
    const c = fixtures.catalogue;
    const page = openedEarly;
    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    const want = new Set(notable(c.search).map((l) => l.key));
    const probes = await waitProbe(page, (p) => marked(p).size === want.size && [...want].every((k) => marked(p).has(k)));
    expect([...marked(probes)].sort()).toEqual([...want].sort());
    for (const p of probes) {
      expect(p.hosts, p.key).toBeLessThanOrEqual(1);
      expect(p.inLink, p.key).toBe(false);
      expect(p.inside, `${p.key} within its card`).toBe(true);
      for (const v of p.visible) expect(v, `${p.key} ${(v * 100).toFixed(0)} % visible`).toBeGreaterThanOrEqual(0.95);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'firefox-taobao-search.png') });
  }, 60_000);

  it('draws badges in the browser’s language (auto: English here), lang="en" on each host, so ’ takes a Latin font on a zh-CN page', async () => {
    const page = await browser.newPage();
    await page.goto(fixtures.url('s.taobao.com', '/search?q=lang'), { waitUntil: 'load' });
    await waitProbe(page, (p) => p.some((x) => x.hosts > 0));
    const seen = await page.evaluate(() => {
      const hosts = Array.from(document.querySelectorAll('[data-fixture-key] span')).filter((el) => {
        if (el.childNodes.length > 0) return false;
        try {
          el.attachShadow({ mode: 'open' });
          return false;
        } catch (e) {
          return (e as Error).name === 'NotSupportedError';
        }
      });
      // How wide this Firefox draws ’ in text of each language, on this page's fonts.
      const em = (lang: string) => {
        const s = document.createElement('span');
        s.lang = lang;
        s.style.fontSize = '100px';
        s.textContent = '\u2019';
        document.body.append(s);
        const w = s.getBoundingClientRect().width / 100;
        s.remove();
        return w;
      };
      return { page: document.documentElement.lang, langs: [...new Set(hosts.map((h) => h.getAttribute('lang')))], en: em('en'), zh: em('zh-CN') };
    });
    await page.close();
    expect(seen.page).toBe('zh-CN');
    expect(seen.langs).toEqual(['en']);
    // In zh-CN text Firefox takes a CJK font for ’ (about 1 em: the "maker’ s" gap); in en text a Latin one.
    expect(seen.en, `’ is ${seen.en.toFixed(2)} em in en text, ${seen.zh.toFixed(2)} em in zh-CN text`).toBeLessThan(0.6);
  }, 60_000);

  it('a click on a badge inside a target=_blank card opens no tab and does not navigate', async () => {
    const page = openedEarly;
    const before = (await browser.pages()).length;
    const spot = await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('[data-fixture-key] span'))) {
        if (Array.from(el.attributes).some((a) => a.name !== 'lang') || el.childNodes.length > 0) continue;
        try {
          el.attachShadow({ mode: 'open' });
        } catch {
          el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 800));
    expect((await browser.pages()).length).toBe(before);
    expect(page.url()).toMatch(/^http:\/\/s\.taobao\.com\/search/);
    await page.screenshot({ path: join(ARTIFACTS, 'firefox-card.png') });
    await page.keyboard.press('Escape');
  }, 30_000);

  it('badges JD search, the deals page and a detail page per platform, each badge ≥ 95 % visible', async () => {
    const c = fixtures.catalogue;
    const pages = [
      { name: 'jd-search', url: fixtures.url('search.jd.com', '/Search?keyword=ff'), want: notable(c.jd).length },
      { name: 'deals', url: fixtures.url('www.xiaohongshu.com', '/deals'), want: notable(c.deals).length },
    ];
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    for (const p of pages) {
      await page.goto(p.url, { waitUntil: 'load' });
      const probes = await waitProbe(page, (x) => marked(x).size >= p.want);
      expect(marked(probes).size, p.name).toBe(p.want);
      for (const v of probes.flatMap((x) => x.visible)) expect(v, p.name).toBeGreaterThanOrEqual(0.95);
      await page.screenshot({ path: join(ARTIFACTS, `firefox-${p.name}.png`) });
    }
    // Detail pages have no fixture keys: the badge is the bare span after the title.
    for (const l of notable(c.deals)) {
      await page.goto(l.url.replace(/^https:/, 'http:'), { waitUntil: 'load' });
      let found = 0;
      for (let i = 0; i < 40 && found === 0; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 250));
        found = await page.evaluate(() => {
          let count = 0;
          for (const el of Array.from(document.querySelectorAll('main span'))) {
            if (Array.from(el.attributes).some((a) => a.name !== 'lang') || el.childNodes.length > 0) continue;
            try {
              el.attachShadow({ mode: 'open' });
            } catch {
              if (el.getBoundingClientRect().width > 0) count++;
            }
          }
          return count;
        });
      }
      expect(found, `detail page on ${l.platform}`).toBe(1);
      if (l.platform === 'taobao' || l.platform === 'tmall') await page.screenshot({ path: join(ARTIFACTS, `firefox-detail-${l.platform}.png`) });
    }
    await page.close();
  }, 90_000);

  it('badges every site module’s test pages, with a screenshot of each (artifacts/sites/firefox-<site>.png)', async () => {
    mkdirSync(join(ARTIFACTS, 'sites'), { recursive: true });
    const listings = [...fixtures.catalogue.byKey.values()];
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    for (const site of SITES) {
      for (const p of site.testPages) {
        const detail = p.path === '{detail}';
        const l = detail ? (listings.find((x) => x.platform === site.platform && x.status === 'verified') ?? listings.find((x) => x.platform === site.platform)) : undefined;
        if (detail && !l) continue;
        const url = l ? l.url.replace(/^https:/, 'http:') : fixtures.url(p.host, p.path);
        await page.goto(url, { waitUntil: 'load' });
        let hosts = 0;
        for (let i = 0; i < 60 && hosts === 0; i++) {
          if (i > 0) await new Promise((r) => setTimeout(r, 250));
          hosts = await page.evaluate(() => {
            let count = 0;
            for (const el of Array.from(document.querySelectorAll('span'))) {
              if (Array.from(el.attributes).some((a) => a.name !== 'lang') || el.childNodes.length > 0) continue;
              try {
                el.attachShadow({ mode: 'open' });
              } catch {
                if (el.getBoundingClientRect().width > 0) count++;
              }
            }
            return count;
          });
        }
        expect(hosts, `badges on ${url}`).toBeGreaterThan(0);
        await page.screenshot({ path: join(ARTIFACTS, 'sites', `firefox-${site.adapter.id}${detail ? '-detail' : ''}.png`) });
      }
    }
    await page.close();
  }, 180_000);
});
