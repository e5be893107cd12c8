// `pnpm --filter extension build`: the Chrome and Firefox builds, unpacked (tests, the demo, local use).
// `--store`: store builds instead — dist/zjmade-chrome.zip, dist/zjmade-firefox.zip and the source
// package AMO reviewers rebuild from (dist/zjmade-source.zip); refused without an https registry
// and trust anchors. Options: --out DIR (default extension/dist), --target chrome|firefox (default
// both), --store.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { build } from 'vite';
import type { Target } from '../manifest.config.js';
import { createConfig } from '../vite.config.js';
import { readBuildConfig } from './build-config.js';
import { sourcePackage, storeProblems } from './store.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, target: { type: 'string', multiple: true }, store: { type: 'boolean' }, 'no-zip': { type: 'boolean' } },
});
const outRoot = resolve(values.out ?? new URL('../dist', import.meta.url).pathname);
const targets = (values.target ?? ['chrome', 'firefox']) as Target[];
const config = readBuildConfig();
const store = values.store === true;

if (store) {
  const problems = storeProblems(config);
  if (problems.length > 0) {
    console.error(`Refusing to make a store build:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * V8's explicit compile hint: every function of the content script is compiled when the script is
 * evaluated (start-up, in its own task after the page's load event) instead of lazily on first
 * call — which was during the first pass over the page's cards, the work the shopper waits for:
 * about a quarter of that pass's CPU time (`pnpm bench extension`). Other engines see a comment.
 */
function eagerContentScript(outDir: string): void {
  const file = join(outDir, 'src/content/start.js');
  const code = readFileSync(file, 'utf8');
  if (!code.startsWith('//# allFunctionsCalledOnLoad')) writeFileSync(file, `//# allFunctionsCalledOnLoad\n${code}`);
}

for (const target of targets) {
  if (target !== 'chrome' && target !== 'firefox') throw new Error(`Unknown target: ${target}`);
  const outDir = join(outRoot, store ? `store-${target}` : target);
  const t0 = Date.now();
  await build(createConfig(target, config, outDir, { store }));
  eagerContentScript(outDir);
  let line = `${target}: ${relative(process.cwd(), outDir)} (${Date.now() - t0} ms)`;
  if (store) {
    const entries: Record<string, Uint8Array> = {};
    for (const file of filesUnder(outDir)) {
      if (file.includes('/.vite/')) continue;
      entries[relative(outDir, file)] = readFileSync(file);
    }
    const zip = join(outRoot, `zjmade-${target}.zip`);
    writeFileSync(zip, zipSync(entries, { level: 9 }));
    line += `, ${relative(process.cwd(), zip)}`;
  }
  console.log(line);
}
if (store) {
  const zip = join(outRoot, 'zjmade-source.zip');
  writeFileSync(zip, zipSync(sourcePackage(), { level: 9 }));
  console.log(`source package for review: ${relative(process.cwd(), zip)}`);
}
console.log(`registry: ${config.registryUrl}; trusted keys: ${config.trustedKeys.map((k) => k.kid).join(', ') || 'none (set them in Options)'}`);
