import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, detectEncoding, readAllRows, readTable, sniffDelimiter, TableError, writeXlsx } from '../src/index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const text = (rows: { cells: unknown[] }[]) => rows.map((r) => r.cells.map((c) => cellText(c as string)));

describe('encodings', () => {
  it('reads GB18030 and skips the preamble before the header', async () => {
    const t = await readAllRows(fixture('preamble-gb18030.csv'), { isHeader: (cells) => cells.includes('商品ID') });
    expect(t.encoding).toBe('gb18030');
    expect(t.headerRow).toBe(2);
    expect(t.headers).toEqual(['商品ID', '商品标题', '店铺名称']);
    expect(t.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(t.rows[0]!.cells[1]).toBe('恒达 家用电动洗衣机 XQG100-A 包邮');
  });
  it('reads UTF-16 with a BOM', async () => {
    const t = await readAllRows(fixture('utf16le.csv'));
    expect(t.encoding).toBe('utf-16le');
    expect(t.headers).toEqual(['商品ID', '标题']);
    expect(text(t.rows)).toEqual([['1', '保温杯']]);
  });
  it('reads UTF-8 with a BOM, tab separated', async () => {
    const t = await readAllRows(fixture('bom-tab.csv'));
    expect(t.encoding).toBe('utf-8');
    expect(t.delimiter).toBe('\t');
    expect(t.headers).toEqual(['url', 'title']);
    expect(text(t.rows)).toEqual([['https://item.jd.com/100012.html', '电饭锅']]);
  });
  it('takes UTF-8 whose sample ends inside a character as UTF-8', () => {
    const bytes = new TextEncoder().encode('标题');
    expect(detectEncoding(bytes.subarray(0, 4)).encoding).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xb1, 0xea, 0xcc, 0xe2])).encoding).toBe('gb18030');
  });
});

describe('delimiters and bad rows', () => {
  it('sniffs semicolons and keeps stray quotes as text', async () => {
    const t = await readAllRows(fixture('semicolon.csv'));
    expect(t.delimiter).toBe(';');
    expect(text(t.rows)).toEqual([
      ['1', 'a "quoted" title', 's'],
      ['2', 'b', 's'],
    ]);
  });
  it('prefers the delimiter that repeats consistently', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,"x,y",6')).toBe(',');
    expect(sniffDelimiter('a\tb\n1,5\t2\n3\t4')).toBe('\t');
    expect(sniffDelimiter('one column')).toBe(',');
  });
  it('reports a broken row with its number and reads the rest', async () => {
    const t = await readAllRows(fixture('broken.csv'));
    expect(text(t.rows)).toEqual([['1', 'ok']]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.row).toBeGreaterThanOrEqual(3);
    expect(t.problems[0]!.reason).toMatch(/quote/i);
  });
  it('numbers a row by the line it starts on when a quoted field spans lines', async () => {
    const t = await readAllRows(Buffer.from('a,b\n1,"two\nlines"\n2,x\n'));
    expect(t.rows.map((r) => r.row)).toEqual([2, 4]);
  });
});

describe('limits and formats', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const err = await readTable(Buffer.alloc(2048, 0x61), { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableError);
    expect((err as TableError).code).toBe('too-large');
    expect((err as TableError).message).toMatch(/limit is 0\.001 MiB/);
  });
  it('stops at the row limit with a clear error', async () => {
    const t = await readTable(Buffer.from('a\n1\n2\n3\n'), { maxRows: 2 });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const r of t.rows) seen.push(r.row);
      })(),
    ).rejects.toThrow(/more than 2 data rows/);
    expect(seen).toEqual([2, 3]);
  });
  it('refuses .xls with advice', async () => {
    await expect(readTable(Buffer.from('x'), { name: 'export.xls' })).rejects.toThrow(/save the sheet as \.xlsx/);
  });
  it('writes and reads back XLSX, found by its zip signature', async () => {
    const buf = await writeXlsx([{ name: '商品', headers: ['宝贝ID', '宝贝标题', '价格'], rows: [['1', '保温杯', 39.9], [], ['2', '电饭锅', null]] }]);
    const t = await readAllRows(buf);
    expect(t.format).toBe('xlsx');
    expect(t.headers).toEqual(['宝贝ID', '宝贝标题', '价格']);
    expect(t.rows.map((r) => [r.row, ...r.cells])).toEqual([
      [2, '1', '保温杯', 39.9],
      [4, '2', '电饭锅', null],
    ]);
  });
  it('says an XLSX is unreadable rather than crashing', async () => {
    await expect(readTable(Buffer.from('PK\u0003\u0004garbage'))).rejects.toThrow(/not a readable XLSX/);
  });
  it('streams 100,000 rows from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tabular-'));
    const path = join(dir, 'big.csv');
    const lines = ['商品ID,商品标题'];
    for (let i = 0; i < 100_000; i++) lines.push(`${600000000000 + i},保温杯 BW${i % 997}-S`);
    writeFileSync(path, lines.join('\r\n'));
    const t = await readTable(path);
    let n = 0;
    let last = 0;
    for await (const r of t.rows) {
      n++;
      last = r.row;
    }
    expect(n).toBe(100_000);
    expect(last).toBe(100_001);
    expect(t.done()).toBe(t.total);
  });
});
