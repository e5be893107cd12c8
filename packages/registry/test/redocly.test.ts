// Issue 14: the served /openapi.json passes `redocly lint` with the recommended rules; any rule
// turned off is in the repository's redocly.yaml with its reason.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { TOKEN } from './integrity-helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const REDOCLY = fileURLToPath(new URL('../node_modules/@redocly/cli/bin/cli.js', import.meta.url));

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: { pointer?: string }[];
}

let reg: RunningRegistry;
let dir: string;
beforeAll(async () => {
  reg = await startRegistry({ adminToken: TOKEN, rateLimit: false });
  dir = mkdtempSync(join(tmpdir(), 'zjmade-redocly-'));
});
afterAll(async () => {
  await reg?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('redocly lint (recommended) on the served document', () => {
  it('reports no errors', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, await (await fetch(`${reg.url}/openapi.json`)).text());
    // No telemetry or update check: the test talks to nothing but loopback.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const run = await promisify(execFile)(process.execPath, [REDOCLY, 'lint', '--config', join(ROOT, 'redocly.yaml'), '--format', 'json', file], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }).catch(
      (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { problems: LintProblem[] };
    const line = (p: LintProblem) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? '?'}: ${p.message}`;
    // Every route, the session routes included: no rule is turned off.
    expect(report.problems.filter((p) => p.severity === 'error').map(line)).toEqual([]);
  }, 60_000);
});
