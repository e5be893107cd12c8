import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { ExtensionControl } from '../e2e/extension-control.js';
import { ensureExtensionBuilt, launchWithExtension } from '../e2e/harness.js';
import { startFixtureServer } from '../fixtures/server.js';
const registry = await startRegistry({ sample: { scale: 1 }, port: 0, rateLimit: false });
const fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry({ scale: 1 })), registryUrl: registry.url });
const withExt = await launchWithExtension(ensureExtensionBuilt(), fixtures.hostResolverRules);
const control = await ExtensionControl.open(withExt.context, withExt.worker, withExt.extensionId);
await control.setSettings({ registryUrl: registry.url, trustedKeys: registry.jwks.keys });
await control.waitForStatus((s) => s.hasSnapshot, 120);
const url = fixtures.url('s.taobao.com', '/bench?n=60&mode=static');
for (let i = 0; i < 8; i++) {
  const page = await withExt.context.newPage();
  await page.goto(url);
  let d: unknown[] = [];
  for (let k = 0; k < 100 && d.length === 0; k++) { await page.waitForTimeout(30); d = await page.evaluate(() => performance.getEntriesByName('zjmade:drawn').map((e) => (e as PerformanceMark).detail)); }
  console.log(JSON.stringify(d));
  await page.close();
}
await withExt.close(); await fixtures.close(); await registry.close();
