import { describe, expect, it } from 'vitest';
import { buildManifest } from '../manifest.config.js';
import { sourcePackage, storeProblems } from '../scripts/store.js';
import en from '../public/_locales/en/messages.json';

const storeConfig = { registryUrl: 'https://registry.example', trustedKeys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k' }] } as never;

describe('store builds', () => {
  it('refuse a loopback or plain-http registry, or no trust anchors', () => {
    expect(storeProblems({ registryUrl: 'http://127.0.0.1:8787', trustedKeys: [] })).toHaveLength(3);
    expect(storeProblems({ registryUrl: 'https://localhost', trustedKeys: [] }).join(' ')).toMatch(/loopback/);
    expect(storeProblems(storeConfig)).toEqual([]);
  });

  it('have no key, no loopback host, the minimum browser versions the APIs need', () => {
    const chrome = buildManifest('chrome', storeConfig, { store: true });
    expect(chrome.key).toBeUndefined();
    expect(chrome.minimum_chrome_version).toBe('116');
    const hosts = [...(chrome.host_permissions ?? []), ...(chrome.optional_host_permissions ?? [])];
    expect(hosts.some((h) => /127\.0\.0\.1|localhost/.test(h))).toBe(false);
    const firefox = buildManifest('firefox', storeConfig, { store: true });
    const gecko = (firefox.browser_specific_settings as { gecko: { strict_min_version: string; data_collection_permissions: unknown } }).gecko;
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // The unpacked test build keeps its fixed id.
    expect(buildManifest('chrome', storeConfig).key).toBeTruthy();
  });

  it('describe the extension within the Chrome Web Store’s 132 characters, and ship a source package', () => {
    expect(en.extDescription.message.length).toBeLessThanOrEqual(132);
    const files = Object.keys(sourcePackage());
    expect(files).toContain('BUILD.md');
    expect(files).toContain('extension/manifest.config.ts');
    expect(files).toContain('sdk/src/index.ts');
    expect(files.some((f) => f.includes('node_modules') || f.includes('/dist/'))).toBe(false);
  });
});
