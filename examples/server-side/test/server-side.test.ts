import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListingServer, type ListingServer } from '../src/app.js';
import { sampleProducts } from '../src/sample-products.js';

let registry: Awaited<ReturnType<typeof startRegistry>>;
let server: ListingServer;
let http: ReturnType<typeof serve>;
let base: string;
const products = sampleProducts(pickExamples(generateRegistry()), 1);

beforeAll(async () => {
  registry = await startRegistry({ sample: true, port: 0 });
  server = await createListingServer({ registryUrl: registry.url, trustedKeys: registry.jwks.keys, products, locale: 'en' });
  http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => http.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.stop();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  await registry?.close();
});

describe('server-side verification from the signed snapshot', () => {
  it('renders every verdict into the page without calling the registry per request', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const statuses = [...html.matchAll(/<zjmade-ssr-badge data-status="([a-z-]+)" data-claim="([a-z]+)"/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(statuses).toHaveLength(products.length);
    for (const s of ['verified', 'store-only', 'expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned', 'not-found']) {
      expect(statuses.some((x) => x.startsWith(`${s}/`)), s).toBe(true);
    }
    expect(statuses.some((x) => x.endsWith('/unbacked'))).toBe(true);
    expect(html).toContain('shadowrootmode="open"');
    expect(html).toContain('Zhejiang Made · verified');
    expect(html).toContain('SAMPLE DATA');
  });

  it('answers from the snapshot it holds and refreshes it in the background', async () => {
    const before = (await (await fetch(`${base}/healthz`)).json()) as { snapshot: { sequence: number; sample: boolean } | null };
    expect(before.snapshot?.sample).toBe(true);
    await server.refresh(); // unchanged: a 304 keeps the same snapshot
    const after = (await (await fetch(`${base}/healthz`)).json()) as { snapshot: { sequence: number } | null };
    expect(after.snapshot?.sequence).toBe(before.snapshot?.sequence);
    const verdicts = (await (await fetch(`${base}/verdicts.json`)).json()) as { status: string }[];
    expect(verdicts.filter((v) => v.status === 'unknown')).toHaveLength(0);
  });
});
