// Issue 13, "Remote adapter updates": a marketplace changes its card markup; the operator publishes
// an adapter update through the registry (`zjmade-registry adapters FILE` on the registry's own
// SQLite file, what an operator runs); the production extension build takes it from the registry
// it is configured with — its API, or the same registry exported as a static tree on nginx — and
// draws the right badges without a rebuild. Refused, with the last good adapter staying: a
// schema-invalid document (the registry signs it; the extension's schema stops it), a tampered
// adapters.json on the static host, one signed by a key that is not a trust anchor. The per-site
// kill switch and the minimum extension version are followed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdapterDocument } from '../../packages/registry/src/adapters/sign.js';
import type { FixtureListing } from '../fixtures/catalogue.js';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { type BadgeInfo, readBadges, waitForBadges } from './badges.js';
import { ExtensionControl, type ExtensionStatus } from './extension-control.js';
import { ARTIFACTS, ensureExtensionBuilt, hasChromium, type Launched, launchWithExtension, REPO } from './harness.js';
import { E2E_SAMPLE } from './setup.js';

const NGINX = '/usr/sbin/nginx';
const CLI = join(REPO, 'packages/registry/src/cli.ts');

/** The adapter for the changed Taobao cards: data only (selectors, an attribute, placement). */
const ADAPTER = {
  anchors: ['a[href]'],
  cards: ['[data-nid]'],
  cardTitles: ['[class*="ttl--"]'],
  idAttributes: [{ selector: '[data-nid]', attribute: 'data-nid', url: 'https://item.taobao.com/item.htm?id={id}' }],
  placement: 'in-card',
  detailTitles: ['h1'],
};
const doc = (sites: unknown) => ({ format: 1, issuedAt: new Date().toISOString(), sites });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

// As a deployment serves the tree: immutable files forever, the pointer and adapters.json never cached.
const nginxConf = (prefix: string, root: string, port: number) => `
daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types { application/json json; application/vnd.zjmade.snapshot zjs; application/vnd.zjmade.delta zjd; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location ~ ^/(snapshots|deltas)/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    location ~ ^/(latest|adapters)\\.json$ { add_header Cache-Control "no-cache"; }
  }
}
`;

/** The HTTP status of a GET, on a connection of its own (no keep-alive socket the server may just have closed). */
const statusOf = (url: string) =>
  new Promise<number>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });

function byKey(badges: BadgeInfo[]): Map<string, BadgeInfo[]> {
  const m = new Map<string, BadgeInfo[]>();
  for (const b of badges) if (b.fixtureKey) m.set(b.fixtureKey, [...(m.get(b.fixtureKey) ?? []), b]);
  return m;
}

if (!hasChromium) console.warn('[e2e] /usr/bin/chromium is missing: skipping the remote adapter test.');

