import { PLATFORMS } from '@zjmade/sdk';
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../manifest.config.js';
import { ROUTES } from '../../sdk/src/listing-hosts.js';
import { isMarketplaceHost, MARKETPLACE_HOST_SUFFIXES } from '../src/shared/hosts.js';
import { adapterFor, SITES } from '../src/sites/index.js';

/** The SDK's listing host table: every exact host `parseListingUrl` knows (shop subdomains too). */
const sdkHosts = [...ROUTES.keys(), 'shop1.taobao.com', 'brand.tmall.com'];

describe('site modules', () => {
  it('are one per SDK platform, each with hosts, an adapter and test pages', () => {
    expect(SITES.map((s) => s.platform).sort()).toEqual([...PLATFORMS].sort());
    for (const s of SITES) {
      expect(s.adapter.id).toBe(s.platform);
      expect(s.adapter.hosts.length).toBeGreaterThan(0);
      expect(s.adapter.anchors.length).toBeGreaterThan(0);
      expect(s.testPages.length).toBeGreaterThan(0);
    }
  });

  it('run only on hosts of the SDK’s host table: every host suffix is one of its listing hosts’ domains', () => {
    for (const s of SITES) {
      for (const suffix of s.adapter.hosts) {
        const covered = sdkHosts.filter((h) => h === suffix || h.endsWith(`.${suffix}`));
        expect(covered.length, `${s.platform}: ${suffix}`).toBeGreaterThan(0);
      }
    }
    // And each test page's host is one the extension runs on, handled by its own module.
    for (const s of SITES) for (const p of s.testPages) expect(adapterFor(p.host).id, p.host).toBe(s.adapter.id);
  });

  it('are where the manifest’s hosts and the worker’s host check come from', () => {
    expect([...MARKETPLACE_HOST_SUFFIXES]).toEqual(SITES.flatMap((s) => s.adapter.hosts));
    const manifest = buildManifest('chrome', { registryUrl: 'https://registry.example', trustedKeys: [] });
    const hosts = (manifest.host_permissions ?? []).filter((p) => p !== 'https://registry.example/*');
    expect(hosts).toEqual(SITES.flatMap((s) => s.adapter.hosts.map((h) => `*://*.${h}/*`)));
    expect(isMarketplaceHost('s.taobao.com')).toBe(true);
    expect(isMarketplaceHost('detail.tmall.com.evil.cn')).toBe(false);
  });
});
