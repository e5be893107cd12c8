import { defineConfig } from 'tsup';

// Workspace packages are bundled from their sources (the `zjmade-source` condition), so the CLI
// runs after building only this package; npm dependencies stay external.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/^@zjmade\//],
  esbuildOptions(options) {
    options.conditions = ['zjmade-source'];
  },
});
