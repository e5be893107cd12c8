import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ListingExportError, mapExportColumns, readListingExport, resolveExportRow } from '../src/listings/index.js';

const file = (name: string) => new URL(`./listing-exports/${name}`, import.meta.url).pathname;
const outcome = (r: { row: number; ok: boolean } & ({ key: string } | { reason: string })) => ('key' in r ? [r.row, r.key] : [r.row, r.reason]);

describe('readListingExport', () => {
  it('reads a GB18030 千牛/生意参谋 export with a preamble, ids and URLs, and refuses bad rows with reasons', async () => {
    const x = await readListingExport(file('tmall-qianniu-gb18030.csv'), { platform: 'tmall' });
    expect(x.encoding).toBe('gb18030');
    expect(x.headerRow).toBe(2);
    expect(x.columns).toEqual({ url: '商品链接', itemId: '宝贝ID', sku: 'SKU ID', title: '宝贝标题', shop: '店铺名称' });
    const got = x.results.map(outcome);
    expect(got[0]).toEqual([3, 'taobao:item:612345678901']);
    expect(got[1]).toEqual([4, 'taobao:item:612345678902']);
    expect(got[2]![0]).toBe(5);
    expect(got[2]![1]).toMatch(/abc123 is not a tmall item id/);
    expect(got[3]![1]).toMatch(/a shop URL, not an item/);
    expect(got[4]![1]).toMatch(/not a listing URL of a supported platform: https:\/\/m\.tb\.cn/);
    expect(got[5]).toEqual([8, 'taobao:item:612345678903']);
    expect(got[6]).toEqual([9, 'no URL or item id']);
    expect(got[7]).toEqual([10, 'taobao:item:612345678904']);
    expect(x.results[7]).toMatchObject({ title: '恒达 5" 电饭锅 FB40-IH', shop: '恒达官方旗舰店' });
    expect([x.resolved, x.refused]).toEqual([4, 4]);
    expect(x.results[0]).toMatchObject({ title: '恒达 家用电动洗衣机 XQG100-A 滚筒 包邮', platform: 'tmall' });
  });

  it('says which platform to choose when ids come without one', async () => {
    const x = await readListingExport(file('tmall-qianniu-gb18030.csv'));
    expect(x.results[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/without a platform/) });
    // The row with a URL needs no platform.
    expect(x.results[1]).toMatchObject({ ok: true, key: 'taobao:item:612345678902' });
  });

  it('reads a 京麦 export (UTF-8 with BOM): JD SKU ids are item ids, a URL in the id column is still a URL', async () => {
    const x = await readListingExport(file('jd-jingmai-utf8.csv'), { platform: 'jd' });
    expect(x.encoding).toBe('utf-8');
    expect(x.results.map(outcome)).toEqual([
      [2, 'jd:item:100012345678'],
      [3, 'jd:item:100012345679'],
      [4, 'jd:item:100012345680'],
    ]);
  });

  it('reads English headers, tab separated, with a per-row platform column', async () => {
    const x = await readListingExport(file('pdd-english.csv'));
    expect(x.columns).toMatchObject({ itemId: 'goods_id', title: 'goods_name', platform: 'platform', shop: 'shop name' });
    expect(x.results.map(outcome)).toEqual([
      [2, 'pinduoduo:item:3456789012'],
      [3, 'pinduoduo:item:3456789013'],
      [4, expect.stringMatching(/without a platform/)],
    ]);
  });

  it('reads an XLSX export (Douyin, English headers) from a buffer', async () => {
    const x = await readListingExport(readFileSync(file('douyin-english.xlsx')), { platform: 'douyin' });
    expect(x.format).toBe('xlsx');
    expect(x.results.map(outcome)).toEqual([
      [2, 'douyin:item:3601234567890123456'],
      [3, 'douyin:item:3601234567890123457'],
      [4, 'no URL or item id'],
      [5, expect.stringMatching(/not a listing URL/)],
    ]);
  });

  it('refuses a file without a URL or id column, naming its headers', async () => {
    const err = await readListingExport(Buffer.from('名称,价格\n保温杯,39\n'), { name: 'x.csv' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListingExportError);
    expect((err as ListingExportError).code).toBe('no-listing-column');
    expect((err as Error).message).toMatch(/the headers are: 名称, 价格/);
  });

  it('refuses an oversized upload with the limit', async () => {
    const err = await readListingExport(Buffer.alloc(5000, 0x61), { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'too-large', limit: 4096 });
  });

  it('reports a broken CSV record as a refused row and keeps the others', async () => {
    const x = await readListingExport(Buffer.from('url,title\nhttps://item.jd.com/1.html,a\nhttps://item.jd.com/2.html,"b\n'));
    expect(x.results.map((r) => r.ok)).toEqual([true, false]);
    expect(x.results[1]).toMatchObject({ reason: expect.stringMatching(/^unreadable row/) });
  });
});

describe('header aliases and id resolution', () => {
  it('maps Chinese and English aliases regardless of case, spaces and full-width forms', () => {
    expect(mapExportColumns(['Item ID', '商品 标题', 'ＵＲＬ', '店铺名称'])).toEqual({ itemId: 0, title: 1, url: 2, shop: 3 });
  });
  it('drops leading zeros and rejects ids with no URL form', () => {
    expect(resolveExportRow({ row: 2, itemId: '00042' }, 'jd')).toMatchObject({ ok: true, key: 'jd:item:42' });
    expect(resolveExportRow({ row: 2, itemId: '42' }, 'tmall')).toMatchObject({ ok: true, key: 'taobao:item:42' });
    expect(resolveExportRow({ row: 3, sku: '5' }, 'taobao')).toMatchObject({ ok: false, reason: expect.stringMatching(/SKU/) });
  });
});
