import type { Locale } from '@zjmade/badge';
import { createRegistryClient, type SnapshotVerifier, type TrustedKey, unknownVerdict, type Verdict } from '@zjmade/sdk';
import { Hono } from 'hono';
import { listingPageHtml, type Product } from './listing-page.js';

export interface ListingServerOptions {
  registryUrl: string;
  /** Trust anchors for the snapshot, configured here — never fetched from the registry itself. */
  trustedKeys: readonly TrustedKey[];
  products: readonly Product[];
  /** How often to look for a new snapshot (If-None-Match: unchanged costs a 304). Default 10 minutes. */
  refreshMs?: number;
  locale?: Locale;
}

export interface ListingServer {
  app: Hono;
  /** Fetches a newer snapshot now; the last good one stays when it fails. */
  refresh(): Promise<void>;
  current(): SnapshotVerifier | null;
  stop(): void;
}

/**
 * A platform's listing page verified server-side: every request is answered from the last good
 * signed snapshot in memory (no registry call per request), refreshed in the background.
 */
export async function createListingServer(options: ListingServerOptions): Promise<ListingServer> {
  const client = createRegistryClient({ baseUrl: options.registryUrl, trustedKeys: options.trustedKeys });
  const locale = options.locale ?? 'zh-CN';
  const refresh = async () => {
    try {
      await client.snapshot();
    } catch (error) {
      // No good snapshot yet: pages say "can't verify" until one arrives.
      console.error('snapshot refresh failed:', error instanceof Error ? error.message : error);
    }
  };
  await refresh();
  const timer = setInterval(refresh, options.refreshMs ?? 10 * 60_000);
  timer.unref();

  const verdicts = (): Verdict[] => {
    const verifier = client.currentSnapshot();
    if (!verifier) {
      return options.products.map((p) => unknownVerdict(null, 'no-snapshot', 'no snapshot yet', Date.now(), { kind: 'none' }, p.title));
    }
    return verifier.verifyMany(options.products.map((p) => ({ listing: p.url, text: p.title })));
  };

  const app = new Hono();
  app.get('/', (c) => {
    const info = client.currentSnapshot()?.info;
    const note = info
      ? `Verified against snapshot ${info.sequence} issued ${info.issuedAt}${info.meta.sample ? ' (SAMPLE DATA)' : ''}`
      : 'No snapshot yet';
    return c.html(listingPageHtml(options.products, verdicts(), locale, options.registryUrl, note));
  });
  app.get('/verdicts.json', (c) => c.json(verdicts().map((v) => ({ key: v.key, status: v.status, claim: v.claim }))));
  app.get('/healthz', (c) => {
    const info = client.currentSnapshot()?.info;
    return c.json({ snapshot: info ? { sequence: info.sequence, issuedAt: info.issuedAt, sample: info.meta.sample } : null, ageMs: client.snapshotAge() });
  });

  return { app, refresh, current: () => client.currentSnapshot(), stop: () => clearInterval(timer) };
}
