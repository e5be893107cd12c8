import { defaultClientConditions, defineConfig } from 'vite';

// `zjmade-source` resolves the workspace packages to their TypeScript sources (no prior build).
export default defineConfig({
  resolve: { conditions: ['zjmade-source', ...defaultClientConditions] },
  build: { target: 'es2022' },
  server: { host: '127.0.0.1', port: 5173 },
});
