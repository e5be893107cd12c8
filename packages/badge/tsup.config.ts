import { defineConfig } from 'tsup';

// The components entry for apps that bundle themselves: Preact and the SDK stay external.
// The one-script-tag element bundle is built by scripts/build-element.mjs.
export default defineConfig({
  entry: { index: 'src/index.ts', 'element-entry': 'src/element-entry.ts' },
  format: ['esm'],
  dts: true,
  clean: false,
  sourcemap: true,
  target: 'es2022',
  external: ['preact', '@zjmade/sdk'],
  esbuildOptions(options) {
    options.jsx = 'automatic';
    options.jsxImportSource = 'preact';
    options.conditions = ['zjmade-source'];
  },
});
