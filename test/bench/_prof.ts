import { writeFileSync } from 'node:fs';
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
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
const self = new Map<string, number>();
for (let i = 0; i < 6; i++) {
  const page = await withExt.context.newPage();
  const cdp = await withExt.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  let d: unknown[] = [];
  for (let k = 0; k < 100 && d.length === 0; k++) { await page.waitForTimeout(30); d = await page.evaluate(() => performance.getEntriesByName('zjmade:drawn').map((e) => (e as PerformanceMark).detail)); }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, j) => {
    const n = byId.get(id)!; const dt = profile.timeDeltas[j + 1] ?? 0;
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.includes('chrome-extension') ? 'EXT' : n.callFrame.url.slice(0, 30)}:${n.callFrame.columnNumber}`;
    self.set(k, (self.get(k) ?? 0) + dt / 1000);
  });
  if (i === 5) writeFileSync('/tmp/prof.json', JSON.stringify(profile));
  console.log(JSON.stringify(d));
  await page.close();
}
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${(v / 6).toFixed(2)} ${k}`).join('\n'));
await withExt.close(); await fixtures.close(); await registry.close();
