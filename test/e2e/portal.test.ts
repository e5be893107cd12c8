// Issue 11's brand-owner flow in real Chromium against a real registry on loopback (SQLite file):
// staff invite → the user sets a password on /portal/accept → claims two stores with evidence →
// approval through the admin API → uploads a 3,000-row export made from the sample data (bad rows
// reported with their row numbers) → accepts suggestions (a few deselected) → POST /v1/verify is
// `verified` for exactly the accepted listings → sign-out ends the session. A screenshot of each
// page goes to artifacts/portal/.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, itemUrl, listingTruth } from '@zjmade/sample-data';
import type { RegistryData } from '@zjmade/sdk';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, hasChromium, REPO } from './harness.js';
import { ADMIN_TOKEN, E2E_SAMPLE } from './setup.js';

const SHOTS = join(ARTIFACTS, 'portal');
const PORTAL = join(REPO, 'packages/portal');
const EMAIL = 'ecommerce@portal-e2e.example';
const PASSWORD = 'e2e portal password 2026';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const TMALL = { url: 'https://portal-e2e.tmall.com/', name: '门户测试天猫旗舰店', key: 'tmall:shop:portal-e2e' };
const JD = { url: 'https://mall.jd.com/index-99000123.html', name: '门户测试京东旗舰店', key: 'jd:shop:99000123' };
/** Rows deselected before accepting: they must stay out of the registry. */
const DESELECT = 4;

function newest(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    const st = statSync(p);
    n = Math.max(n, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return n;
}

/** The production build of the portal the registry serves; rebuilt when older than its sources. */
function ensurePortalBuilt(): void {
  const index = join(PORTAL, 'dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(PORTAL)) return;
  execFileSync('pnpm', ['--filter', '@zjmade/portal', 'build'], { cwd: REPO, stdio: 'pipe' });
}

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
 * (listingTruth) as new items of the two claimed stores, some other enterprises' titles, and bad
 * rows (not a URL, an empty link, a repeat, another enterprise's listing).
 */
function makeExport(data: RegistryData, uscc: string, valid: Set<string>): Export {
  const mine = new Set(data.evaluations.filter((e) => e.uscc === uscc).map((e) => e.id));
  const truth = listingTruth(data);
  const ownTitles = truth.filter((t) => t.evaluationId && valid.has(t.evaluationId)).map((t) => t.title);
  const otherTitles = truth.filter((t) => t.evaluationId && !mine.has(t.evaluationId)).map((t) => t.title);
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
    } else {
      const title = i % 10 === 9 ? otherTitles[i % otherTitles.length]! : ownTitles[i % ownTitles.length]!;
      lines.push([url, csvCell(title), store].join(','));
    }
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, bad };
}

interface UploadRow {
  row: number;
  key: string | null;
  state: string;
  suggestions: { evaluationId: string }[];
}

const run = hasChromium ? describe : describe.skip;

run('the brand-owner portal in Chromium', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let data: RegistryData;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensurePortalBuilt();
    registry = await startRegistry({ sample: E2E_SAMPLE, port: 0, adminToken: ADMIN_TOKEN, rateLimit: false });
    data = generateRegistry(E2E_SAMPLE);
    profile = mkdtempSync(join(tmpdir(), 'zjmade-portal-'));
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ alternate_error_pages: { enabled: false } }));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    // Every CSP refusal on the page is a failure: the app must run under its policy as shipped.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith('CSP violation')) violations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (profile) rmSync(profile, { recursive: true, force: true });
    await registry?.close();
  });

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const axeFindings: string[] = [];
  /** A screenshot of the page, and axe-core's WCAG 2.x A/AA findings on it (evaluated through the protocol: the page's CSP allows no inline script). */
  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    axeFindings.push(...found.map((f) => `${name} ${f}`));
  };
  const admin = (path: string, init: RequestInit = {}) => fetch(`${registry.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const statuses = async (keys: string[]): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    for (let i = 0; i < keys.length; i += 500) {
      const batch = keys.slice(i, i + 500);
      const r = await fetch(`${registry.url}/v1/verify?evidence=none`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: batch.map((key) => ({ key })) }) });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { results: { status: string }[] };
      for (const [j, res] of body.results.entries()) out.set(batch[j]!, res.status);
    }
    return out;
  };

  it('invite → set password → claim two stores → approval → 3,000-row upload → accept → verified; sign-out ends the session', async () => {
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
    const seen = await statuses([...accepted, ...acceptedLapsed, ...left]);
    expect(accepted.filter((k) => seen.get(k) !== 'verified')).toEqual([]);
    expect(acceptedLapsed.filter((k) => seen.get(k) === 'verified')).toEqual([]);
    // Not accepted = never written: the registry does not know them.
    expect(left.filter((k) => seen.get(k) === 'verified')).toEqual([]);
    expect(new Set(left.map((k) => seen.get(k)))).toEqual(new Set(['not-found']));

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

    expect(violations).toEqual([]);
    expect(axeFindings).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
