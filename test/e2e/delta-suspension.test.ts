// Issue 10's end-to-end check: a suspension made through the admin API reaches a RUNNING
// extension as a signed delta (not a full snapshot), and the badge on the open page changes to
// suspended. Real Chromium, the production extension build, a real registry on loopback; a
// recording proxy in front of the registry tells which files the extension downloaded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { waitForBadges } from './badges.js';
import { ExtensionControl } from './extension-control.js';
import { ARTIFACTS, ensureExtensionBuilt, hasChromium, type Launched, launchWithExtension } from './harness.js';
import { ADMIN_TOKEN, E2E_SAMPLE } from './setup.js';

interface Seen {
  path: string;
  status: number;
  bytes: number;
}

/** Forwards every request to `upstream` (loopback) and records the path and body size of each answer. */
async function recordingProxy(upstream: string): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection') as [string, string][]);
    const method = req.method ?? 'GET';
    const r = await fetch(upstream + (req.url ?? '/'), { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }) });
    const body = Buffer.from(await r.arrayBuffer());
    seen.push({ path: new URL(req.url ?? '/', upstream).pathname, status: r.status, bytes: body.length });
    const out: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
    });
    res.writeHead(r.status, out).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The registry's newest state (the pointer's head). */
async function headOf(url: string): Promise<number> {
  const p = (await (await fetch(`${url}/v1/snapshot/latest`)).json()) as { payload: string };
  const payload = JSON.parse(p.payload) as { sequence: number; head?: number };
  return payload.head ?? payload.sequence;
}

describe.skipIf(!hasChromium)('a suspension reaches a running extension as a delta', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let fixtures: FixtureServer;
  let browser: Launched;
  let control: ExtensionControl;
  const data = generateRegistry(E2E_SAMPLE);

  beforeAll(async () => {
    const dist = ensureExtensionBuilt();
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, adminToken: ADMIN_TOKEN, rateLimit: false });
    proxy = await recordingProxy(registry.url);
    fixtures = await startFixtureServer({ examples: pickExamples(data), registryUrl: proxy.url });
    browser = await launchWithExtension(dist, fixtures.hostResolverRules);
    control = await ExtensionControl.open(browser.context, browser.worker, browser.extensionId);
    await control.setSettings({ registryUrl: proxy.url, trustedKeys: registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    const status = await control.waitForStatus((s) => s.hasSnapshot && s.registryUrl === proxy.url);
    if (!status.hasSnapshot) throw new Error(`The extension did not load the registry's state: ${JSON.stringify(status)}`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await fixtures?.close();
    await proxy?.close();
    await registry?.close();
  });

  it('fetches the delta (not the full snapshot) and the open page turns suspended', async () => {
    const listing = fixtures.catalogue.search.find((l) => l.status === 'verified' && !l.claims)!;
    const evaluationId = data.bindings.find((b) => b.key === listing.key)!.evaluationId!;
    const page = await browser.context.newPage();
    await page.goto(listing.url);
    expect((await waitForBadges(page, (b) => b.length >= 1))[0]?.status).toBe('verified');
    const before = await control.status();
    // The full snapshot the extension started from, not a pointer fetched after it (same prefix).
    const fullBytes = proxy.seen.filter((s) => /^\/v1\/snapshots?(\/|$)/.test(s.path) && s.path !== '/v1/snapshot/latest' && s.status === 200).at(-1)?.bytes ?? 0;
    expect(fullBytes).toBeGreaterThan(10_000);

    const res = await fetch(`${registry.url}/v1/admin/evaluations/${encodeURIComponent(evaluationId)}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', reason: 'e2e: delta to a running extension' }),
    });
    expect(res.status).toBe(200);
    // The registry publishes off the request path (debounced): wait, bounded, for its new head.
    const deadline = Date.now() + 10_000;
    let head = await headOf(registry.url);
    while (head <= (before.sequence ?? 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      head = await headOf(registry.url);
    }
    expect(head).toBeGreaterThan(before.sequence ?? 0);

    // What the refresh alarm runs (the worker's refresh()), asked for now instead of in an hour.
    proxy.seen.length = 0;
    const started = Date.now();
    const after = await control.refresh();
    expect(after.sequence).toBe(head);
    const downloads = proxy.seen.filter((s) => s.path !== '/v1/adapters' && !s.path.startsWith('/adapters'));
    expect(downloads.some((s) => s.path.startsWith('/v1/deltas/') && s.status === 200)).toBe(true);
    expect(downloads.filter((s) => /^\/v1\/snapshots?(\/|$)/.test(s.path) && s.path !== '/v1/snapshot/latest')).toEqual([]);
    const deltaBytes = downloads.filter((s) => s.path.startsWith('/v1/deltas/')).reduce((n, s) => n + s.bytes, 0);
    const pointerBytes = downloads.filter((s) => s.path === '/v1/snapshot/latest').reduce((n, s) => n + s.bytes, 0);

    await page.bringToFront();
    const [badge] = await waitForBadges(page, (b) => b[0]?.status === 'suspended', 40);
    expect(badge?.status).toBe('suspended');
    const seconds = (Date.now() - started) / 1000;
    const report = { sequence: { from: before.sequence, to: head }, deltaBytes, pointerBytes, fullSnapshotBytes: fullBytes, ratio: deltaBytes / fullBytes, secondsToBadge: seconds, requests: downloads };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'delta-suspension.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`[e2e delta] ${before.sequence}→${head}: delta ${deltaBytes} B + pointer ${pointerBytes} B vs full snapshot ${fullBytes} B; badge suspended ${seconds.toFixed(1)} s after the refresh began`);
    expect(deltaBytes).toBeLessThan(fullBytes / 10);
    await page.close();
  }, 90_000);
});
