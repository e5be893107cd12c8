
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { createRegistryClient, memoryStore, type RegistryData, orgCheckChar, type TrustedKey, usccCheckChar } from '@zjmade/sdk';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../fixtures/server.js';
import { type BadgeInfo, waitForBadges } from './badges.js';
import { ExtensionControl } from './extension-control.js';
import { ARTIFACTS, CHROMIUM, ensureExtensionBuilt, hasChromium, type Launched, launchWithExtension, } from './harness.js';
import { ensureAppBuilt } from './registry-harness.js';
import { ADMIN_TOKEN, E2E_SAMPLE } from './setup.js';

const SHOTS = join(ARTIFACTS, 'console');
const STAFF = { email: 'staff@console-e2e.example', password: 'qiantang tide at dawn 2026' };
const REVIEWER = { email: 'reviewer@console-e2e.example', password: 'west lake in autumn rain 2026' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const HEADERS = ['证书编号', '企业名称', '统一社会信用代码', '产品名称', '型号规格', '依据标准', '标准名称', '发证日期', '有效期至', '证书状态', '认证机构', '实施规则', '评价方式'];


/** A valid USCC with the given 8-digit organisation body (both check characters computed). */
function uscc(body8: string): string {
  const head = `91330100${body8}${orgCheckChar(body8)}`;
  return `${head}${usccCheckChar(head)}`;
}

interface Hook {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver on loopback that records what it is sent and answers 204. */
async function receiver(): Promise<{ server: Server; url: string; got: Hook[] }> {
  const got: Hook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

/** Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body" under the whsec_ secret's bytes>. */
function signedBy(hook: Hook, secret: string): boolean {
  const id = String(hook.headers['webhook-id']);
  const ts = String(hook.headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const want = createHmac('sha256', key).update(`${id}.${ts}.${hook.body}`).digest();
  return String(hook.headers['webhook-signature'])
    .split(' ')
    .some((s) => {
      const [v, sig] = s.split(',');
      const b = Buffer.from(sig ?? '', 'base64');
      return v === 'v1' && b.length === want.length && timingSafeEqual(b, want);
    });
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, tries = 100, ms = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, ms));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const run = hasChromium ? describe : describe.skip;

run('the staff console in Chromium', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let data: RegistryData;
  let browser: Browser;
  let staffCtx: BrowserContext;
  let page: Page;
  let dir: string;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let fixtures: FixtureServer;
  let ext: Launched;
  let control: ExtensionControl;
  const pageErrors: string[] = [];
  const violations: string[] = [];
  const axeFindings: string[] = [];
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureAppBuilt('console');
    dir = mkdtempSync(join(tmpdir(), 'zjmade-console-e2e-'));
    registry = await startRegistry({
      sample: E2E_SAMPLE,
      dbPath: join(dir, 'registry.sqlite'),
      port: 0,
      adminToken: ADMIN_TOKEN,
      rateLimit: false,
      webhooks: { allowLoopback: true, pollMs: 100, retrySchedule: [200, 400, 800], jitter: 0 },
    });
    data = generateRegistry(E2E_SAMPLE);
    hooks = await receiver();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    staffCtx = await newContext();
    page = await staffCtx.newPage();
    // The extension, in its own Chromium (it needs a persistent profile), on the same registry.
    const dist = ensureExtensionBuilt();
    fixtures = await startFixtureServer({ examples: pickExamples(data), registryUrl: registry.url });
    ext = await launchWithExtension(dist, fixtures.hostResolverRules);
    control = await ExtensionControl.open(ext.context, ext.worker, ext.extensionId);
    await control.setSettings({ registryUrl: registry.url, trustedKeys: registry.jwks.keys, language: 'zh-CN', marks: 'all' });
    const status = await control.waitForStatus((s) => s.hasSnapshot && s.registryUrl === registry.url);
    if (!status.hasSnapshot) throw new Error(`The extension did not load the registry's state: ${JSON.stringify(status)}`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await ext?.close().catch(() => undefined);
    await fixtures?.close();
    await registry?.close();
    await new Promise((r) => hooks?.server.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newContext(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    ctx.on('page', (p) => {
      p.on('console', (m) => {
        if (m.type() === 'error' && m.text().startsWith('CSP violation')) violations.push(m.text());
      });
      p.on('pageerror', (e) => pageErrors.push(e.message));
    });
    return ctx;
  }
  /** A screenshot of a console screen, and axe-core's serious/critical WCAG 2.x A/AA findings on it (injected through the protocol: the console's CSP allows no inline script). */
  const shot = async (p: Page, name: string) => {
    await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    if (name === 'failure') return;
    await p.evaluate(axeSource);
    const found = await p.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    axeFindings.push(...found.map((f) => `${name} ${f}`));
  };
  /** The registry's newest state (the signed pointer's head). */
  const head = async (): Promise<number> => {
    const p = (await (await fetch(`${registry.url}/v1/snapshot/latest`)).json()) as { payload: string };
    const payload = JSON.parse(p.payload) as { sequence: number; head?: number };
    return payload.head ?? payload.sequence;
  };
  /** Waits (bounded) for the registry to publish past `seq`; answers the new head. */
  const publishedPast = (seq: number) => until(`a publish past ${seq}`, async () => {
    const h = await head();
    return h > seq ? h : undefined;
  }, 100, 100);
  /** The badge the extension draws for `key` on its fixture page, once it says `status`. */
  const badgeFor = async (p: Page, fixtureKey: string, status: string): Promise<BadgeInfo | undefined> => {
    const pick = (b: BadgeInfo[]) => b.find((x) => x.fixtureKey === fixtureKey) ?? b[0];
    return pick(await waitForBadges(p, (b) => pick(b)?.status === status, 40));
  };
  const admin = (path: string, body: unknown) => fetch(`${registry.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const verdict = async (key: string): Promise<string> => {
    const r = await fetch(`${registry.url}/v1/verify?evidence=none`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: [{ key }] }) });
    expect(r.status).toBe(200);
    return ((await r.json()) as { results: { status: string }[] }).results[0]!.status;
  };
  const nav = (p: Page, name: string) => p.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  /** Accepts an invitation link in the page, as the invitee does. */
  const acceptIn = async (p: Page, link: string, password: string) => {
    await p.goto(link);
    await p.getByRole('heading', { name: '设置密码' }).waitFor();
    await p.getByLabel('新密码', { exact: true }).fill(password);
    await p.getByLabel('确认新密码').fill(password);
  };

  it('import → suspend → verify; report → confirm → signed webhook; reviewer refused; key rotation keeps clients verifying', async () => {
    const started = Date.now();
    // What the page showed when a step failed: the picture and the main region's text.
    onTestFailed(async () => {
      await shot(page, 'failure').catch(() => undefined);
      console.log(`failure page ${page.url()}:\n${await page.locator('main').textContent().catch(() => '')}`);
    });
    // A fixture marketplace listing the registry verifies now, and the evaluation behind it.
    const evaluationOf = (k: string) => data.bindings.find((b) => b.key === k)?.evaluationId;
    const verifiedListings = [...fixtures.catalogue.byKey.values()].filter((l) => l.status === 'verified' && !l.claims && evaluationOf(l.key));
    const targetListing = verifiedListings[0]!;
    expect(targetListing).toBeDefined();
    const key = targetListing.key;
    const evaluationId = evaluationOf(key)!;
    expect(await verdict(key)).toBe('verified');
    // A second verified listing on another certificate, to see verifying go on across the rotation.
    const otherListing = verifiedListings.find((l) => evaluationOf(l.key) !== evaluationId)!;
    expect(otherListing).toBeDefined();
    const shopper = await ext.context.newPage();
    await shopper.goto(targetListing.url);
    expect((await badgeFor(shopper, key, 'verified'))?.status).toBe('verified');
    await shopper.screenshot({ path: join(SHOTS, 'extension-verified.png') });

    // Served by the registry: a client route answers the app under its own CSP, assets immutable.
    const index = await fetch(`${registry.url}/console/evaluations`);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = (await index.text()).match(/\/console\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${registry.url}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // Sign-in screen, then the staff invitation (admin token: how the first staff member is made).
    await page.goto(`${registry.url}/console/`);
    await page.getByRole('heading', { name: '控制台登录' }).waitFor();
    await shot(page, 'sign-in');
    const inv = await admin('/v1/admin/invitations', { email: STAFF.email, role: 'staff' });
    expect(inv.status).toBe(201);
    const { link } = (await inv.json()) as { link: string };
    expect(link).toMatch(new RegExp(`^${registry.url}/console/accept#.+`));
    await acceptIn(page, link, STAFF.password);
    await shot(page, 'accept-invitation');
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await page.getByRole('heading', { name: '导入官方名单', level: 1 }).waitFor();
    // Sign out and in again with the password just set.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '控制台登录' }).waitFor();
    await page.getByLabel('邮箱').fill(STAFF.email);
    await page.getByLabel('密码').fill(STAFF.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '导入官方名单', level: 1 }).waitFor();
    for (const name of ['导入名单', '评价', '店铺认领', '举报处理', '失信惩戒', '审计日志', '密钥与发布', '人员', 'Webhook']) {
      await expect.poll(() => page.getByRole('navigation').getByRole('link', { name, exact: true }).count()).toBe(1);
    }

    // Import: three new certificates of one new enterprise, and a bad row (not a USCC) at row 5.
    const u = uscc('44000001');
    const std = data.evaluations[0]!.standard;
    const rows = [1, 2, 3].map((i) => [`ZJM-E2E-00000${i}`, '控制台测试电器有限公司', u, '电热水壶', `CT-${i}`, std, '', '2025-01-01', '2028-12-31', '有效', '方圆标志认证集团', 'ZJM-006-4481-2023', '认证']);
    rows.push(['ZJM-E2E-000009', '坏行企业', 'not-a-uscc', '电热水壶', 'CT-9', std, '', '2025-01-01', '2028-12-31', '有效', '方圆标志认证集团', 'ZJM-006-4481-2023', '认证']);
    const csv = `${[HEADERS, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
    await page.getByLabel('名单文件').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: '上传并试运行' }).click();
    await page.locator('[data-count="new"]').filter({ hasText: '3' }).waitFor();
    expect(await page.locator('[data-count="bad"]').textContent()).toBe('1');
    expect(await page.locator('table.bad-rows td.num').first().textContent()).toBe('5');
    expect(((await (await fetch(`${registry.url}/v1/evaluations/ZJM-E2E-000001`)).status))).toBe(404);
    await shot(page, 'import-dry-run');
    await page.getByRole('button', { name: '提交 3 行' }).click();
    await page.getByText(/已提交：导入 3 行/).waitFor();
    await shot(page, 'import-committed');
    await until('the imported certificate', async () => ((await fetch(`${registry.url}/v1/evaluations/ZJM-E2E-000001`)).status === 200 ? true : undefined));

    // Evaluations: find the listing's certificate, suspend it; /v1/verify changes within seconds.
    await nav(page, '评价');
    await page.getByPlaceholder(/搜索/).fill(evaluationId);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const row = page.locator(`tr[data-id="${evaluationId}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: '查看' }).click();
    await page.locator('.affects').waitFor();
    await page.getByLabel('操作').selectOption('suspend');
    await page.getByLabel('原因', { exact: true }).fill('监督抽查不合格（控制台端到端测试）');
    await shot(page, 'evaluation');
    const headBeforeSuspension = await head();
    const t0 = Date.now();
    await page.getByRole('button', { name: '确认变更' }).click();
    await page.getByText(/已变更为“暂停”/).waitFor();
    await until('the suspension in /v1/verify', async () => ((await verdict(key)) === 'suspended' ? true : undefined), 50, 100);
    const suspendMs = Date.now() - t0;
    await shot(page, 'evaluation-suspended');
    // The running extension: once the registry has published, what its refresh alarm runs (the
    // worker's refresh()), asked for now instead of at the next tick; the open page's badge turns.
    const suspendedHead = await publishedPast(headBeforeSuspension);
    const refreshStarted = Date.now();
    const refreshed = await control.refresh();
    expect(refreshed.lastError).toBeUndefined();
    expect(refreshed.sequence).toBeGreaterThanOrEqual(suspendedHead);
    await shopper.bringToFront();
    expect((await badgeFor(shopper, key, 'suspended'))?.status).toBe('suspended');
    const badgeMs = Date.now() - t0;
    const badgeAfterRefreshMs = Date.now() - refreshStarted;
    await shopper.screenshot({ path: join(SHOTS, 'extension-suspended.png') });

    // Webhooks: a loopback receiver for confirmed misuse; the secret is shown once.
    await nav(page, 'Webhook');
    await page.getByLabel('URL（https）').fill(hooks.url);
    await page.getByRole('button', { name: '新增', exact: true }).click();
    const secret = (await page.locator('.secret input').inputValue()).trim();
    expect(secret).toMatch(/^whsec_/);
    await shot(page, 'webhooks');

    // A shopper's report, as the extension sends it (the SDK client's POST /v1/reports body).
    const listing = data.bindings.find((b) => b.key !== key && b.key.startsWith('tmall:'))?.key ?? data.bindings[1]!.key;
    const rep = await fetch(`${registry.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listing, reason: 'counterfeit-mark', note: '页面上的品字标像是盗用的' }) });
    expect(rep.status).toBeLessThan(300);
    const reportId = ((await rep.json()) as { id: string }).id;

    await nav(page, '举报处理');
    const group = page.locator(`tr[data-key="${listing}"]`);
    await group.waitFor();
    await shot(page, 'reports');
    await group.getByRole('button', { name: '展开' }).click();
    await page.locator(`tr[data-id="${reportId}"]`).getByRole('checkbox').check();
    await page.getByLabel('改为').selectOption('confirmed-misuse');
    await page.getByLabel('处理备注').fill('核实：店铺无有效证书');
    await page.getByLabel('通知平台').check();
    await page.getByRole('button', { name: '应用' }).click();
    await page.getByRole('alertdialog').waitFor();
    await shot(page, 'reports-confirm');
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByText(/已更新 1 条举报为“确认冒用”/).waitFor();
    await shot(page, 'reports-confirmed');
    const hook = await until('the signed webhook', () => hooks.got.find((h) => h.body.includes('report.confirmed_misuse')), 100, 100);
    expect(signedBy(hook, secret)).toBe(true);
    expect(signedBy(hook, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'report.confirmed_misuse' });
    expect(hook.body).toContain(reportId);
    await nav(page, 'Webhook');
    await page.getByRole('button', { name: '投递记录' }).click();
    await page.locator('tr[data-type="report.confirmed_misuse"][data-state="succeeded"]').waitFor();
    await shot(page, 'webhook-deliveries');

    // A store claim from an enterprise user (the portal's API), reviewed here with its evidence.
    const ent = data.enterprises[0]!;
    const einv = await admin('/v1/admin/invitations', { email: 'ops@claim-e2e.example', uscc: ent.uscc });
    const eLink = ((await einv.json()) as { link: string }).link;
    const acc = await fetch(`${registry.url}/v1/auth/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: registry.url }, body: JSON.stringify({ token: eLink.split('#')[1], password: 'lotus pond in summer 2026' }) });
    expect(acc.status).toBe(200);
    const cookie = (acc.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await acc.json()) as { csrfToken: string };
    const form = new FormData();
    form.set('url', 'https://claim-e2e.tmall.com/');
    form.set('name', '认领测试天猫旗舰店');
    form.set('role', 'official-flagship');
    form.set('evidence', new Blob([PNG], { type: 'image/png' }), 'authorisation.png');
    const claimed = await fetch(`${registry.url}/v1/portal/claims`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, origin: registry.url }, body: form });
    expect(claimed.status).toBeLessThan(300);
    await nav(page, '店铺认领');
    const card = page.locator('article.claim').filter({ hasText: '认领测试天猫旗舰店' });
    await card.waitFor();
    const evidence = await card.getByRole('link', { name: '查看材料' }).getAttribute('href');
    const file = await page.request.get(`${registry.url}${evidence}`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).subarray(0, 8)).toEqual(Buffer.from(PNG.subarray(0, 8)));
    await shot(page, 'claims');
    await card.getByLabel(/原因/).fill('授权书与店铺信息一致');
    await card.getByRole('button', { name: '批准' }).click();
    await page.getByText('已处理：已批准').waitFor();

    // The other screens.
    await nav(page, '失信惩戒');
    await page.getByLabel('统一社会信用代码').fill(u);
    await page.getByLabel('生效日期').fill('2026-12-01');
    await page.getByLabel('原因', { exact: true }).fill('质量失信（端到端测试）');
    await page.getByLabel('来源文件（文号或链接）').fill('浙市监〔2026〕1号');
    await page.getByRole('button', { name: '新增', exact: true }).click();
    await page.getByText('已新增惩戒并发布。').waitFor();
    await shot(page, 'sanctions');
    await nav(page, '审计日志');
    await page.getByLabel('操作（前缀）').fill('evaluation');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'audit');
    const exportHref = await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
    const exported = await page.request.get(`${registry.url}${exportHref}`);
    expect(exported.headers()['content-type']).toContain('text/csv');
    expect(await exported.text()).toContain(`evaluation:${evaluationId}`);

    // People: invite a reviewer; the link is shown once.
    await nav(page, '人员');
    await page.getByLabel('邮箱').fill(REVIEWER.email);
    await page.getByLabel('角色').selectOption('reviewer');
    await page.getByRole('button', { name: '生成邀请链接' }).click();
    const reviewerLink = await page.locator('.invite-link input').inputValue();
    expect(reviewerLink).toMatch(/\/console\/accept#/);
    await shot(page, 'people');

    // The reviewer: no status control offered, and the API refuses the change.
    const revCtx = await newContext();
    const rev = await revCtx.newPage();
    await acceptIn(rev, reviewerLink, REVIEWER.password);
    await rev.getByRole('button', { name: '设置密码并登录' }).click();
    await rev.getByRole('heading', { name: '评价', level: 1 }).waitFor();
    expect(await rev.getByRole('navigation').getByRole('link', { name: '导入名单' }).count()).toBe(0);
    expect(await rev.getByRole('navigation').getByRole('link', { name: '人员' }).count()).toBe(0);
    await rev.getByPlaceholder(/搜索/).fill(evaluationId);
    await rev.getByRole('button', { name: '搜索', exact: true }).click();
    await rev.locator(`tr[data-id="${evaluationId}"]`).getByRole('button', { name: '查看' }).click();
    await rev.getByText('审核员不能变更评价状态。').waitFor();
    expect(await rev.locator('.status-form').count()).toBe(0);
    await shot(rev, 'reviewer-evaluation');
    const refused = await rev.evaluate(async (id) => {
      const me = (await (await fetch('/v1/auth/me')).json()) as { csrfToken: string };
      const r = await fetch(`/v1/console/evaluations/${encodeURIComponent(id)}/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ action: 'reinstate', reason: 'reviewer attempt' }) });
      return r.status;
    }, evaluationId);
    expect(refused).toBe(403);
    await revCtx.close();
    expect(await verdict(key)).toBe('suspended');

    // Key rotation through the guided steps; an offline client configured at step 1 keeps verifying.
    const other = otherListing.key;
    await nav(page, '密钥与发布');
    await page.getByRole('heading', { name: '签名密钥与发布' }).waitFor();
    const firstKid = (await (await fetch(`${registry.url}/.well-known/jwks.json`)).json()) as { keys: TrustedKey[] };
    await page.getByRole('button', { name: '生成备用密钥' }).click();
    await page.locator('.jwks-diff .added').waitFor();
    const jwks = (await (await fetch(`${registry.url}/.well-known/jwks.json`)).json()) as { keys: (TrustedKey & { kid: string })[] };
    expect(jwks.keys.length).toBe(firstKid.keys.length + 1);
    await shot(page, 'keys-standby');
    // The extension pins its trusted keys (settings, else the build's): the operator gives it the
    // JWKS as published at step 1 (old + standby) before activating, and it keeps its state.
    await control.setSettings({ registryUrl: registry.url, trustedKeys: jwks.keys, language: 'zh-CN', marks: 'all' });
    const rekeyed = await control.refresh();
    expect(rekeyed.lastError).toBeUndefined();
    expect(rekeyed.hasSnapshot).toBe(true);
    const otherPage = await ext.context.newPage();
    await otherPage.goto(otherListing.url);
    expect((await badgeFor(otherPage, other, 'verified'))?.status).toBe('verified');
    // Configured the way the extension is, with the JWKS as published after step 1 (old + standby key).
    const client = createRegistryClient({ baseUrl: registry.url, trustedKeys: jwks.keys, store: memoryStore(), retries: 0, deltas: { openDelta, applyDelta } });
    const before = await client.snapshot();
    const offline = before.verify({ key: other }).status;
    expect(offline).toBe(await verdict(other));
    const activate = page.getByRole('button', { name: /^启用 / });
    const newKid = ((await activate.textContent()) ?? '').replace(/^启用 /, '');
    await activate.click();
    await page.getByRole('button', { name: /^停用 / }).waitFor();
    await shot(page, 'keys-activated');
    await until('a snapshot signed by the new key', async () => {
      const s = await client.snapshot();
      return s.info.sequence > before.info.sequence ? s : undefined;
    });
    expect(client.lastError).toBeNull();
    expect((await client.snapshot()).verify({ key: other }).status).toBe(offline);
    // The extension takes the snapshot signed by the new key, and its badges stay right.
    const activatedHead = await head();
    const afterActivate = await control.refresh();
    expect(afterActivate.lastError).toBeUndefined();
    expect(afterActivate.sequence).toBeGreaterThanOrEqual(activatedHead);
    await otherPage.reload();
    expect((await badgeFor(otherPage, other, 'verified'))?.status).toBe('verified');
    await shopper.reload();
    expect((await badgeFor(shopper, key, 'suspended'))?.status).toBe('suspended');
    await page.getByRole('button', { name: /^停用 / }).click();
    await page.locator('.jwks-diff .removed').waitFor();
    await shot(page, 'keys-retired');
    const after = (await (await fetch(`${registry.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((k) => k.kid)).toEqual([newKid]);
    expect(await verdict(other)).toBe(offline);
    expect(await verdict(key)).toBe('suspended');
    // After the retire step the extension, still trusting the keys it was given at step 1, takes
    // the next publish and keeps verifying.
    const retiredHead = await head();
    const afterRetire = await control.refresh();
    expect(afterRetire.lastError).toBeUndefined();
    expect(afterRetire.hasSnapshot).toBe(true);
    expect(afterRetire.sequence).toBeGreaterThanOrEqual(retiredHead);
    await otherPage.reload();
    expect((await badgeFor(otherPage, other, 'verified'))?.status).toBe('verified');
    await otherPage.screenshot({ path: join(SHOTS, 'extension-after-rotation.png') });
    await shopper.reload();
    expect((await badgeFor(shopper, key, 'suspended'))?.status).toBe('suspended');
    // Given only the JWKS as published now (the retired key gone), both still verify: activation
    // published a full snapshot under the new key and the pointer's chain names nothing the retired
    // key signed. The SDK client starts from nothing; the extension, its trusted keys changed,
    // re-verifies what it stored (based on the old key's snapshot: no longer trusted) and so must
    // take the new key's full snapshot the pointer names.
    const published = (await (await fetch(`${registry.url}/.well-known/jwks.json`)).json()) as { keys: TrustedKey[] };
    const newKeysOnly = createRegistryClient({ baseUrl: registry.url, trustedKeys: published.keys, store: memoryStore(), retries: 0, deltas: { openDelta, applyDelta } });
    const fromNewKeys = await newKeysOnly.snapshot();
    expect(newKeysOnly.lastError).toBeNull();
    expect(fromNewKeys.info.sequence).toBeGreaterThanOrEqual(retiredHead);
    expect(fromNewKeys.verify({ key: other }).status).toBe(offline);
    expect(fromNewKeys.verify({ key }).status).toBe('suspended');
    await control.setSettings({ registryUrl: registry.url, trustedKeys: published.keys, language: 'zh-CN', marks: 'all' });
    const onlyNew = await control.refresh();
    expect(onlyNew.lastError).toBeUndefined();
    expect(onlyNew.hasSnapshot).toBe(true);
    expect(onlyNew.sequence).toBeGreaterThanOrEqual(retiredHead);
    await otherPage.reload();
    expect((await badgeFor(otherPage, other, 'verified'))?.status).toBe('verified');
    await shopper.reload();
    expect((await badgeFor(shopper, key, 'suspended'))?.status).toBe('suspended');
    await otherPage.screenshot({ path: join(SHOTS, 'extension-new-keys-only.png') });

    // English, for the record.
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Signing keys and publishing' }).waitFor();
    await shot(page, 'keys-en');

    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(axeFindings).toEqual([]);
    console.log(
      `console e2e: suspension reached /v1/verify ${suspendMs} ms after the click, the extension's badge ${badgeMs} ms after it (${badgeAfterRefreshMs} ms after refresh() began); whole flow ${Date.now() - started} ms`,
    );
  }, 150_000);
});
