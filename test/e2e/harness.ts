import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const DIST_CHROME = join(REPO, 'extension/dist/chrome');
export const ARTIFACTS = join(REPO, 'artifacts');
export const hasChromium = existsSync(CHROMIUM);

/** The newest modification time of any file below `dir` (skipping node_modules and dist). */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/**
 * The production build of the extension. The root `pnpm test` builds first; when run alone (or
 * after editing sources) this builds it, so tests never run a stale extension.
 */
export function ensureExtensionBuilt(): string {
  // Another build to test (e.g. an older commit's, to see a new test fail there).
  if (process.env.ZJMADE_E2E_DIST) return process.env.ZJMADE_E2E_DIST;
  const manifest = join(DIST_CHROME, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(join(REPO, 'extension/src')),
    newestMtime(join(REPO, 'extension/public')),
    newestMtime(join(REPO, 'packages/badge/src')),
    newestMtime(join(REPO, 'sdk/src')),
  );
  if (built < sources) {
    execFileSync('pnpm', ['--filter', '@zjmade/extension', 'build'], { cwd: REPO, stdio: 'pipe' });
  }
  return DIST_CHROME;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  profileDir: string;
  close(): Promise<void>;
}

/** Chromium with the extension, per ../shared/BROWSER-TESTS.md: fresh profile, mapped hosts. */
export async function launchWithExtension(dist: string, hostResolverRules: string, extraArgs: string[] = []): Promise<Launched> {
  const profileDir = mkdtempSync(join(tmpdir(), 'zjmade-e2e-'));
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ alternate_error_pages: { enabled: false } }));
  const args = [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--headless=new',
    `--host-resolver-rules=${hostResolverRules}`,
    // The fixture server's throwaway certificate (some marketplace hosts are HSTS-preloaded).
    '--ignore-certificate-errors',
    ...extraArgs,
  ];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false,
    args,
    viewport: { width: 1280, height: 900 },
  });
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    profileDir,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Plain Chromium without the extension (for the load-time baseline). */
export async function launchPlain(hostResolverRules: string): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profileDir = mkdtempSync(join(tmpdir(), 'zjmade-plain-'));
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ alternate_error_pages: { enabled: false } }));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new', `--host-resolver-rules=${hostResolverRules}`, '--ignore-certificate-errors'],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
