import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Served by the registry at /portal/ (packages/registry/src/http/static-apps.ts): asset names
// carry content hashes, so the registry can cache them as immutable.
export default defineConfig({
  base: '/portal/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The chart library is the bulk of the app: a chunk of its own, fetched with the coverage screen.
    chunkSizeWarningLimit: 700,
  },
});
