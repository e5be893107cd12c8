// Builds the <zjmade-badge> bundle (ESM, Preact and the SDK bundled in) and measures it.
// Shared by build-element.mjs, size.mjs and test/size.test.ts so all three measure the same thing.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUDGET_BYTES = 15 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {{ outdir?: string }} [options] */
export async function bundleElement(options = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { 'zjmade-badge': 'src/element-entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['zjmade-source'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    // Snapshot mode's verifier is a chunk loaded on demand; online-mode pages load the entry only.
    splitting: true,
    chunkNames: 'zjmade-badge-[name]-[hash]',
    write: false,
    metafile: true,
    outdir: options.outdir ?? 'dist',
  });
  const files = result.outputFiles.filter((f) => f.path.endsWith('.js'));
  const entry = files.find((f) => f.path.endsWith('/zjmade-badge.js'));
  if (!entry) throw new Error('esbuild produced no zjmade-badge.js');
  const measure = (f) => ({
    path: f.path,
    code: f.contents,
    minBytes: f.contents.byteLength,
    gzipBytes: gzipSync(f.contents, { level: 9 }).byteLength,
  });
  const all = files.map(measure);
  // What an online-mode page loads: the entry and every chunk it imports statically (esbuild puts
  // modules the entry shares with the lazy snapshot chunk in such a chunk; it loads with the entry).
  const outputs = result.metafile.outputs;
  const keyOf = (f) => Object.keys(outputs).find((k) => f.path.endsWith(`/${k.split('/').pop()}`));
  const loaded = new Set();
  const visit = (key) => {
    if (!key || loaded.has(key)) return;
    loaded.add(key);
    for (const i of outputs[key].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(keyOf(entry));
  const staticFiles = all.filter((f) => loaded.has(keyOf(f)));
  return {
    ...measure(entry),
    /** Entry plus its static imports, min+gzip each: what the budget applies to. */
    gzipBytes: staticFiles.reduce((n, f) => n + f.gzipBytes, 0),
    staticFiles: staticFiles.map((f) => f.path),
    files: all,
    totalGzipBytes: all.reduce((n, f) => n + f.gzipBytes, 0),
    metafile: result.metafile,
  };
}
