import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import type { BrowserContext } from 'playwright-core';
import { ExtensionControl } from '../e2e/extension-control.js';
import { launchPlain, launchWithExtension } from '../e2e/harness.js';
import { startFixtureServer } from '../fixtures/server.js';
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };
const registry = await startRegistry({ sample: { scale: 1 }, port: 0, rateLimit: false });
const fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry({ scale: 1 })), registryUrl: registry.url });
const withExt = await launchWithExtension(process.env.D ?? '/work/main/extension/dist/chrome', fixtures.hostResolverRules);
const plain = await launchPlain(fixtures.hostResolverRules);
const control = await ExtensionControl.open(withExt.context, withExt.worker, withExt.extensionId);
await control.setSettings({ registryUrl: registry.url, trustedKeys: registry.jwks.keys });
await control.waitForStatus((s) => s.hasSnapshot, 120);
await control.optionsPage.close();
const url = fixtures.url('s.taobao.com', '/bench?n=60&mode=static');
async function t(ctx: BrowserContext) {
  const page = await ctx.newPage();
  await page.waitForTimeout(50);
  await page.goto(url, { waitUntil: 'load' });
  const r = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming; return [n.responseStart, n.responseEnd, n.domInteractive, n.domContentLoadedEventEnd, n.loadEventStart, n.loadEventEnd]; });
  await page.waitForTimeout(300);
  await page.close(); return r;
}
const cols = (rows: number[][]) => rows[0]!.map((_, i) => median(rows.map((r) => r[i]!)).toFixed(1)).join(' ');
const a: number[][] = []; const b: number[][] = [];
for (let i = 0; i < 30; i++) { a.push(await t(withExt.context)); b.push(await t(plain.context)); }
console.log('with   ', cols(a)); console.log('without', cols(b));
await withExt.close(); await plain.close(); await fixtures.close(); await registry.close();
