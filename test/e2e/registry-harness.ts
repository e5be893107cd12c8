// What the registry's web-app end-to-end tests share (the brand-owner portal, the staff console):
// a real registry on loopback over a SQLite file in a temp directory, the app's production build,
// a plain Chromium for the app's screens (CSP refusals and page errors recorded, axe-core findings
// collected), and beside it the production extension build in its own Chromium profile, configured
// with that registry and its keys, opening fixture marketplace pages that list chosen listings.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartRegistryOptions, startRegistry } from '@zjmade/registry';
import { generateRegistry, type SampleExample, type SampleExamples } from '@zjmade/sample-data';
import { parseListingUrl, PLATFORMS, type Platform, type RegistryData, type VerdictStatus } from '@zjmade/sdk';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { type BadgeInfo, readBadges, visibleFractions } from './badges.js';
import { ExtensionControl } from './extension-control.js';
import { CHROMIUM, ensureExtensionBuilt, type Launched, launchWithExtension, newestMtime, REPO } from './harness.js';
import { ADMIN_TOKEN, E2E_SAMPLE } from './setup.js';

/**
 * What an app's build compiles: its own package and the shared, source-only `packages/web-ui`.
 * The SDK is left out: the apps import only its types (`export type` from `@zjmade/sdk/coverage`
 * in the portal), which the build erases, so an SDK edit cannot change the served bundle.
 */
const appSources = (app: 'portal' | 'console') => [join(REPO, 'packages', app), join(REPO, 'packages/web-ui')];

/** The production build of a web app the registry serves (`portal`, `console`); rebuilt when older than its sources. */
export function ensureAppBuilt(app: 'portal' | 'console'): void {
  const index = join(REPO, 'packages', app, 'dist/index.html');
  const sources = Math.max(...appSources(app).map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // Under the shared build lock, asking again once it is held: a test in another worker may have
  // just built it and be serving that dist (vite empties it first), so it is not built twice.
  const script = 'if [ -n "$(find "$1" -newermt "@$2" 2>/dev/null)" ]; then exit 0; fi; exec pnpm --filter "$3" build';
  execFileSync('flock', ['/tmp/zjmade-build.lock', 'sh', '-c', script, 'sh', index, (sources / 1000).toFixed(3), `@zjmade/${app}`], { cwd: REPO, stdio: 'pipe' });
}

export type TestRegistry = Awaited<ReturnType<typeof startRegistry>>;

/** A registry on loopback over a real SQLite file (the e2e sample, the test admin token, no rate limit) and the data it was seeded with. */
export async function startFileRegistry(options: Partial<StartRegistryOptions> = {}): Promise<{ registry: TestRegistry; data: RegistryData; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'zjmade-registry-e2e-'));
  const registry = await startRegistry({ sample: E2E_SAMPLE, dbPath: join(dir, 'registry.sqlite'), port: 0, adminToken: ADMIN_TOKEN, rateLimit: false, ...options });
  return {
    registry,
    data: generateRegistry(E2E_SAMPLE),
    async close() {
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bounded polling: `fn`'s first answer other than undefined, or an error naming `what`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, tries = 100, ms = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, ms));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The registry's newest published state (the signed pointer's head). */
export async function publishedHead(registryUrl: string): Promise<number> {
  const p = (await (await fetch(`${registryUrl}/v1/snapshot/latest`)).json()) as { payload: string };
  const payload = JSON.parse(p.payload) as { sequence: number; head?: number };
  return payload.head ?? payload.sequence;
}

/** Waits (bounded, 10 s) for the registry to publish past `seq`; answers the new head. */
export const publishedPast = (registryUrl: string, seq: number): Promise<number> =>
  until(`a publish past ${seq}`, async () => {
    const h = await publishedHead(registryUrl);
    return h > seq ? h : undefined;
  });

/** `POST /v1/verify` for many keys (batches of 500): key → status. */
export async function verifyStatuses(registryUrl: string, keys: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const r = await fetch(`${registryUrl}/v1/verify?evidence=none`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: batch.map((key) => ({ key })) }) });
    if (r.status !== 200) throw new Error(`POST /v1/verify answered ${r.status}`);
    const body = (await r.json()) as { results: { status: string }[] };
    for (const [j, res] of body.results.entries()) out.set(batch[j]!, res.status);
  }
  return out;
}

const APP_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

/** Plain Chromium for the app's screens (loopback only: every other host fails at once). */
export function launchAppBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: false, args: APP_ARGS });
}

/** What the app's pages reported: CSP refusals (the app must run under its policy as shipped) and uncaught errors. */
export interface PageWatch {
  violations: string[];
  pageErrors: string[];
}

/** A zh-CN context at desktop size whose every page reports into `watch`. */
export async function newAppContext(browser: Browser, watch: PageWatch): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  ctx.on('page', (p) => {
    p.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith('CSP violation')) watch.violations.push(m.text());
    });
    p.on('pageerror', (e) => watch.pageErrors.push(e.message));
  });
  return ctx;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A screenshot function for a test's screens: the full page into `dir/NAME.png`, and axe-core's
 * WCAG 2.x A/AA findings on it (every finding, or only serious/critical ones) pushed to `findings`.
 * axe is evaluated through the protocol: the apps' CSP allows no inline script.
 */
