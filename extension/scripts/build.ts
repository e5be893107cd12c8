// `pnpm --filter extension build`: the Chrome and Firefox builds (unpacked) and a zip of each.
// Options: --out DIR (default extension/dist), --target chrome|firefox (default both), --no-zip.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { build } from 'vite';
import type { Target } from '../manifest.config.js';
import { createConfig } from '../vite.config.js';
import { readBuildConfig } from './build-config.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, target: { type: 'string', multiple: true }, 'no-zip': { type: 'boolean' } },
});
const outRoot = resolve(values.out ?? new URL('../dist', import.meta.url).pathname);
const targets = (values.target ?? ['chrome', 'firefox']) as Target[];
const config = readBuildConfig();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

for (const target of targets) {
  if (target !== 'chrome' && target !== 'firefox') throw new Error(`Unknown target: ${target}`);
  const outDir = join(outRoot, target);
  const t0 = Date.now();
  await build(createConfig(target, config, outDir));
  let line = `${target}: ${relative(process.cwd(), outDir)} (${Date.now() - t0} ms)`;
  if (!values['no-zip']) {
    const entries: Record<string, Uint8Array> = {};
    for (const file of filesUnder(outDir)) {
      if (file.endsWith('.vite/manifest.json') || file.includes('/.vite/')) continue;
      entries[relative(outDir, file)] = readFileSync(file);
    }
    const zip = join(outRoot, `zjmade-${target}.zip`);
    writeFileSync(zip, zipSync(entries, { level: 9 }));
    line += `, ${relative(process.cwd(), zip)}`;
  }
  console.log(line);
}
console.log(`registry: ${config.registryUrl}; trusted keys: ${config.trustedKeys.map((k) => k.kid).join(', ') || 'none (set them in Options)'}`);
