#!/usr/bin/env node
// Size budget for the SDK's browser entry: everything exported from the root, bundled the way an
// integrator's bundler would (esbuild, minified ESM, platform neutral), gzipped at level 9.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BROWSER_BUDGET = 10240;

const src = (p) => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

export const ENTRIES = {
  browser: src('index.ts'),
  publisher: src('publisher.ts'),
  testing: src('testing/index.ts'),
};

/** Minified and gzipped size of one entry (and of each input file's share of the minified output). */
export async function measure(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['msw', 'msw/*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file: file.replace(/^.*?sdk\/src\//, ''), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

export async function measureAll() {
  const sizes = {};
  for (const [name, entry] of Object.entries(ENTRIES)) sizes[name] = await measure(entry);
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await measureAll();
  const b = sizes.browser;
  console.log(`@zjmade/sdk browser entry: ${b.gzip} bytes min+gzip (budget ${BROWSER_BUDGET}), ${b.minified} bytes minified`);
  console.log(`@zjmade/sdk/publisher entry: ${sizes.publisher.gzip} bytes min+gzip, ${sizes.publisher.minified} minified`);
  console.log(`@zjmade/sdk/testing entry: ${sizes.testing.gzip} bytes min+gzip (msw external), ${sizes.testing.minified} minified`);
  console.log('browser entry by source file (minified bytes):');
  for (const { file, bytes } of b.inputs) console.log(`  ${String(bytes).padStart(7)}  ${file}`);
  if (b.gzip > BROWSER_BUDGET) {
    console.error(`over budget by ${b.gzip - BROWSER_BUDGET} bytes`);
    process.exitCode = 1;
  }
}
