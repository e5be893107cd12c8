import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSampleFiles } from '@zjmade/sample-data';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../src/import/import-files.js';
import { openDb } from '../src/store/db.js';
import { repositories } from '../src/store/repositories.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { dbState, EN_HEADERS, goodRow, writeCsv, writeXlsx, ZH_HEADERS } from './import-helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'packages/registry/src/cli.ts');

let t: TempDb | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function run(files: string[], skipInvalid = false) {
  const db = openDb(t!.dbPath);
  try {
    return await importFiles(repositories(db), files, { skipInvalid });
  } finally {
    db.close();
  }
}

describe('import CSV and XLSX', () => {
  it('imports a good CSV with Chinese headers', async () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'list.csv');
    writeCsv(file, ZH_HEADERS, [goodRow(1), goodRow(2, { 9: '暂停', 7: '2025/3/5', 8: '2028年3月4日' }), goodRow(3, { 5: 'T/ZZB 0777—2024', 6: '不锈钢保温杯', 12: '自我声明', 10: '' })]);
    const r = await run([file]);
    expect(r).toMatchObject({ committed: true, rows: 3, imported: 3, errors: [] });
    const db = openDb(t.dbPath);
    const repos = repositories(db);
    const e2 = repos.evaluations.get('ZJM-T-000002')!;
    expect(e2.issued).toBe('2025-03-05');
    expect(e2.expires).toBe('2028-03-04');
    expect(e2.history.at(-1)?.status).toBe('suspended');
    const e3 = repos.evaluations.get('ZJM-T-000003')!;
    expect(e3.route).toBe('self-declaration');
    expect(e3.standard).toBe('T/ZZB 0777-2024');
    expect(repos.standards.get('T/ZZB 0777-2024')?.title).toBe('不锈钢保温杯');
    expect(repos.enterprises.get(e3.uscc)?.region).toBe('330100');
    expect(repos.audit.page(1, 0).items[0]?.action).toBe('import');
    db.close();
  });

  it('imports a good XLSX with English headers and real date cells', async () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'list.xlsx');
    await writeXlsx(file, EN_HEADERS, [goodRow(10, { 7: new Date(Date.UTC(2025, 5, 30)), 9: 'valid' }), goodRow(11, { 9: 'withdrawn' })]);
    const r = await run([file]);
    expect(r).toMatchObject({ committed: true, imported: 2, errors: [] });
    const db = openDb(t.dbPath);
    const repos = repositories(db);
    expect(repos.evaluations.get('ZJM-T-000010')?.issued).toBe('2025-06-30');
    expect(repos.evaluations.get('ZJM-T-000011')?.history.at(-1)?.status).toBe('withdrawn');
    db.close();
  });

  it('rejects a file with bad rows entirely and reports file, row and reason', async () => {
    t = tempDb(smallRegistry());
    const before = dbState(t.dbPath);
    const file = join(t.dir, 'bad.csv');
    writeCsv(file, ZH_HEADERS, [
      goodRow(1),
      goodRow(2, { 2: '913301007161058520' }), // check character
      goodRow(3, { 5: 'GB/T 1234-2019' }), // not a 浙江制造 standard
      goodRow(4, { 5: 'T/ZZB 0999-2020' }), // unknown standard, no title
      goodRow(5, { 7: '2029-01-01' }), // expires before issued
      goodRow(1), // duplicate id
      goodRow(6, { 1: '' }), // missing name
      goodRow(7, { 9: '作废了' }), // unknown status
    ]);
    const r = await run([file]);
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const reasons = r.errors.map((e) => e.reason).join('\n');
    for (const word of ['invalid USCC', 'invalid standard code', 'unknown standard', 'date out of order', 'duplicate certificate number', 'missing required field enterpriseName', 'unknown status']) {
      expect(reasons).toContain(word);
    }
    expect(r.errors.every((e) => e.file === file)).toBe(true);
    expect(dbState(t.dbPath)).toEqual(before);
  });

  it('imports the good rows of a mixed XLSX with --skip-invalid', async () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'mixed.xlsx');
    await writeXlsx(file, ZH_HEADERS, [goodRow(1), goodRow(2, { 2: 'NOT-A-USCC' }), goodRow(3)]);
    const strict = await run([file]);
    expect(strict.committed).toBe(false);
    const r = await run([file], true);
    expect(r).toMatchObject({ committed: true, rows: 3, imported: 2 });
    expect(r.errors).toEqual([{ file, row: 3, reason: expect.stringContaining('invalid USCC') }]);
    expect(dbState(t.dbPath).counts.evaluations).toBe(2 + 2);
  });

  it('rejects a file without the required columns', async () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'cols.csv');
    writeCsv(file, ['证书编号', '企业名称'], [['A', 'B']]);
    const r = await run([file], true);
    expect(r.errors[0]).toMatchObject({ row: 1, reason: expect.stringContaining('missing required column') });
  });

  it('imports a sample-data directory', async () => {
    t = tempDb();
    const dir = join(t.dir, 'sample');
    await writeSampleFiles(dir, { scale: 0.02 });
    const r = await run([dir]);
    expect(r.committed).toBe(true);
    expect(r.errors).toEqual([]);
    const counts = dbState(t.dbPath).counts;
    expect(counts.evaluations).toBeGreaterThan(50);
    expect(counts.bindings).toBeGreaterThan(100);
  });

  it('the CLI exits 1 and writes nothing on bad rows, 0 with --skip-invalid', () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'cli.csv');
    writeCsv(file, ZH_HEADERS, [goodRow(1), goodRow(2, { 8: 'someday' })]);
    const before = dbState(t.dbPath);
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'import', '--db', t!.dbPath, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const strict = cli(file);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(`${file}:3: invalid expiry date "someday"`);
    expect(dbState(t.dbPath)).toEqual(before);
    const lenient = cli('--skip-invalid', file);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain('imported 1 of 2 rows (1 skipped)');
  });
});
