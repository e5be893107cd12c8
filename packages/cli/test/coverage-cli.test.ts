import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryView } from '@zjmade/sdk';
import type { CoverageReport } from '@zjmade/sdk/coverage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '@zjmade/tabular';
import { AT, fixture, USCC_A } from '../../../sdk/test/coverage-fixture.js';
import { runCoverage } from '../src/commands/coverage.js';
import type { LoadedRegistry } from '../src/load-registry.js';
import { parseCsv } from '../src/report/read-listings.js';

const registry: LoadedRegistry = { view: createMemoryView(fixture()), sample: true, label: 'coverage fixture' };

// The fixture's listings as a platform would export them: URLs, Chinese headers, and bad rows.
const ROWS: string[][] = [
  ['https://detail.tmall.com/item.htm?id=1', '浙江制造 保温杯 500ml', 'https://acme.tmall.com/'],
  ['https://item.taobao.com/item.htm?id=2', '保温杯', ''],
  ['https://item.jd.com/3.html', '电热水壶', ''],
  ['https://item.jd.com/4.html', '电热水壶', ''],
  ['https://detail.tmall.com/item.htm?id=5', '电热水壶', ''],
  ['https://detail.tmall.com/item.htm?id=6', '浙江制造 电热水壶', ''],
  ['https://detail.tmall.com/item.htm?id=7', '保温杯', ''],
  ['https://item.jd.com/8.html', '保温杯', ''],
  ['https://item.taobao.com/item.htm?id=9', '保温杯', ''],
  ['https://item.taobao.com/item.htm?id=404', '正品 浙江制造', ''],
  ['https://m.tb.cn/h.abc', 'short link', ''],
  ['', 'no url', ''],
  ['https://detail.m.tmall.com/item.htm?id=1&spm=x', 'duplicate through the mobile site', ''],
  ['https://item.jd.com/11.html', 'new item in our JD store', 'jd:shop:100'],
];