export function screenshotter(dir: string, findings: string[], only: 'all' | 'serious' = 'all'): (page: Page, name: string, options?: { axe?: boolean }) => Promise<void> {
  mkdirSync(dir, { recursive: true });
  return async (page, name, options = {}) => {
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
    if (options.axe === false) return;
    await page.evaluate(axeSource);
    const found = await page.evaluate(async (serious) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return r.violations
        .filter((v) => !serious || v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}${serious ? ` (${v.impact})` : ''}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }, only === 'serious');
    findings.push(...found.map((f) => `${name} ${f}`));
  };
}

/** A listing to show on the fixture marketplace pages. */
export interface ShownListing {
  url: string;
  title: string;
}

/**
 * The fixture server's catalogue made of chosen listings: Taobao/Tmall ones on the Taobao search
 * page (s.taobao.com), JD ones on the JD search page (search.jd.com); every one also has its own
 * detail page. Statuses are left `not-found`: the running registry decides them, not the sample.
 */
export function examplesOf(listings: readonly ShownListing[]): SampleExamples {
  const platforms = Object.fromEntries(PLATFORMS.map((p) => [p, [] as SampleExample[]])) as Record<Platform, SampleExample[]>;
  const taobao: SampleExample[] = [];
  for (const l of listings) {
    const ref = parseListingUrl(l.url);
    if (ref?.kind !== 'item') throw new Error(`not an item URL: ${l.url}`);
    const e: SampleExample = { url: l.url, key: ref.key, platform: ref.platform, status: 'not-found', title: l.title };
    if (ref.platform === 'taobao' || ref.platform === 'tmall') taobao.push(e);
    else platforms[ref.platform].push(e);
  }
  const byStatus = { 'not-found': taobao } as Record<VerdictStatus, SampleExample[]>;
  return { asOf: new Date().toISOString(), byStatus, unbackedClaims: [], platforms };
}

/** A shopper: the production extension in its own Chromium profile, on `registryUrl` with its keys, and the fixture pages. */
export interface Shopper {
  fixtures: FixtureServer;
  ext: Launched;
  control: ExtensionControl;
  close(): Promise<void>;
}

/**
 * Starts the fixture marketplace (serving `examples`) and the extension, configured as its Options
 * page would (the registry's URL and JWKS, zh-CN, every mark), and waits until it holds the
 * registry's snapshot.
 */
export async function startShopper(registryUrl: string, trustedKeys: unknown[], examples: SampleExamples): Promise<Shopper> {
  const dist = ensureExtensionBuilt();
  const fixtures = await startFixtureServer({ examples, registryUrl });
  const ext = await launchWithExtension(dist, fixtures.hostResolverRules);
  const control = await ExtensionControl.open(ext.context, ext.worker, ext.extensionId);
  await control.setSettings({ registryUrl, trustedKeys, language: 'zh-CN', marks: 'all' });
  const status = await control.waitForStatus((s) => s.hasSnapshot && s.registryUrl === registryUrl);
  if (!status.hasSnapshot) throw new Error(`The extension did not load the registry's state: ${JSON.stringify(status)}`);
  return {
    fixtures,
    ext,
    control,
    async close() {
      await ext.close().catch(() => undefined);
      await fixtures.close();
    },
  };
}

/** A badge as a person sees it: its verdict, visible words and how much of it the layout shows. */
export interface SeenBadge extends BadgeInfo {
  visible: number;
}

/**
 * Waits (bounded, ~15 s) until every key in `want` has a badge on the page with the wanted status,
 * then answers each key's badge with its visible fraction (keys without a badge are absent). On a
 * product page, `pageKey` names the listing of the badge that sits on no fixture card (the page's own).
 */
export async function badgesFor(page: Page, want: ReadonlyMap<string, string>, tries = 60, pageKey?: string): Promise<Map<string, SeenBadge>> {
  let last: BadgeInfo[] = [];
  const byKey = (list: BadgeInfo[]) =>
    new Map(
      list
        .map((b) => (b.fixtureKey || pageKey === undefined ? b : { ...b, fixtureKey: pageKey }))
        .filter((b) => b.fixtureKey)
        .map((b) => [b.fixtureKey!, b]),
    );
  for (let i = 0; i < tries; i++) {
    last = await readBadges(page);
    const m = byKey(last);
    if ([...want].every(([k, s]) => m.get(k)?.status === s)) break;
    await page.waitForTimeout(250);
  }
  const m = byKey(last);
  const badges = [...m.values()];
  const fractions = await visibleFractions(page, badges);
  const out = new Map<string, SeenBadge>();
  badges.forEach((b, i) => {
    out.set(b.fixtureKey!, { ...b, visible: fractions[i]! });
  });
  return out;
}
