// Issue 11's brand-owner flow in real Chromium against a real registry on loopback (SQLite file):
// staff invite → the user sets a password on /portal/accept → claims two stores with evidence →
// approval through the admin API → uploads a 3,000-row export made from the sample data (bad rows
// reported with their row numbers) → accepts suggestions (a few deselected) and unbinds two →
// POST /v1/verify is `verified` for exactly the accepted listings, and so is a running extension:
// the production build in its own Chromium profile, on the test's registry and keys, opens fixture
// marketplace pages (Taobao and JD search) listing a sample of the accepted listings, deselected
// ones, ones accepted onto lapsed evaluations, unbound ones and ones outside any approved store,
// and each badge says what the registry says (verified / store-only / lapsed / not registered),
// in words a person reads and ≥ 95 % visible → sign-out ends the session. A screenshot of each
// page (the portal's and the marketplace pages with their badges) goes to artifacts/portal/.
import { join } from 'node:path';
import { itemUrl, listingTruth } from '@zjmade/sample-data';
import { type Platform, parseListingUrl, type RegistryData } from '@zjmade/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ARTIFACTS, hasChromium } from './harness.js';
import {
  badgesFor,
  ensureAppBuilt,
  examplesOf,
  launchAppBrowser,
  newAppContext,
  type PageWatch,
  publishedHead,
  publishedPast,
  type SeenBadge,
  type Shopper,
  screenshotter,
  startFileRegistry,
  startShopper,
  type TestRegistry,
  verifyStatuses,
} from './registry-harness.js';
import { ADMIN_TOKEN } from './setup.js';

const SHOTS = join(ARTIFACTS, 'portal');
const EMAIL = 'ecommerce@portal-e2e.example';
const PASSWORD = 'e2e portal password 2026';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const TMALL = { url: 'https://portal-e2e.tmall.com/', name: '门户测试天猫旗舰店', key: 'tmall:shop:portal-e2e' };
const JD = { url: 'https://mall.jd.com/index-99000123.html', name: '门户测试京东旗舰店', key: 'jd:shop:99000123' };
/** Rows deselected before accepting: they must stay out of the registry. */
const DESELECT = 4;
/** Accepted listings unbound again in the portal: they stay the store's (`store-only`). */
const UNBIND = 2;
/** A store column naming a store the enterprise has not claimed: its rows are refused. */
const UNCLAIMED = '未认领的小店';
/** Titles that claim the mark: a badge then adds "claim not backed" to any verdict but verified. */
const CLAIM = /浙江制造|品字标|made in zhejiang/i;
const LAPSED = new Set(['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned']);
/** The words a badge shows for each verdict (zh-CN, packages/badge/src/i18n.ts), for a title that claims nothing. */
const LABEL: Record<string, string> = {
  verified: '浙江制造 · 已核验',
  'store-only': '认证企业店铺 · 本商品未登记',
  expired: '浙江制造 · 已过期',
  suspended: '浙江制造 · 已暂停',
  withdrawn: '浙江制造 · 已撤销',
  cancelled: '浙江制造 · 已注销',
  sanctioned: '浙江制造 · 失信惩戒中',
  'not-found': '未登记',
};

/** The sample enterprise with the most valid evaluations (two or more), fewest others on a tie. */
function pickEnterprise(data: RegistryData): { uscc: string; evaluations: string[]; valid: Set<string> } {
  const by = new Map<string, { all: string[]; valid: string[] }>();
  // Valid today as far as the data alone says (no status change, within its dates); the portal's
  // overview gives the registry's own answer, which the test then uses.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  for (const e of data.evaluations) {
    const v = by.get(e.uscc) ?? { all: [], valid: [] };
    v.all.push(e.id);
    if (e.history.length === 0 && e.issued <= today && e.expires > today) v.valid.push(e.id);
    by.set(e.uscc, v);
  }
  const best = [...by.entries()]
    .filter(([, v]) => v.valid.length >= 2)
    .sort((a, b) => b[1].valid.length - a[1].valid.length || a[1].all.length - b[1].all.length)[0];
  if (!best) throw new Error('no sample enterprise with two or more valid evaluations');
  return { uscc: best[0], evaluations: best[1].all, valid: new Set(best[1].valid) };
}

