// The portal's webhook section (提醒 → Webhook 通知) in real Chromium against a real registry on
// loopback (SQLite file) whose delivery loop may post to loopback receivers: an enterprise user adds
// an endpoint and sees its signing secret once (focused); a test event reaches a receiver signed
// with that secret (checked with the standardwebhooks package, not our signer); a second endpoint
// whose receiver answers 500 shows the failed delivery, every failed attempt and the run of
// failures after its retries; a replay carries the same webhook-id; a rotated secret signs beside
// the previous one during the overlap; disable and enable show in the pill. Another enterprise's
// session neither sees nor changes these endpoints. axe-core (WCAG 2.x A/AA) finds nothing serious
// or critical, no page error or CSP refusal is reported; screenshots go to artifacts/portal/webhooks-*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type Received, type Receiver, receiver, verifyWith } from '../../packages/registry/test/webhooks-helpers.js';
import { ARTIFACTS, hasChromium } from './harness.js';
import { ensureAppBuilt, launchAppBrowser, newAppContext, type PageWatch, screenshotter, startFileRegistry, type TestRegistry, until } from './registry-harness.js';
import { ADMIN_TOKEN } from './setup.js';

const SHOTS = join(ARTIFACTS, 'portal');
const PASSWORD = 'e2e alerts screen 2026';
/** Fast retries (3 attempts in all) so a failing receiver's delivery ends `failed` within a second or two. */
const WEBHOOKS = { allowLoopback: true, pollMs: 100, retrySchedule: [200, 400], jitter: 0 };

const typeOf = (r: Received) => (JSON.parse(r.body) as { type?: string }).type;
/** Whether `r` verifies with `secret` (the standardwebhooks verifier throws on a bad signature). */
const signedWith = (secret: string, r: Received): boolean => {
  try {
    verifyWith(secret, r);
    return true;
  } catch {
    return false;
  }
};

const run = hasChromium ? describe : describe.skip;

