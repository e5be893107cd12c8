import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', publisher: 'src/publisher.ts', delta: 'src/delta.ts', 'testing/index': 'src/testing/index.ts', 'coverage/index': 'src/coverage/index.ts', online: 'src/client/online.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['msw'],
});
