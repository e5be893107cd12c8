// Issue 10, package hygiene: every package we publish packs with a README and an Apache-2.0
// LICENSE that package.json agrees with, declares `engines` and `sideEffects`, and passes publint
// (strict) and @arethetypeswrong/cli on the packed tarball. `pnpm test` builds first.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
/** The workspace's pnpm (root package.json `packageManager`). */
const PNPM = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager?: string }).packageManager?.match(/^pnpm@([^+]+)/)?.[1] ?? '12.21.0';
/** Published packages, and the attw profile each is held to (ESM-only packages need no CommonJS types). */
const PACKAGES: { dir: string; profile: 'strict' | 'esm-only' }[] = [
  { dir: 'sdk', profile: 'strict' },
  { dir: 'packages/badge', profile: 'esm-only' },
  { dir: 'packages/registry', profile: 'esm-only' },
  { dir: 'packages/cli', profile: 'esm-only' },
  { dir: 'packages/tabular', profile: 'esm-only' },
];
const built = PACKAGES.every((p) => existsSync(join(ROOT, p.dir, 'dist')));
let out: string;
const tarballs = new Map<string, string>();
type Run = { status: number; output: string };
const lints = new Map<string, { publint: Promise<Run>; attw: Promise<Run> }>();

/** Runs a linter without blocking: the ten runs overlap (attw takes seconds per package). */
const run = (bin: string, args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(join(BIN, bin), args, { encoding: 'utf8', timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });

/**
 * The pnpm that packs: the one on PATH when it is the workspace's version (a native binary that
 * starts at once), else the pinned one through npx (seconds to start each time).
 */
function pnpmCommand(): [string, string[]] {
  try {
    if (execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: 'pipe', timeout: 10_000 }).trim() === PNPM) return ['pnpm', []];
  } catch {
    // No pnpm on PATH: npx fetches the pinned one.
  }
  return ['npx', [`pnpm@${PNPM}`]];
}

const execAsync = (cmd: string, args: string[], cwd: string): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 60_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`${cmd} ${args.join(' ')} in ${cwd}: ${stderr || error.message}`)) : resolve()));
  });

// Packs all five at once from the dist the build left (pack rebuilds nothing: no prepack scripts),
// then lints each tarball; the linters run in the background while the tests read the tarballs.
beforeAll(async () => {
  if (!built) return;
  out = mkdtempSync(join(tmpdir(), 'zjmade-pack-'));
  const [cmd, prefix] = pnpmCommand();
  await Promise.all(
    PACKAGES.map(async (p) => {
      const dest = join(out, p.dir.replaceAll('/', '-'));
      // pnpm pack: what `pnpm publish` would upload (workspace: ranges rewritten, `files` applied).
      await execAsync(cmd, [...prefix, 'pack', '--pack-destination', dest], join(ROOT, p.dir));
      const tgz = join(dest, readdirSync(dest).find((f) => f.endsWith('.tgz'))!);
      tarballs.set(p.dir, tgz);
      lints.set(p.dir, { publint: run('publint', ['run', tgz, '--strict']), attw: run('attw', [tgz, '--profile', p.profile, '--format', 'json']) });
    }),
  );
}, 120_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.each(PACKAGES)('$dir as published', ({ dir, profile }) => {
  it('has been built (run `pnpm build` first)', () => {
    expect(existsSync(join(ROOT, dir, 'dist'))).toBe(true);
  });

  it.runIf(built)('carries a README and the Apache-2.0 LICENSE, and package.json says so, with engines and sideEffects', () => {
    const listing = execFileSync('tar', ['tzf', tarballs.get(dir)!], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/README.md');
    expect(listing).toContain('package/LICENSE');
    expect(listing.some((f) => f.startsWith('package/dist/'))).toBe(true);
    // Nothing but what `files` names: no sources, tests or temp files.
    expect(listing.filter((f) => f && !/^package\/(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', tarballs.get(dir)!, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest.license).toBe('Apache-2.0');
    expect(readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
    expect((manifest.engines as { node?: string } | undefined)?.node).toBe('>=20');
    expect(manifest.sideEffects === false || Array.isArray(manifest.sideEffects)).toBe(true);
    // No workspace: protocol leaks into a published manifest.
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
  });

  it.runIf(built)('publint (strict) finds nothing', async () => {
    const r = await lints.get(dir)!.publint;
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('All good!');
  }, 90_000);

  it.runIf(built)(`@arethetypeswrong/cli (${profile}) finds nothing`, async () => {
    const r = await lints.get(dir)!.attw;
    expect(r.status, r.output.slice(0, 2000)).toBe(0);
  }, 90_000);
});
