import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { postJson } from './fixtures.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = join(ROOT, 'packages/registry/src/cli.ts');
export const TOKEN = 'integrity-admin-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** The import CLI as an operator runs it: another process writing the same database file. */
export function cliImport(dbPath: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'import', '--db', dbPath, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

/** The same, without waiting: for writes made while the import runs. */
export function cliImportAsync(dbPath: string, ...args: string[]): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return cliAsync('import', '--db', dbPath, ...args);
}

/**
 * Any CLI command without blocking this process: a registry under test that lives in it keeps
 * answering (and its keep-alive timers keep running) while the CLI works.
 */
export function cliAsync(...args: string[]): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, ...args], { cwd: ROOT, timeout: 120_000 });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.on('close', (status) => resolve({ status, stderr, stdout }));
  });
}

export const start = (dbPath: string) => startRegistry({ dbPath, adminToken: TOKEN, rateLimit: false });

export function client(reg: () => RunningRegistry) {
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${reg().url}${path}`, { method, headers: { 'content-type': 'application/json', ...AUTH }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const status = async (key: string, at?: string) => {
    const r = await postJson(`${reg().url}/v1/verify`, { listings: [{ key }], ...(at ? { at } : {}) });
    if (r.status !== 200) throw new Error(`verify answered ${r.status}`);
    return ((await r.json()) as { results: { status: string }[] }).results[0]!.status;
  };
  const health = async () => (await (await fetch(`${reg().url}/v1/health`)).json()) as {
    status: string;
    snapshot: { sequence: number } | null;
    publishing: { state: string; unpublished: boolean; problems: { record: string; field: string }[]; lastFailure: { code: string } | null };
  };
  return { send, status, health };
}

/** Polls until `check` holds; a bounded loop (≤ `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
