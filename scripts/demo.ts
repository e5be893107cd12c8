// `pnpm demo`: the registry on loopback with the sample data and a fresh signing key, the
// extension built for it, demo marketplace pages, and Chromium with the extension loaded (or,
// without a display, exact instructions plus a screenshot). Ctrl-C stops everything.
//
// Run as `node --conditions=zjmade-source --import tsx scripts/demo.ts [--once] [--port N]`.
//   --once          take the screenshot and exit (a smoke test of the whole chain)
//   --port N        the demo pages' port (default 8788; the registry takes N-1)
//   --lang en       English badges and UI (default zh-CN: the pages are a Chinese marketplace's)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, generateRegistry, pickExamples, startFixtureServer, startRegistry } from '../test/fixtures/demo-deps.js';

const { values } = parseArgs({ options: { once: { type: 'boolean' }, port: { type: 'string' }, lang: { type: 'string' } } });
// The extension's language is `auto` (the browser's UI language): the browser is started in it.
const LANG = values.lang === 'en' ? 'en-US' : 'zh-CN';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const DIST = join(REPO, 'extension/dist/demo/chrome');
const SHOT = join(REPO, 'artifacts/demo.png');
const pagesPort = Number(values.port ?? 8788);

const step = (text: string) => console.log(`• ${text}`);
const cleanups: Array<() => Promise<void> | void> = [];
async function shutdown(code: number): Promise<never> {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function startRegistryNear(port: number) {
  const opts = { sample: true, host: '127.0.0.1', adminToken: 'demo-admin-token', rateLimit: false as const };
  try {
    return await startRegistry({ ...opts, port });
  } catch {
    return await startRegistry({ ...opts, port: 0 });
  }
}

step('Starting the registry with the sample data (synthetic) and a fresh signing key…');
let t = Date.now();
const registry = await startRegistryNear(pagesPort - 1);
cleanups.push(() => registry.close());
step(`Registry: ${registry.url} (${Date.now() - t} ms; signing key ${registry.jwks.keys.map((k) => k.kid).join(', ')})`);

// The brand-owner portal (/portal/): a sample enterprise's user, invited and signed up as staff
// and the enterprise would do it, with a known demo password.
const PORTAL_EMAIL = 'demo@portal.example';
const PORTAL_PASSWORD = 'pinzibiao-portal-2026';
if (!existsSync(join(REPO, 'packages/portal/dist/index.html'))) {
  step('Building the portal…');
  execFileSync('pnpm', ['--filter', '@zjmade/portal', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
}
const portalUser = await createPortalUser();
step(`Portal: ${registry.url}/portal/ — sign in as ${PORTAL_EMAIL} / ${PORTAL_PASSWORD} (${portalUser.name}, ${portalUser.uscc}: ${portalUser.evaluations} evaluations, ${portalUser.stores} stores)`);

// The staff console (/console/): a staff member invited with the admin token (how the first one is
// made) who set a known demo password, as the invitation page would.
const CONSOLE_EMAIL = 'staff@registry.example';
const CONSOLE_PASSWORD = 'pinzibiao-console-2026';
if (!existsSync(join(REPO, 'packages/console/dist/index.html'))) {
  step('Building the console…');
  execFileSync('pnpm', ['--filter', '@zjmade/console', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
}
await createStaffUser();
step(`Console: ${registry.url}/console/ — sign in as ${CONSOLE_EMAIL} / ${CONSOLE_PASSWORD} (staff: imports, certificate status, store claims, reports, sanctions, audit, keys, people, webhooks)`);

async function createStaffUser(): Promise<void> {
  const json = { 'content-type': 'application/json' };
  const inv = await fetch(`${registry.url}/v1/admin/invitations`, { method: 'POST', headers: { ...json, authorization: 'Bearer demo-admin-token' }, body: JSON.stringify({ email: CONSOLE_EMAIL, role: 'staff' }) });
  if (inv.status !== 201) throw new Error(`staff invitation answered ${inv.status}: ${await inv.text()}`);
  const { link } = (await inv.json()) as { link: string };
  const acc = await fetch(`${registry.url}/v1/auth/accept`, { method: 'POST', headers: { ...json, origin: registry.url }, body: JSON.stringify({ token: link.split('#')[1], password: CONSOLE_PASSWORD }) });
  if (acc.status !== 200) throw new Error(`accepting the staff invitation answered ${acc.status}: ${await acc.text()}`);
}

/** The sample enterprise with the most valid evaluations (then stores), and its portal account. */
async function createPortalUser(): Promise<{ uscc: string; name: string; evaluations: number; stores: number }> {
  const data = generateRegistry();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const count = (items: { uscc: string }[]) => items.reduce((m, x) => m.set(x.uscc, (m.get(x.uscc) ?? 0) + 1), new Map<string, number>());
  const valid = count(data.evaluations.filter((e) => e.history.length === 0 && e.issued <= today && e.expires > today));
  const stores = count(data.stores);
  const best = data.enterprises
    .filter((e) => (stores.get(e.uscc) ?? 0) > 0)
    .sort((a, b) => (valid.get(b.uscc) ?? 0) - (valid.get(a.uscc) ?? 0) || (stores.get(b.uscc) ?? 0) - (stores.get(a.uscc) ?? 0))[0]!;
  const json = { 'content-type': 'application/json' };
  const inv = await fetch(`${registry.url}/v1/admin/invitations`, { method: 'POST', headers: { ...json, authorization: 'Bearer demo-admin-token' }, body: JSON.stringify({ email: PORTAL_EMAIL, uscc: best.uscc }) });
  if (inv.status !== 201) throw new Error(`portal invitation answered ${inv.status}: ${await inv.text()}`);
  const { link } = (await inv.json()) as { link: string };
  const token = link.split('#')[1];
  const acc = await fetch(`${registry.url}/v1/auth/accept`, { method: 'POST', headers: { ...json, origin: registry.url }, body: JSON.stringify({ token, password: PORTAL_PASSWORD }) });
  if (acc.status !== 200) throw new Error(`accepting the portal invitation answered ${acc.status}: ${await acc.text()}`);
  return { uscc: best.uscc, name: best.name, evaluations: data.evaluations.filter((e) => e.uscc === best.uscc).length, stores: stores.get(best.uscc) ?? 0 };
}

step('Building the extension for this registry…');
t = Date.now();
execFileSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', 'scripts/build.ts', '--out', join(REPO, 'extension/dist/demo'), '--target', 'chrome', '--no-zip'], {
  cwd: join(REPO, 'extension'),
  env: { ...process.env, ZJMADE_REGISTRY_URL: registry.url, ZJMADE_TRUSTED_KEYS: JSON.stringify(registry.jwks) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
step(`Extension: ${DIST} (${Date.now() - t} ms)`);

const fixtures = await startFixtureServer({ examples: pickExamples(generateRegistry()), registryUrl: registry.url, port: pagesPort }).catch(() =>
  startFixtureServer({ examples: pickExamples(generateRegistry()), registryUrl: registry.url }),
);
cleanups.push(() => fixtures.close());
const pages = [
  fixtures.url('s.taobao.com', '/search?q=%E6%B5%99%E6%B1%9F%E5%88%B6%E9%80%A0'),
  fixtures.url('search.jd.com', '/Search?keyword=%E6%B5%99%E6%B1%9F%E5%88%B6%E9%80%A0'),
  fixtures.url('www.xiaohongshu.com', '/deals'),
];
step(`Demo marketplace pages on 127.0.0.1:${fixtures.port}, under the real hostnames (mapped to loopback).`);

const flags = [
  `--host-resolver-rules=${fixtures.hostResolverRules}`,
  '--ignore-certificate-errors',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The badges follow the browser's language (`auto`): Chinese unless --lang en.
  `--lang=${LANG}`,
];

function printManual(): void {
  const profile = join(tmpdir(), 'zjmade-demo-profile');
  console.log(`
To see it in your own Chromium or Chrome (the pages use real marketplace hostnames, so the browser
must map them to this machine; use a separate profile):

  chromium --user-data-dir=${profile} \\
    --load-extension=${DIST} \\
    --disable-extensions-except=${DIST} \\
    '--host-resolver-rules=${fixtures.hostResolverRules}' \\
    --ignore-certificate-errors --no-first-run \\
    ${pages[0]}

Or load it by hand: chrome://extensions → Developer mode → "Load unpacked" → ${DIST}
(after each demo run, press "Reload" there: every run signs with a fresh key).
Pages: ${pages.join('\n       ')}
Registry: ${registry.url}   (admin token: demo-admin-token; try POST /v1/admin/evaluations/{id}/status)
Portal:   ${registry.url}/portal/   (brand owner: ${PORTAL_EMAIL} / ${PORTAL_PASSWORD}; claim a store, upload listings, see coverage)
Console:  ${registry.url}/console/  (staff: ${CONSOLE_EMAIL} / ${CONSOLE_PASSWORD}; import lists, change certificate status, triage reports, rotate keys)
`);
}

async function launch(headless: boolean) {
  const profile = mkdtempSync(join(tmpdir(), 'zjmade-demo-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ alternate_error_pages: { enabled: false } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...flags, ...(headless ? ['--headless=new', '--no-sandbox', '--disable-gpu'] : [])],
    viewport: headless ? { width: 1280, height: 900 } : null,
  });
  cleanups.push(async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // `auto` cannot be relied on here: Debian's Chromium ships only its en-US UI unless chromium-l10n
  // is installed, so the demo sets the language in the extension's options, as a user would.
  const language = LANG === 'zh-CN' ? 'zh-CN' : 'en';
  await worker.evaluate(async (l) => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
    await c.storage.local.set({ settings: { language: l } });
  }, language);
  return { context, worker };
}

/** Waits (bounded) until the extension has the registry's snapshot, then until badges are drawn. */
async function screenshot(): Promise<void> {
  const { context } = await launch(true);
  const page = await context.newPage();
  for (let i = 0; i < 40; i++) {
    await page.goto(pages[0]!);
    await page.waitForTimeout(500);
    const drawn = await page.evaluate(() => performance.getEntriesByName('zjmade:drawn').length);
    const cdp = await context.newCDPSession(page);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: unknown };
    await cdp.detach();
    if (drawn > 0 && !JSON.stringify(root).includes('"data-status","unknown"')) break;
  }
  mkdirSync(join(REPO, 'artifacts'), { recursive: true });
  await page.screenshot({ path: SHOT });
  step(`Screenshot of the demo search page with the extension: ${SHOT}`);
}

if (!existsSync(CHROMIUM)) {
  step(`No Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM=…).`);
  printManual();
} else if (process.env.DISPLAY && !values.once) {
  step('Opening Chromium with the extension…');
  const { context } = await launch(false);
  for (const url of pages) await (await context.newPage()).goto(url);
  context.on('close', () => void shutdown(0));
  printManual();
} else {
  if (!values.once) step('No display (DISPLAY is not set): taking a screenshot instead, and serving until Ctrl-C.');
  await screenshot();
  printManual();
}

if (values.once) await shutdown(0);
console.log('Running. Ctrl-C stops the registry, the pages and the browser.');
