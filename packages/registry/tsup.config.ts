import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'publish/encode-worker': 'src/publish/encode-worker.ts' },
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
  platform: 'node',
  // better-sqlite3 is native; other dependencies are resolved at runtime from node_modules.
  // @zjmade/sample-data is a dev dependency loaded by `import()` when used (src/sample-data.ts):
  // bundling it would put the generator back into every install.
  external: ['better-sqlite3', '@zjmade/sample-data'],
});
