import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildConfig } from '../src/shared/build-config.js';

const REPO = new URL('../../', import.meta.url).pathname;

/** Why `config` cannot go into a store build (empty: it can). */
export function storeProblems(config: BuildConfig): string[] {
  const problems: string[] = [];
  const url = new URL(config.registryUrl);
  if (url.protocol !== 'https:') problems.push(`the registry URL must be https (ZJMADE_REGISTRY_URL), not ${config.registryUrl}`);
  if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost')) {
    problems.push('the registry must not be on loopback');
  }
  if (config.trustedKeys.length === 0) problems.push('trust anchors are needed (ZJMADE_TRUSTED_KEYS): without them every badge says "can’t verify"');
  return problems;
}

/** What a reviewer needs to rebuild the store zips: the extension and the workspace code it bundles. */
const SOURCE_ROOTS = ['extension', 'packages/badge', 'sdk', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];
const SKIP = new Set(['node_modules', 'dist', '.vite']);

function files(path: string): string[] {
  const abs = join(REPO, path);
  if (!statSync(abs, { throwIfNoEntry: false })) return [];
  if (!statSync(abs).isDirectory()) return [path];
  return readdirSync(abs).flatMap((name) => (SKIP.has(name) ? [] : files(join(path, name))));
}

/** The source package for AMO review, with a note on how to build. */
export function sourcePackage(): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const root of SOURCE_ROOTS) for (const f of files(root)) out[relative('.', f)] = readFileSync(join(REPO, f));
  out['BUILD.md'] = new TextEncoder().encode(
    [
      '# Building the zjmade extension from this source',
      '',
      'Node 20.19 or later, pnpm 12.21 (`corepack enable`), then:',
      '',
      '    pnpm install --frozen-lockfile',
      '    ZJMADE_REGISTRY_URL=https://… ZJMADE_TRUSTED_KEYS=\'{"keys":[…]}\' pnpm --filter @zjmade/extension build --store',
      '',
      'The Firefox zip is dist/zjmade-firefox.zip under extension/. Nothing is minified beyond what vite does; no remote code.',
      '',
    ].join('\n'),
  );
  return out;
}