run('the portal’s webhook section in Chromium', () => {
  let registry: TestRegistry;
  let closeRegistry: () => Promise<void>;
  let enterprises: string[];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let good: Receiver;
  let bad: Receiver;
  const watch: PageWatch = { violations: [], pageErrors: [] };
  const axeFindings: string[] = [];
  const screenshot = screenshotter(SHOTS, axeFindings, 'serious');
  const shot = (name: string) => screenshot(page, `webhooks-${name}`);

  beforeAll(async () => {
    ensureAppBuilt('portal');
    const started = await startFileRegistry({ webhooks: WEBHOOKS });
    ({ registry, close: closeRegistry } = started);
    enterprises = started.data.enterprises.map((e) => e.uscc);
    good = await receiver('ok');
    bad = await receiver('fail500');
    browser = await launchAppBrowser();
    context = await newAppContext(browser, watch);
    // Every step here takes well under a second; a stuck one fails in 15 s, naming its locator.
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await good?.close();
    await bad?.close();
    await closeRegistry?.();
  });

  const invite = async (email: string, uscc: string): Promise<string> => {
    const r = await fetch(`${registry.url}/v1/admin/invitations`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ email, uscc }) });
    expect(r.status).toBe(201);
    return ((await r.json()) as { link: string }).link;
  };
  /** The delivery log of an endpoint as the page's session reads it (GET: no CSRF token needed). */
  const deliveries = async (id: string) => (await (await page.request.get(`${registry.url}/v1/portal/webhooks/${id}/deliveries`)).json()) as { items: { type: string; state: string; attempts: unknown[] }[] };

  it('add → secret once → signed test event → failing receiver’s log → replay → rotate → disable/enable; another enterprise cannot touch them', async () => {
    onTestFailed(async () => {
      await page.screenshot({ path: join(SHOTS, 'webhooks-failure.png'), fullPage: true }).catch(() => undefined);
    });
    const [uscc, otherUscc] = enterprises;
    expect(otherUscc).toBeDefined();

    // An enterprise user: staff invite, password set on the shared accept screen.
    await page.goto(await invite('first@wh-e2e.example', uscc!));
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: '提醒' }).click();
    await page.getByRole('heading', { name: 'Webhook 通知' }).waitFor();
    await page.getByText('尚无接收地址。').waitFor();
    await shot('empty');

    // The first endpoint: its secret is shown once, in a focused field.
    const secretField = page.getByLabel('签名密钥（只显示这一次）：');
    await page.getByLabel('URL（https）').fill(good.url);
    await page.getByRole('button', { name: '新增', exact: true }).click();
    await secretField.waitFor();
    const secret1 = await secretField.inputValue();
    expect(secret1).toMatch(/^whsec_/);
    expect(await secretField.evaluate((el) => el === document.activeElement)).toBe(true);
    const goodEp = page.locator('article.endpoint', { hasText: good.url });
    await goodEp.waitFor();
    const goodId = (await goodEp.getAttribute('data-id'))!;
    await shot('secret');

    // A test event reaches the receiver, signed with that secret (and not with any other).
    await goodEp.getByRole('button', { name: '发送测试事件' }).click();
    await page.getByText('测试事件已排队').waitFor();
    const first = await until('the receiver gets webhook.test', () => good.received.find((r) => typeOf(r) === 'webhook.test'));
    expect(signedWith(secret1, first)).toBe(true);

    // A second endpoint, whose receiver answers 500: its own secret.
    await page.getByLabel('URL（https）').fill(bad.url);
    await page.getByRole('button', { name: '新增', exact: true }).click();
    const badEp = page.locator('article.endpoint', { hasText: bad.url });
    await badEp.waitFor();
    const badId = (await badEp.getAttribute('data-id'))!;
    const secret2 = await until('the second secret', async () => {
      const v = await secretField.inputValue();
      return v !== secret1 ? v : undefined;
    });
    expect(secret2).toMatch(/^whsec_/);
    expect(signedWith(secret2, first)).toBe(false);

    // Its test event fails on every attempt; after the retries the log says so.
    await badEp.getByRole('button', { name: '发送测试事件' }).click();
    await until('the failing delivery to end failed', async () => ((await deliveries(badId)).items.some((d) => d.type === 'webhook.test' && d.state === 'failed') ? true : undefined));
    expect(bad.hits.length).toBeGreaterThanOrEqual(3);
    await page.reload();
    await page.getByRole('heading', { name: 'Webhook 通知' }).waitFor();
    await badEp.getByRole('button', { name: '投递记录' }).click();
    await badEp.locator('tr[data-type="webhook.test"][data-state="failed"]').waitFor();
    expect(await badEp.locator('.endpoint-trouble').textContent()).toMatch(/连续 \d+ 次投递失败/);
    expect(await badEp.locator('tr[data-type="webhook.test"][data-state="failed"] .attempt.failed').count()).toBeGreaterThanOrEqual(3);
    await shot('failing');

    // Replay the good endpoint's test delivery: the receiver gets it again, same webhook-id.
    await goodEp.getByRole('button', { name: '投递记录' }).click();
    const goodTest = goodEp.locator('tr[data-type="webhook.test"][data-state="succeeded"]');
    await goodTest.waitFor();
    const before = good.received.length;
    await goodTest.first().getByRole('button', { name: '重发' }).click();
    await page.getByText('已重新排队 1 条投递').waitFor();
    const replayed = await until('the replay arrives', () => good.received.slice(before).find((r) => typeOf(r) === 'webhook.test'));
    expect(replayed.id).toBe(first.id);
    expect(signedWith(secret1, replayed)).toBe(true);
    await shot('deliveries');

    // Rotate: a new secret, shown once; the next event verifies with the new and the previous one.
    await goodEp.getByRole('button', { name: '轮换密钥' }).click();
    const secret3 = await until('the rotated secret', async () => {
      const v = await secretField.inputValue();
      return v !== secret2 && v !== secret1 ? v : undefined;
    });
    expect(secret3).toMatch(/^whsec_/);
    await goodEp.getByText(/密钥轮换过渡期/).waitFor();
    const seen = new Set(good.received.map((r) => r.id));
    await goodEp.getByRole('button', { name: '发送测试事件' }).click();
    const afterRotation = await until('a test event after rotation', () => good.received.find((r) => !seen.has(r.id) && typeOf(r) === 'webhook.test'));
    expect(signedWith(secret3, afterRotation)).toBe(true);
    expect(signedWith(secret1, afterRotation)).toBe(true);
    expect(signedWith(secret2, afterRotation)).toBe(false);
    await shot('rotated');

    // Disable, then enable again.
    await goodEp.getByRole('button', { name: '停用', exact: true }).click();
    await goodEp.locator('.pill', { hasText: '已停用' }).waitFor();
    await goodEp.getByRole('button', { name: '启用', exact: true }).click();
    await goodEp.locator('.pill', { hasText: '已启用' }).waitFor();
    await shot('enabled');

    // Another enterprise's session (its cookie and CSRF token) neither lists nor disables them.
    const link = await invite('second@wh-e2e.example', otherUscc!);
    const accepted = await fetch(`${registry.url}/v1/auth/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: registry.url }, body: JSON.stringify({ token: link.split('#')[1], password: PASSWORD }) });
    expect(accepted.status).toBe(200);
    const { csrfToken } = (await accepted.json()) as { csrfToken: string };
    const cookie = accepted.headers
      .getSetCookie()
      .find((c) => c.startsWith('zj_session='))!
      .split(';')[0]!;
    const other = (path: string, method = 'GET') => fetch(`${registry.url}${path}`, { method, headers: { origin: registry.url, cookie, 'x-csrf-token': csrfToken } });
    const listed = await other('/v1/portal/webhooks');
    expect(listed.status).toBe(200);
    const theirs = (await listed.json()) as { items: { id: string }[] };
    expect(theirs.items.map((e) => e.id)).not.toContain(goodId);
    expect(theirs.items.map((e) => e.id)).not.toContain(badId);
    expect((await other(`/v1/portal/webhooks/${goodId}/disable`, 'POST')).status).toBe(404);
    await page.reload();
    await goodEp.locator('.pill', { hasText: '已启用' }).waitFor();

    expect(axeFindings).toEqual([]);
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  }, 60_000);
});
