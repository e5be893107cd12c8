import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf } from '../src/catalogue.js';

const here = fileURLToPath(new URL('..', import.meta.url));
const artifacts = fileURLToPath(new URL('../../../artifacts/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

let registry: Awaited<ReturnType<typeof startRegistry>>;
let web: Server;
let browser: Browser;
let outDir: string;
let pageUrl: string;

beforeAll(async () => {
  registry = await startRegistry({ sample: true, port: 0 });
  outDir = mkdtempSync(join(tmpdir(), 'zjmade-storefront-'));
  await build({ root: here, configFile: join(here, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  writeFileSync(join(outDir, 'products.json'), JSON.stringify(catalogueOf(pickExamples(generateRegistry()), registry.url)));
  web = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = readFileSync(join(outDir, path === '/' ? 'index.html' : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path || '.html')] ?? 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()));
  await registry?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('storefront example in Chromium', () => {
  it('shows a badge for every verdict, from one batched request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const verifyCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/verify') && r.method() === 'POST') verifyCalls.push(r.url());
    });
    await page.goto(pageUrl);
    const total = await page.locator('article.card').count();
    expect(total).toBeGreaterThan(10);
    // Every badge answered (bounded wait, no timing assertion).
    await page.waitForFunction((n) => document.querySelectorAll('zjmade-badge[data-status]').length === n, total, { timeout: 15_000 });
    const cards = await page.$$eval('article.card', (els) =>
      els.map((el) => {
        const badge = el.querySelector('zjmade-badge');
        const button = badge?.shadowRoot?.querySelector('button');
        return {
          expect: (el as HTMLElement).dataset.expect,
          status: badge?.getAttribute('data-status'),
          claim: badge?.getAttribute('data-claim'),
          // The button's name comes from its content (visible words first, then a hidden hint).
          label: button?.textContent ?? '',
          font: button ? getComputedStyle(button).fontFamily : '',
        };
      }),
    );
    for (const c of cards) {
      if (c.expect === 'unbacked') {
        expect(c.claim).toBe('unbacked');
        // "声称浙江制造 · 无依据", or with a lapsed status "浙江制造 · 已暂停 · 声称无依据".
        expect(c.label).toContain('无依据');
      } else if (c.expect !== 'unknown') {
        expect(c.status, JSON.stringify(c)).toBe(c.expect);
      }
      expect(c.label).toContain('品字标核验');
      expect(c.font).not.toContain('serif,'); // page styles did not leak in
    }
    const seen = new Set(cards.map((c) => c.status));
    for (const s of ['verified', 'store-only', 'expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned', 'not-found']) expect(seen, s).toContain(s);
    expect(verifyCalls).toHaveLength(1);

    // Open one card from the keyboard and keep it in the screenshot.
    const first = page.locator('zjmade-badge[data-status="verified"]').first();
    await first.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.locator('[role="dialog"]').count()).toBe(1);
    expect(await first.locator('[role="dialog"]').textContent()).toContain('样例数据');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'storefront.png'), fullPage: true });
    await page.close();
  });
});