describe.skipIf(!hasChromium || !existsSync(NGINX))('remote adapter updates through a real registry (Chromium, production build)', () => {
  let dir = '';
  let dbPath = '';
  let tree = '';
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let fixtures: FixtureServer;
  let browser: Launched;
  let control: ExtensionControl;
  let nginx: ChildProcess | undefined;
  let treeUrl = '';
  let listings: FixtureListing[] = [];

  /** The registry's CLI on its SQLite file, as the operator runs it. */
  function cli(...args: string[]): string {
    const r = spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, ...args, '--db', dbPath], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`zjmade-registry ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  function publishAdapters(name: string, sites: unknown): string {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(doc(sites), null, 2));
    return cli('adapters', file);
  }

  /** "Update now", until the adapter status says `expected` (bounded). */
  async function adaptersAfterRefresh(expected: (a: ExtensionStatus['adapters']) => boolean): Promise<ExtensionStatus['adapters']> {
    let s = await control.refresh();
    for (let i = 0; i < 12 && !expected(s.adapters); i++) {
      await control.optionsPage.waitForTimeout(250);
      s = await control.refresh();
    }
    return s.adapters;
  }

  const changedPage = () => fixtures.url('s.taobao.com', '/search?q=new&layout=2027');

  async function openChanged(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(changedPage());
    return page;
  }

  /** Every listing on the changed page has exactly one badge with its own verdict. */
  async function expectRightBadges(page: Page): Promise<void> {
    const found = byKey(await waitForBadges(page, (b) => b.length >= listings.length));
    for (const l of listings) {
      expect(found.get(l.key)?.length, l.key).toBe(1);
      expect(found.get(l.key)![0]!.status, l.key).toBe(l.status);
    }
  }

  async function expectNoBadges(page: Page): Promise<void> {
    // Nothing to wait for: the time the right adapter takes to draw here (well under a second), twice over.
    await page.waitForTimeout(2000);
    expect(await readBadges(page)).toHaveLength(0);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dist = ensureExtensionBuilt();
    dir = mkdtempSync(join(tmpdir(), 'zjmade-adapters-e2e-'));
    dbPath = join(dir, 'registry.sqlite');
    tree = join(dir, 'tree');
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, dbPath, rateLimit: false });
    fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry(E2E_SAMPLE)), registryUrl: registry.url });
    listings = fixtures.catalogue.search.filter((l) => l.platform === 'taobao' || l.platform === 'tmall');
    browser = await launchWithExtension(dist, fixtures.hostResolverRules);
    control = await ExtensionControl.open(browser.context, browser.worker, browser.extensionId);
    // Configured as a user does: the registry and its keys; the adapter location is the default.
    await control.setSettings({ registryUrl: registry.url, trustedKeys: registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    const status = await control.waitForStatus((s) => s.hasSnapshot && s.registryUrl === registry.url);
    if (!status.hasSnapshot) throw new Error(`No snapshot from the registry: ${JSON.stringify(status)}`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    nginx?.kill('SIGTERM');
    await fixtures?.close();
    await registry?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('from the registry API: built-in finds nothing on the changed cards; the operator’s update draws the right badges; invalid, too-new and kill-switch documents are followed as they should', async () => {
    expect(listings.length).toBeGreaterThan(3);
    // Nothing published: /v1/adapters answers 404, the built-in adapter applies and finds no cards.
    expect(await statusOf(`${registry.url}/v1/adapters`)).toBe(404);
    expect(await adaptersAfterRefresh((a) => a !== undefined)).toEqual({ versions: {} });
    let page = await openChanged();
    await expectNoBadges(page);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-remote-adapter-before.png') });
    await page.close();

    // The operator publishes the fix through the registry; the extension picks it up, no rebuild.
    expect(publishAdapters('v1', { taobao: { version: 1, minExtensionVersion: '0.1.0', adapter: ADAPTER } })).toMatch(/signed with/);
    expect(await statusOf(`${registry.url}/v1/adapters`)).toBe(200);
    expect(await adaptersAfterRefresh((a) => JSON.stringify(a).includes('"taobao":1'))).toEqual({ versions: { taobao: 1 } });
    page = await openChanged();
    await expectRightBadges(page);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-remote-adapter-after.png') });
    await page.close();

    // A document outside the schema: the registry signs what it is given (a JSON object with
    // sites), the extension's strict schema refuses it whole; version 1 stays in use.
    publishAdapters('v2-invalid', { taobao: { version: 2, minExtensionVersion: '0.1.0', adapter: { ...ADAPTER, script: 'alert(1)' } } });
    const invalid = await adaptersAfterRefresh((a) => JSON.stringify(a).includes('script'));
    expect(JSON.stringify(invalid)).toContain('unknown field \\"script\\"');
    expect(((await control.getStorage('remoteAdapters')) as Record<string, { version: number }>).taobao?.version).toBe(1);
    page = await openChanged();
    await expectRightBadges(page);
    await page.close();

    // Needs a newer extension than this build (0.1.0): skipped; version 1 stays.
    publishAdapters('v3-too-new', { taobao: { version: 3, minExtensionVersion: '99.0', disabled: true } });
    expect(await adaptersAfterRefresh((a) => a !== undefined && 'versions' in a)).toEqual({ versions: { taobao: 1 } });
    page = await openChanged();
    await expectRightBadges(page);
    await page.close();

    // The per-site kill switch: nothing is drawn on Taobao at all, old or new markup.
    publishAdapters('v4-off', { taobao: { version: 4, minExtensionVersion: '0.1.0', disabled: true } });
    expect(await adaptersAfterRefresh((a) => JSON.stringify(a).includes('"taobao":4'))).toEqual({ versions: { taobao: 4 } });
    page = await openChanged();
    await expectNoBadges(page);
    await page.goto(fixtures.url('s.taobao.com', '/search?q=off'));
    await expectNoBadges(page);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-remote-adapter-killed.png') });
    await page.close();

    // An older version published again (a stale copy, a replay) cannot roll the switch back.
    publishAdapters('v1-again', { taobao: { version: 1, minExtensionVersion: '0.1.0', adapter: ADAPTER } });
    expect(await adaptersAfterRefresh((a) => a !== undefined && 'versions' in a)).toEqual({ versions: { taobao: 4 } });
    page = await openChanged();
    await expectNoBadges(page);
    await page.close();

    // Switched on again by the next version with a fixed adapter.
    publishAdapters('v5', { taobao: { version: 5, minExtensionVersion: '0.1.0', adapter: ADAPTER } });
    expect(await adaptersAfterRefresh((a) => JSON.stringify(a).includes('"taobao":5'))).toEqual({ versions: { taobao: 5 } });
    page = await openChanged();
    await expectRightBadges(page);
    await page.close();
  }, 240_000);

  it('from the same registry exported as a static tree on nginx (adapters.json beside latest.json); a tampered file or one signed by an unknown key is refused and the last good adapter stays', async () => {
    // The operator exports the tree (snapshot, pointer, adapters.json) for the static host.
    expect(cli('export', tree)).toMatch(/exported snapshot/);
    expect(existsSync(join(tree, 'adapters.json'))).toBe(true);
    const prefix = join(dir, 'nginx');
    mkdirSync(prefix, { recursive: true });
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), nginxConf(prefix, tree, port));
    nginx = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf')], { stdio: 'ignore' });
    treeUrl = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      up = await fetch(`${treeUrl}/latest.json`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 50));
    }
    expect(up).toBe(true);
    expect(await statusOf(`${treeUrl}/v1/adapters`)).toBe(404);

    // A fresh profile's state: nothing kept, then the tree as the registry (snapshot and adapters).
    await control.setStorage({ remoteAdapters: {} });
    let page = await openChanged();
    await expectNoBadges(page);
    await page.close();
    await control.setSettings({ registryUrl: treeUrl, trustedKeys: registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    const status = await control.waitForStatus((s) => s.registryUrl === treeUrl && s.hasSnapshot);
    expect(status.hasSnapshot).toBe(true);
    expect(await adaptersAfterRefresh((a) => JSON.stringify(a).includes('"taobao":5'))).toEqual({ versions: { taobao: 5 } });
    page = await openChanged();
    await expectRightBadges(page);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-remote-adapter-tree.png') });
    await page.close();

    const good = readFileSync(join(tree, 'adapters.json'), 'utf8');
    const signed = JSON.parse(good) as { kid: string; payload: string; sig: string };
    // Tampered on the static host: the payload of a kill switch swapped in under the registry's signature.
    const killPayload = Buffer.from(JSON.stringify(doc({ taobao: { version: 9, minExtensionVersion: '0.1.0', disabled: true } }))).toString('base64url');
    writeFileSync(join(tree, 'adapters.json'), JSON.stringify({ ...signed, payload: killPayload }));
    expect(JSON.stringify(await adaptersAfterRefresh((a) => a !== undefined && 'error' in a))).toContain('bad signature');
    // Signed, but by a key that is not one of the registry's trust anchors.
    const { generateSigningKey, importSigningKey } = await import('@zjmade/sdk/publisher');
    const stranger = await generateSigningKey('not-the-registry');
    const strangerSigner = { privateKey: (await importSigningKey(stranger.privateJwk)).privateKey, kid: stranger.publicJwk.kid };
    writeFileSync(join(tree, 'adapters.json'), JSON.stringify(await signAdapterDocument(doc({ taobao: { version: 9, minExtensionVersion: '0.1.0', disabled: true } }), strangerSigner)));
    expect(JSON.stringify(await adaptersAfterRefresh((a) => JSON.stringify(a).includes('not-the-registry')))).toContain('is not a trust anchor');
    // Neither reached the store: version 5 still draws the right badges.
    expect(((await control.getStorage('remoteAdapters')) as Record<string, { version: number }>).taobao?.version).toBe(5);
    page = await openChanged();
    await expectRightBadges(page);
    await page.close();
    writeFileSync(join(tree, 'adapters.json'), good);
  }, 180_000);
});