interface Export {
  csv: string;
  /** Spreadsheet row numbers (header = 1) of rows that must be reported. */
  bad: Map<number, 'invalid' | 'duplicate' | 'refused'>;
}

/**
 * A seller export of 3,000 data rows from the sample data: the enterprise's generated titles
 * (listingTruth) as new items of the two claimed stores — mostly of its valid evaluations, some of
 * its lapsed ones — some other enterprises' titles, and bad rows (not a URL, an empty link, a
 * repeat, another enterprise's listing, listings of a store the enterprise has not claimed).
 */
function makeExport(data: RegistryData, uscc: string, valid: Set<string>): Export {
  const mine = new Set(data.evaluations.filter((e) => e.uscc === uscc).map((e) => e.id));
  const truth = listingTruth(data);
  const ownTitles = truth.filter((t) => t.evaluationId && valid.has(t.evaluationId)).map((t) => t.title);
  const otherTitles = truth.filter((t) => t.evaluationId && !mine.has(t.evaluationId)).map((t) => t.title);
  const lapsedTitles = truth.filter((t) => t.evaluationId && mine.has(t.evaluationId) && !valid.has(t.evaluationId)).map((t) => t.title);
  const storeOf = new Map(data.stores.map((s) => [s.key, s.uscc]));
  const foreign = data.bindings.find((b) => storeOf.get(b.store) !== uscc && (b.key.startsWith('jd:item:') || b.key.startsWith('taobao:item:')));
  if (ownTitles.length === 0 || !foreign) throw new Error('the sample has no titles for the enterprise or no foreign listing');
  const [space, , foreignId] = foreign.key.split(':');
  const foreignUrl = itemUrl(space === 'jd' ? 'jd' : 'taobao', foreignId!);
  const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['商品链接,商品标题,店铺名称'];
  const bad = new Map<number, 'invalid' | 'duplicate' | 'refused'>();
  for (let i = 0; i < 3000; i++) {
    const row = i + 2;
    const tmall = i % 2 === 0;
    const id = 810_000_000 + i;
    const url = tmall ? `https://detail.tmall.com/item.htm?id=${id}` : `https://item.jd.com/${id}.html`;
    const store = tmall ? TMALL.name : JD.name;
    if (i % 400 === 17) {
      lines.push(`不是链接 ${i},坏行,${store}`);
      bad.set(row, 'invalid');
    } else if (i === 101) {
      lines.push(`https://detail.tmall.com/item.htm?id=${810_000_000},重复的行,${store}`);
      bad.set(row, 'duplicate');
    } else if (i === 203) {
      lines.push(`${foreignUrl},别家的商品,`);
      bad.set(row, 'refused');
    } else if (i % 500 === 250 || i % 500 === 251) {
      lines.push([url, csvCell(ownTitles[i % ownTitles.length]!), UNCLAIMED].join(','));
      bad.set(row, 'refused');
    } else {
      const lapsed = i % 20 === 8 && lapsedTitles.length > 0;
      const title = i % 10 === 9 ? otherTitles[i % otherTitles.length]! : lapsed ? lapsedTitles[i % lapsedTitles.length]! : ownTitles[i % ownTitles.length]!;
      lines.push([url, csvCell(title), store].join(','));
    }
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, bad };
}

interface UploadRow {
  row: number;
  key: string | null;
  title: string | null;
  state: string;
  reason: string | null;
  suggestions: { evaluationId: string }[];
}

const run = hasChromium ? describe : describe.skip;

