import { mkdirSync } from 'node:fs';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import type { RegistryData } from '@zjmade/sdk';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { ExtensionControl } from './extension-control.js';
import { ARTIFACTS, ensureExtensionBuilt, type Launched, launchWithExtension } from './harness.js';

/** Small enough to start in a second or two, large enough for every verdict. */
export const E2E_SAMPLE = { scale: 0.2 } as const;
export const ADMIN_TOKEN = 'e2e-admin-token';

export interface E2eWorld {
  registry: Awaited<ReturnType<typeof startRegistry>>;
  data: RegistryData;
  fixtures: FixtureServer;
  browser: Launched;
  control: ExtensionControl;
  close(): Promise<void>;
}

/** The real registry, the fixture pages and Chromium with the production extension build. */
export async function startWorld(): Promise<E2eWorld> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dist = ensureExtensionBuilt();
  const registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, adminToken: ADMIN_TOKEN, rateLimit: false });
  const data = generateRegistry(E2E_SAMPLE);
  const fixtures = await startFixtureServer({ examples: pickExamples(data), registryUrl: registry.url });
  const browser = await launchWithExtension(dist, fixtures.hostResolverRules);
  const control = await ExtensionControl.open(browser.context, browser.worker, browser.extensionId);
  await control.setSettings({ registryUrl: registry.url, trustedKeys: registry.jwks.keys, language: 'zh-CN' });
  const status = await control.waitForStatus((s) => s.hasSnapshot && s.registryUrl === registry.url);
  if (!status.hasSnapshot) throw new Error(`The extension did not load the registry's snapshot: ${JSON.stringify(status)}`);
  return {
    registry,
    data,
    fixtures,
    browser,
    control,
    async close() {
      await browser.close().catch(() => undefined);
      await fixtures.close();
      await registry.close();
    },
  };
}
