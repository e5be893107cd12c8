import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE } from '../../../examples/coverage/build-rows.js';
import { runCoverage } from '../src/commands/coverage.js';
import { loadRegistry } from '../src/load-registry.js';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = join(root, 'examples/coverage/listings.csv');

// The example report (sample registry, example export) opened in real Chromium with every
// network request refused: it must draw its charts, sort its tables and log no errors.
describe.skipIf(!existsSync(CHROMIUM))('zjmade coverage HTML report in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let reportPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zjmade-coverage-html-'));
    reportPath = join(dir, 'coverage-report.html');
    const registry = await loadRegistry({ kind: 'sample' });
    const result = await runCoverage(
      { enterprise: ENTERPRISE, listings: EXAMPLE, at: '2026-11-01', format: 'html', out: reportPath },
      { registry },
    );
    expect(result.exitCode).toBe(1);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--headless=new',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders its charts with no network, no console errors, and sorts tables on click', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1700 } });
    const fileUrl = pathToFileURL(reportPath).href;
    const requests: string[] = [];
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(fileUrl);

    expect(await page.locator('svg.chart').count()).toBe(3);
    expect(await page.locator('svg.chart').nth(0).locator('rect').count()).toBeGreaterThan(8);
    expect(await page.locator('svg.chart').nth(1).locator('text').count()).toBeGreaterThanOrEqual(24);
    expect(await page.locator('.sample').textContent()).toContain('SAMPLE DATA');

    // Sorting: the lapsed table by row number, ascending then descending; then by status text.
    const rows = () =>
      page.locator('#t-lapsed tbody tr td:first-child').evaluateAll((tds) => tds.map((td) => Number(td.textContent)));
    const header = page.locator('#t-lapsed th[data-col="0"]');
    await header.click();
    const asc = await rows();
    expect(asc.length).toBeGreaterThan(2);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    const desc = await rows();
    expect(desc).toEqual([...asc].reverse());
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const platforms = page.locator('#t-platforms th[data-col="2"]');
    await platforms.click();
    const listings = await page
      .locator('#t-platforms tbody tr td:nth-child(3)')
      .evaluateAll((tds) => tds.map((td) => Number(td.textContent)));
    expect(listings).toEqual([...listings].sort((a, b) => a - b));

    await mkdir(join(root, 'artifacts'), { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(root, 'artifacts/coverage-report.png') });

    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    expect(requests).toEqual([fileUrl]);
    await context.close();
  }, 60_000);
});
