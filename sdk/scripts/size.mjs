#!/usr/bin/env node
// Size budgets, measured the way an integrator's bundler builds (esbuild, minified ESM, platform
// neutral), gzipped at level 9.
// - browser: what a page, badge or extension ships to verify listings — the parser, the verdict,
//   snapshot opening and the online client, imported from the package root (sideEffects: false, so
//   unused root exports are dropped). Budget 10 KB.
// - root: everything the root exports, including the registry-side helpers a browser does not
//   import (USCC and standard-code validators, the in-memory view, business-date utilities).
//   Reported, with a looser budget so that growth is noticed.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// Raised from 10240 / 12288 for issue 15 (PROVISIONAL, pending review): the signed "latest" pointer
// check and the client store (#5, +~570 B) and claim folding against invisible and look-alike
// characters (#9, +~350 B) are security fixes that had to ship on the browser path. Measured at
// the raise: browser 11130 B, root 12949 B. Lower again when something moves off the path.
//
// Raised again to 13312 / 15360 for issue 10 (PROVISIONAL, pending review). Measured on one tree:
// without issue 10's client lifecycle the browser path was already 11679 B (root 13518 B) — the
// compact verify-answer decoder and the pointer's chain check had landed — and with it 13104 B
// (root 15115 B): +1425 B browser, +1597 B root for the lifecycle (sdk/src/sync: pointer from the
// API or a static tree, chain planning, full-snapshot fallback, store, onChange, one run for
// concurrent refreshes), the one input contract and client.report(). The delta code itself
// (open/apply/digest) stays out: callers pass `{ openDelta, applyDelta }` from @zjmade/sdk/delta.
export const BROWSER_BUDGET = 13312;
export const ROOT_BUDGET = 15360;

/** The browser verification path: exactly what ARCHITECTURE.md's extension and badge import. */
const BROWSER_PATH = `export {
  parseListingUrl, detectClaims, verifyListing, unknownVerdict,
  openSnapshot, readSnapshotInfo, SnapshotError,
  createRegistryClient, RegistryError,
} from ${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))};`;

const src = (p) => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

export const ENTRIES = {
  browser: { contents: BROWSER_PATH, resolveDir: src('.'), sourcefile: 'browser-path.ts', loader: 'ts' },
  root: src('index.ts'),
  publisher: src('publisher.ts'),
  testing: src('testing/index.ts'),
};

/** Minified and gzipped size of one entry (and of each input file's share of the minified output). */
export async function measure(entry) {
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: entry }),
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
  console.log(`@zjmade/sdk browser path (parser, verdict, snapshot opening, client): ${b.gzip} bytes min+gzip (budget ${BROWSER_BUDGET}), ${b.minified} bytes minified`);
  console.log(`@zjmade/sdk root entry, every export: ${sizes.root.gzip} bytes min+gzip (budget ${ROOT_BUDGET}), ${sizes.root.minified} minified`);
  console.log(`@zjmade/sdk/publisher entry: ${sizes.publisher.gzip} bytes min+gzip, ${sizes.publisher.minified} minified`);
  console.log(`@zjmade/sdk/testing entry: ${sizes.testing.gzip} bytes min+gzip (msw external), ${sizes.testing.minified} minified`);
  console.log('browser path by source file (minified bytes):');
  for (const { file, bytes } of b.inputs) console.log(`  ${String(bytes).padStart(7)}  ${file}`);
  if (b.gzip > BROWSER_BUDGET) {
    console.error(`browser path over budget by ${b.gzip - BROWSER_BUDGET} bytes`);
    process.exitCode = 1;
  }
  if (sizes.root.gzip > ROOT_BUDGET) {
    console.error(`root entry over budget by ${sizes.root.gzip - ROOT_BUDGET} bytes`);
    process.exitCode = 1;
  }
}