const csvOf = (header: string[], rows: string[][]) =>
  `${[header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zjmade-coverage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(file: string, extra: Record<string, string> = {}) {
  return runCoverage({ enterprise: USCC_A, listings: file, at: AT, format: 'json', ...extra }, { registry });
}

function expectFixtureCounts(report: CoverageReport) {
  expect(report.totals).toMatchObject({
    rows: 14,
    invalid: 2,
    duplicates: 1,
    backed: 5,
    unbound: 2,
    lapsed: 2,
    notOurs: 2,
    unbackedClaims: 2,
    forgottenStores: 1,
  });
}

describe('zjmade coverage: reading exports', () => {
  it('reads a CSV with Chinese headers, reports bad rows by row number on stderr, and goes on', async () => {
    const file = join(dir, 'export.csv');
    await writeFile(file, csvOf(['商品链接', '商品标题', '店铺链接'], ROWS));
    const result = await run(file);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as CoverageReport;
    expectFixtureCounts(report);
    expect(report.invalid.map((e) => e.row)).toEqual([12, 13]);
    expect(result.stderr).toMatch(/row 12: not a marketplace listing URL or key: "https:\/\/m\.tb\.cn\/h\.abc"/);
    expect(result.stderr).toMatch(/row 13: empty listing cell/);
    expect(report.unbound.map((e) => e.row)).toEqual([7, 15]);
  });

  it('reads an XLSX with English headers the same way', async () => {
    const file = join(dir, 'export.xlsx');
    await writeFile(file, await writeXlsx([{ name: 'Sheet1', headers: ['Title', 'URL', 'Store'], rows: ROWS.map(([u, t, s]) => [t!, u!, s!]) }]));
    const result = await run(file);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as CoverageReport;
    expectFixtureCounts(report);
    expect(report.invalid.map((e) => e.row)).toEqual([12, 13]);
    expect(report.unbackedClaims.map((e) => e.title)).toEqual(['浙江制造 电热水壶', '正品 浙江制造']);
  });

  it('reads stray quotes as text, and reports an unclosed quote by row while keeping the rows before it', async () => {
    const stray = await parseCsv('url,title\nhttps://item.jd.com/3.html,5" 屏幕\nhttps://item.jd.com/8.html,c\n');
    expect(stray.unreadable).toEqual([]);
    expect(stray.listings.map((l) => l.title)).toEqual(['5" 屏幕', 'c']);
    const broken = await parseCsv('url,title\nhttps://item.jd.com/3.html,a\nhttps://item.jd.com/4.html,b\n"https://item.jd.com/8.html,c\n');
    expect(broken.unreadable).toHaveLength(1);
    expect(broken.unreadable[0]?.row).toBeGreaterThanOrEqual(4);
    expect(broken.unreadable[0]?.reason).toMatch(/Quote Not Closed/);
    expect(broken.listings.map((l) => l.row)).toEqual([2, 3]);
  });

  it('counts unreadable CSV records as needing attention and names their rows on stderr', async () => {
    const file = join(dir, 'broken.csv');
    await writeFile(file, 'url\nhttps://detail.tmall.com/item.htm?id=1\n"https://item.jd.com/3.html\n');
    const result = await runCoverage({ enterprise: USCC_A, listings: file, at: '2026-10-01' }, { registry });
    expect(result.stderr).toMatch(/row 3: Quote Not Closed/);
    expect(result.exitCode).toBe(1);
  });

  it('decodes GB18030 exports', async () => {
    const file = join(dir, 'gbk.csv');
    // "商品链接" in GB18030, then one JD URL.
    const header = Buffer.from([0xc9, 0xcc, 0xc6, 0xb7, 0xc1, 0xb4, 0xbd, 0xd3]);
    await writeFile(file, Buffer.concat([header, Buffer.from('\nhttps://item.jd.com/3.html\n')]));
    const result = await run(file);
    const report = JSON.parse(result.stdout) as CoverageReport;
    expect(report.totals.backed).toBe(1);
  });

  it('takes named columns, and says which headers exist when the URL column is missing', async () => {
    const file = join(dir, 'named.csv');
    await writeFile(file, csvOf(['宝贝地址', '说明'], [['https://item.jd.com/3.html', '浙江制造']]));
    const missing = await run(file);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/cannot find the listing URL column.*宝贝地址/);
    const named = await run(file, { urlColumn: '宝贝地址', titleColumn: '说明' });
    const report = JSON.parse(named.stdout) as CoverageReport;
    expect(report.totals.backed).toBe(1);
    expect(report.backed.listings[0]?.title).toBe('浙江制造');
    const wrong = await run(file, { urlColumn: 'nope' });
    expect(wrong.exitCode).toBe(2);
  });
});

describe('zjmade coverage: outputs and exit codes', () => {
  it('exits 0 when nothing needs attention', async () => {
    const file = join(dir, 'good.csv');
    await writeFile(file, csvOf(['url'], [['https://detail.tmall.com/item.htm?id=1'], ['https://mall.jd.com/index-100.html'], ['pinduoduo:item:10']]));
    const result = await runCoverage({ enterprise: USCC_A, listings: file, at: '2026-10-01' }, { registry });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Nothing needs attention.');
    expect(result.stdout).toContain('SAMPLE DATA');
  });

  it('prints a terminal summary table', async () => {
    const file = join(dir, 'export.csv');
    const result = await runCoverage({ enterprise: USCC_A, listings: file, at: AT }, { registry });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/backed by a valid evaluation\s+5 \(55\.6%\)/);
    expect(result.stdout).toMatch(/renewal alerts\s+1 ≤30d, 2 ≤60d, 3 ≤90d/);
    expect(result.stdout).toMatch(/^tmall\s+5\s+3\s+1\s+1\s+0\s+1\s+60\.0%$/m);
    expect(result.stdout).toContain('Needs attention:');
  });

  it('writes CSV findings to --out and still prints the summary', async () => {
    const out = join(dir, 'findings.csv');
    const result = await runCoverage({ enterprise: USCC_A, listings: join(dir, 'export.csv'), at: AT, format: 'csv', out }, { registry });
    expect(result.stdout).toContain('浙江制造 coverage');
    const lines = (await readFile(out, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^category,row,listing/);
    const count = (c: string) => lines.filter((l) => l.startsWith(`${c},`)).length;
    expect([count('backed'), count('unbound'), count('lapsed'), count('unbacked-claim'), count('forgotten-store'), count('invalid')]).toEqual([5, 2, 2, 2, 1, 2]);
    expect(count('renewal-30d') + count('renewal-60d') + count('renewal-90d')).toBe(3);
  });

  it('rejects usage errors with exit code 2', async () => {
    const file = join(dir, 'export.csv');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ enterprise: 'ABC' }, /--enterprise/],
      [{ format: 'pdf' }, /--format/],
      [{ at: 'tomorrow' }, /--at/],
      [{ listings: join(dir, 'missing.csv') }, /cannot read/],
      [{ listings: join(dir, 'export.json') }, /\.csv or \.xlsx/],
      [{ enterprise: '91330000000000000X' }, /does not know enterprise/],
      [{ windows: '30,x' }, /--windows/],
    ];
    for (const [flags, message] of cases) {
      const result = await runCoverage({ enterprise: USCC_A, listings: file, at: AT, ...flags }, { registry });
      expect(result.exitCode, JSON.stringify(flags)).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('needs --trusted-key for a snapshot or an online registry', async () => {
    const file = join(dir, 'export.csv');
    const snap = await runCoverage({ enterprise: USCC_A, listings: file, snapshot: join(dir, 'x.snap') });
    expect(snap.exitCode).toBe(2);
    expect(snap.stderr).toMatch(/--trusted-key/);
    const online = await runCoverage({ enterprise: USCC_A, listings: file, registry: 'http://127.0.0.1:9' });
    expect(online.exitCode).toBe(2);
    expect(online.stderr).toMatch(/--trusted-key/);
  });
});
