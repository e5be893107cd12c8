import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'packages/registry/src/cli.ts');

let t: TempDb | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('zjmade-registry serve', () => {
  it('serves on loopback and shuts down gracefully on SIGTERM', async () => {
    t = tempDb(smallRegistry());
    const child = spawn(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'serve', '--port', '0', '--db', t.dbPath], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ZJMADE_ADMIN_TOKEN: '' },
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      void exit.then(() => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const r = await fetch(`${url}/v1/health`);
    expect(r.status).toBe(200);
    child.kill('SIGTERM');
    const { code } = await exit;
    expect(code).toBe(0);
    expect(stderr).toContain('SIGTERM: shutting down');
  }, 60_000);
});