run('the brand-owner portal in Chromium', () => {
  let registry: TestRegistry;
  let closeRegistry: () => Promise<void>;
  let data: RegistryData;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shopper: Shopper | undefined;
  const watch: PageWatch = { violations: [], pageErrors: [] };
  const axeFindings: string[] = [];
  const screenshot = screenshotter(SHOTS, axeFindings);
  const shot = (name: string) => screenshot(page, name);

  beforeAll(async () => {
    ensureAppBuilt('portal');
    ({ registry, data, close: closeRegistry } = await startFileRegistry());
    browser = await launchAppBrowser();
    context = await newAppContext(browser, watch);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await shopper?.close();
    await browser?.close().catch(() => undefined);
    await closeRegistry?.();
  });

  const admin = (path: string, init: RequestInit = {}) => fetch(`${registry.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  it('invite → set password → claim two stores → approval → 3,000-row upload → accept → verified in /v1/verify and in a running extension; sign-out ends the session', async () => {
    onTestFailed(async () => {
      await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => undefined);
    });
    const { uscc, evaluations } = pickEnterprise(data);

    // Sign-in page first (no session yet), in Chinese: the browser's language.
    await page.goto(`${registry.url}/portal/`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shot('sign-in');

    // Staff invite through the admin API; the link's token is in the fragment.
    const inv = await admin('/v1/admin/invitations', { method: 'POST', body: JSON.stringify({ email: EMAIL, uscc }) });
    expect(inv.status).toBe(201);
    const { link } = (await inv.json()) as { link: string };
    expect(link).toMatch(new RegExp(`^${registry.url}/portal/accept#.+`));

    await page.goto(link);
    await page.getByRole('heading', { name: '设置密码' }).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await shot('accept-invitation');
    const overviewAnswer = page.waitForResponse((r) => r.url().endsWith('/v1/portal/overview'));
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    const overview = (await (await overviewAnswer).json()) as { evaluations: { id: string; status: string }[] };
    const valid = new Set(overview.evaluations.filter((e) => e.status === 'valid').map((e) => e.id));
    expect(valid.size).toBeGreaterThanOrEqual(2);

    // Overview: the enterprise's evaluations, each of them listed.
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();
    expect(page.url()).toBe(`${registry.url}/portal/`);
    for (const id of evaluations) await expect.poll(() => page.getByRole('cell', { name: id }).count()).toBeGreaterThan(0);
    await shot('overview');

    // Stores: claim two new stores with evidence; a store of another enterprise is refused clearly.
    await page.getByRole('link', { name: '店铺' }).click();
    await page.getByRole('heading', { name: '认领店铺' }).waitFor();
    const claim = async (url: string, name: string) => {
      await page.getByLabel('店铺链接').fill(url);
      await page.getByLabel('店铺名称').fill(name);
      await page.getByLabel('身份').selectOption('official-flagship');
      await page.getByLabel(/授权证明/).setInputFiles({ name: 'authorisation.png', mimeType: 'image/png', buffer: Buffer.from(PNG) });
      await page.getByRole('button', { name: '提交认领' }).click();
    };
    await claim(TMALL.url, TMALL.name);
    await page.getByText(`已提交认领：${TMALL.name}`).waitFor();
    await claim(JD.url, JD.name);
    await page.getByText(`已提交认领：${JD.name}`).waitFor();
    const foreignStore = data.stores.find((s) => s.uscc !== uscc && s.url);
    await claim(foreignStore!.url!, '别家的店');
    await page.getByRole('alert').filter({ hasText: '与登记信息冲突' }).waitFor();
    // An oversized file is stopped before upload with the limit.
    await page.getByLabel(/授权证明/).setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
    await page.getByRole('button', { name: '提交认领' }).click();
    await page.getByRole('alert').filter({ hasText: '超过上限 5 MB' }).waitFor();
    await expect.poll(() => page.getByText('待审核').count()).toBe(2);

    // Approval through the admin API (the staff console will have the screen).
    const pending = (await (await admin('/v1/admin/claims?state=pending')).json()) as { items: { id: string; storeKey: string }[] };
    const ours = pending.items.filter((c) => c.storeKey === TMALL.key || c.storeKey === JD.key);
    expect(ours).toHaveLength(2);
    for (const c of ours) expect((await admin(`/v1/admin/claims/${c.id}/approve`, { method: 'POST', body: JSON.stringify({ reason: '授权书核验通过' }) })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByText('已通过').count()).toBe(2);
    await page.getByRole('cell', { name: '授权书核验通过' }).first().waitFor();
    await shot('stores');

    // Listings: the 3,000-row export; the bad rows are listed with their row numbers.
    const exp = makeExport(data, uscc, valid);
    await page.getByRole('link', { name: '商品链接' }).click();
    await page.getByLabel('导出文件').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(exp.csv, 'utf8') });
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/portal/listings/upload'));
    await page.getByRole('button', { name: '上传并分析' }).click();
    const upload = (await (await answered).json()) as { rows: UploadRow[]; totals: { rows: number } };
    expect(upload.totals.rows).toBe(3000);
    await page.getByText(/共 3,000 行/).waitFor();
    const problems = page.locator('table.problems tbody tr');
    expect(await problems.count()).toBe(exp.bad.size);
    for (const [row, state] of exp.bad) {
      const tr = page.locator(`table.problems tr[data-row="${row}"]`);
      await expect.poll(() => tr.count()).toBe(1);
      expect(upload.rows.find((r) => r.row === row)?.state).toBe(state);
    }

    // Select every suggested row, then deselect a few on the first page: those stay unbound.
    const suggested = upload.rows.filter((r) => r.state === 'ready' && r.key && r.suggestions.length > 0);
    const unsuggested = upload.rows.filter((r) => r.state === 'ready' && r.key && r.suggestions.length === 0);
    expect(suggested.length).toBeGreaterThan(2000);
    await page.getByRole('button', { name: /选择全部/ }).click();
    const firstPage = page.locator('table.suggestions tbody tr');
    const deselected: string[] = [];
    for (let i = 0; deselected.length < DESELECT; i++) {
      const tr = firstPage.nth(i);
      const key = await tr.getAttribute('data-key');
      if (!suggested.some((r) => r.key === key)) continue;
      await tr.getByRole('checkbox').uncheck();
      deselected.push(key!);
    }
    await page.getByText(`已选 ${(suggested.length - DESELECT).toLocaleString('zh-CN')} 行`).waitFor();
    await shot('listings');
    const bound = page.waitForResponse((r) => r.url().endsWith('/v1/portal/bindings') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '接受所选推荐' }).click();
    expect((await bound).status()).toBe(200);
    await page.getByText(`已绑定 ${(suggested.length - DESELECT).toLocaleString('zh-CN')}，`).waitFor();
    await shot('listings-accepted');

    // The registry answers verified for exactly the accepted listings (those bound to a valid
    // evaluation: the matcher may also propose the enterprise's lapsed ones), the rest not at all.
    const acceptedRows = suggested.filter((r) => !deselected.includes(r.key!));
    const accepted = acceptedRows.filter((r) => valid.has(r.suggestions[0]!.evaluationId)).map((r) => r.key!);
    const acceptedLapsed = acceptedRows.filter((r) => !valid.has(r.suggestions[0]!.evaluationId)).map((r) => r.key!);
    expect(accepted.length).toBeGreaterThan(2000);
    const left = [...deselected, ...unsuggested.map((r) => r.key!)];
    const seen = await verifyStatuses(registry.url, [...accepted, ...acceptedLapsed, ...left]);
    expect(accepted.filter((k) => seen.get(k) !== 'verified')).toEqual([]);
    expect(acceptedLapsed.filter((k) => seen.get(k) === 'verified')).toEqual([]);
    // Not accepted = never written: the registry does not know them.
    expect(left.filter((k) => seen.get(k) === 'verified')).toEqual([]);
    expect(new Set(left.map((k) => seen.get(k)))).toEqual(new Set(['not-found']));

    // Unbind two listings on the first page of the current bindings (the enterprise's listings
    // the registry held before, verified until now): they stay the store's, under no evaluation
    // (`store-only`).
    const truthTitle = new Map(listingTruth(data).map((t) => [t.key, t.title]));
    // A listing's title as the export first gave it (a repeated row says nothing about it).
    const titleOf = new Map(truthTitle);
    for (const r of upload.rows) if (r.key && r.state !== 'duplicate' && !titleOf.has(r.key)) titleOf.set(r.key, r.title ?? '');
    const plain = (k: string) => !CLAIM.test(titleOf.get(k) ?? '');
    /** A listing's product page URL, from its key (the platform of its item space). */
    const urlOf = (key: string): string => {
      const [space, , id] = key.split(':');
      const url = itemUrl(space as Platform, id!);
      if (parseListingUrl(url)?.key !== key) throw new Error(`no product URL for ${key}`);
      return url;
    };
    const listed = (await page.locator('section[aria-labelledby="bindings-h"] tbody tr td:first-child').allTextContents()).map((k) => k.trim());
    const before = await verifyStatuses(registry.url, listed);
    const unbound: string[] = [];
    for (const key of listed) if (unbound.length < UNBIND && before.get(key) === 'verified' && plain(key)) unbound.push(key);
    expect(unbound).toHaveLength(UNBIND);
    const headBeforeUnbind = await publishedHead(registry.url);
    for (const key of unbound) {
      const tr = page.locator('section[aria-labelledby="bindings-h"] tbody tr').filter({ has: page.getByRole('cell', { name: key, exact: true }) });
      await tr.getByRole('button', { name: '解除绑定' }).click();
      await tr.getByRole('cell', { name: '不绑定评价（仅店铺）' }).waitFor();
    }
    await shot('listings-unbound');
    const storeOnly = await verifyStatuses(registry.url, unbound);
    expect(unbound.map((k) => storeOnly.get(k))).toEqual(unbound.map(() => 'store-only'));

    // A running extension on marketplace pages listing a sample of each kind: accepted (verified),
    // accepted onto a lapsed evaluation, unbound (store-only), deselected and outside any approved
    // store (both unknown to the registry). Titles that claim the mark are left out of the sample:
    // their badges add "claim not backed", which the extension tests cover.
    const outside = upload.rows.filter((r) => r.state === 'refused' && r.key && r.reason?.includes(UNCLAIMED)).map((r) => r.key!);
    expect(outside.length).toBeGreaterThan(0);
    const isJd = (k: string) => k.startsWith('jd:');
    const sample = (keys: string[], n: number) => [...keys.filter((k) => plain(k) && !isJd(k)).slice(0, n), ...keys.filter((k) => plain(k) && isJd(k)).slice(0, n)];
    const unboundSet = new Set(unbound);
    const kinds: Array<[kind: string, keys: string[]]> = [
      ['accepted', sample(accepted.filter((k) => !unboundSet.has(k)), 3)],
      ['accepted onto a lapsed evaluation', sample(acceptedLapsed, 2)],
      ['unbound', unbound],
      ['deselected', deselected.filter(plain)],
      ['outside any approved store', sample(outside, 2)],
    ];
    for (const [kind, keys] of kinds) expect(keys.length, `${kind}: no listing to show`).toBeGreaterThan(0);
    const shown = kinds.flatMap(([, keys]) => keys);
    const registryAnswers = await verifyStatuses(registry.url, shown);
    const want = new Map<string, string>();
    for (const [kind, keys] of kinds) {
      for (const k of keys) {
        const status = registryAnswers.get(k)!;
        if (kind === 'accepted') expect(status, k).toBe('verified');
        else if (kind === 'accepted onto a lapsed evaluation') expect(LAPSED.has(status), `${k} is ${status}`).toBe(true);
        else if (kind === 'unbound') expect(status, k).toBe('store-only');
        else expect(status, k).toBe('not-found');
        want.set(k, status);
      }
    }
    // The extension starts once the registry has published the unbinding (bindings go live through
    // the change log in seconds); a publish still under way is caught by "update now" below.
    await publishedPast(registry.url, headBeforeUnbind);
    const shopperStarted = Date.now();
    shopper = await startShopper(registry.url, registry.jwks.keys, examplesOf(shown.map((k) => ({ url: urlOf(k), title: titleOf.get(k)! }))));
    // Search pages for the Taobao/Tmall and JD listings; a product page for each listing of another platform.
    const onSearch = (k: string) => k.startsWith('taobao:') || isJd(k);
    const pages: Array<[name: string, url: string, keys: string[], pageKey?: string]> = [
      ['extension-taobao', shopper.fixtures.url('s.taobao.com', '/search?q=portal'), shown.filter((k) => onSearch(k) && !isJd(k))],
      ['extension-jd', shopper.fixtures.url('search.jd.com', '/Search?keyword=portal'), shown.filter(isJd)],
      ...shown.filter((k) => !onSearch(k)).map((k, i): [string, string, string[], string] => [`extension-detail-${i + 1}`, urlOf(k), [k], k]),
    ];
    const shopperReady = Date.now();
    const seenBadges = new Map<string, SeenBadge>();
    for (const [name, url, keys, pageKey] of pages) {
      const p = await shopper.ext.context.newPage();
      await p.goto(url);
      await p.evaluate(() => (window as unknown as { loadMore?: () => void }).loadMore?.());
      const wanted = new Map(keys.map((k) => [k, want.get(k)!]));
      // The extension may have taken its snapshot before the last publish: "update now" (what its
      // refresh alarm runs) until the page's badges agree, a bounded number of times.
      let got = await badgesFor(p, wanted, 20, pageKey);
      for (let i = 0; i < 4 && ![...wanted].every(([k, st]) => got.get(k)?.status === st); i++) {
        await shopper.control.refresh();
        got = await badgesFor(p, wanted, 8, pageKey);
      }
      await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      for (const k of keys) if (got.has(k)) seenBadges.set(k, got.get(k)!);
      await p.close();
    }
    for (const [kind, keys] of kinds) {
      for (const k of keys) {
        const b = seenBadges.get(k);
        expect(b, `${kind} ${k}: no badge`).toBeDefined();
        expect(b!.status, `${kind} ${k}`).toBe(want.get(k));
        expect(b!.text, `${kind} ${k}`).toContain(LABEL[want.get(k)!]!);
        expect(b!.visible, `${kind} ${k}: ${(b!.visible * 100).toFixed(0)} % visible`).toBeGreaterThanOrEqual(0.95);
      }
    }
    // Exactly the accepted listings read verified on the pages, as in POST /v1/verify.
    expect(shown.filter((k) => seenBadges.get(k)?.status === 'verified').sort()).toEqual(kinds[0]![1].slice().sort());
    console.log(`portal e2e: the extension showed ${seenBadges.size} badges (${kinds.map(([kind, keys]) => `${keys.length} ${kind}`).join(', ')}) ${Date.now() - shopperStarted} ms after it was started (launch and first snapshot ${shopperReady - shopperStarted} ms)`);

    // Coverage: the numbers, a chart, sortable lists and downloads.
    await page.getByRole('link', { name: '覆盖率' }).click();
    await page.getByRole('heading', { name: '按平台' }).waitFor();
    await page.locator('.chart svg').first().waitFor();
    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV' }).click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
    await page.getByRole('button', { name: /商品链接数/ }).click();
    await shot('coverage');

    // Alerts: the calendar URL, shown once, serving the enterprise's feed.
    await page.getByRole('link', { name: '提醒' }).click();
    await page.getByRole('button', { name: '生成日历链接' }).click();
    const feedUrl = await page.getByLabel(/日历链接/).inputValue();
    const ics = await fetch(feedUrl);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await shot('alerts');

    // English, then a phone's width.
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await shot('overview-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();
    await shot('overview-phone');
    await page.getByRole('link', { name: '商品链接' }).click();
    await page.getByRole('heading', { name: '当前绑定' }).waitFor();
    await shot('listings-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Sign-out: back to sign-in, and the session cookie no longer opens anything.
    const cookie = (await context.cookies(registry.url)).find((c) => c.name === 'zj_session');
    expect(cookie).toBeDefined();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByText('您已退出登录。').waitFor();
    const me = await fetch(`${registry.url}/v1/auth/me`, { headers: { cookie: `zj_session=${cookie!.value}` } });
    expect(me.status).toBe(401);
    const after = await fetch(`${registry.url}/v1/portal/overview`, { headers: { cookie: `zj_session=${cookie!.value}` } });
    expect(after.status).toBe(401);

    // Without a session every screen leads back to sign-in; the spent invitation link says so.
    await page.goto(`${registry.url}/portal/stores`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(page.url()).toBe(`${registry.url}/portal/sign-in`);
    await page.goto(link);
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await page.getByRole('alert').filter({ hasText: '邀请链接已被使用' }).waitFor();
    // Sign in again with the password set through the invitation.
    await page.goto(`${registry.url}/portal/sign-in`);
    await page.getByLabel('邮箱').fill(EMAIL);
    await page.getByLabel('密码').fill('wrong password 123');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();

    // Keyboard: on a fresh load the skip link comes first, the navigation is reached by Tab and
    // opened by Enter, and the new screen's content takes the focus.
    await page.reload();
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.tagName === 'A' && document.activeElement.textContent === '店铺');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '店铺', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    expect(watch.violations).toEqual([]);
    expect(axeFindings).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  }, 240_000);
});
