import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Served by the registry at /console/ (packages/registry/src/http/static-apps.ts): asset names
// carry content hashes, so the registry can cache them as immutable.
export default defineConfig({
  base: '/console/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', target: 'es2022' },
});
