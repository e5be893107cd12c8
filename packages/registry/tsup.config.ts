import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'publish/encode-worker': 'src/publish/encode-worker.ts' },
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
  platform: 'node',
  // better-sqlite3 is native; other dependencies are resolved at runtime from node_modules.
  external: ['better-sqlite3'],
});
