import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { dbState, goodRow, writeCsv, ZH_HEADERS } from './import-helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'packages/registry/src/cli.ts');
const ROWS = 60_000;

let t: TempDb | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('crash safety', () => {
  it('a SIGKILL in the middle of an import leaves the database as it was', async () => {
    t = tempDb(smallRegistry());
    const file = join(t.dir, 'large.csv');
    writeCsv(file, ZH_HEADERS, Array.from({ length: ROWS }, (_, i) => goodRow(i + 1)));
    const before = dbState(t.dbPath);

    const child = spawn(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'import', '--progress', '--db', t.dbPath, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Kill as soon as rows are being written (a progress line past 0 %), well before the commit.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/import: large\.csv ([1-9]\d*)% \(\d+ rows\)/.test(stderr)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exit.then(() => resolve());
    });
    const { signal } = await exit;
    expect(stdout, stderr).not.toContain('imported');
    expect(signal, `the import finished before it could be killed: ${stderr}`).toBe('SIGKILL');
    const m = /(\d+)% \((\d+) rows\)/.exec(stderr);
    expect(Number(m?.[2])).toBeLessThan(ROWS);

    expect(dbState(t.dbPath)).toEqual(before);
  }, 60_000);
});
