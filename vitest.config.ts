import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One run over the whole workspace. Workspace packages resolve to their TypeScript sources so
// tests never depend on a stale build; files that need a DOM say so with a
// `// @vitest-environment happy-dom` comment.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@zjmade\/sdk\/publisher$/, replacement: here('./sdk/src/publisher.ts') },
      { find: /^@zjmade\/sdk\/testing$/, replacement: here('./sdk/src/testing/index.ts') },
      { find: /^@zjmade\/sdk\/coverage$/, replacement: here('./sdk/src/coverage/index.ts') },
      { find: /^@zjmade\/sdk\/delta$/, replacement: here('./sdk/src/delta.ts') },
      { find: /^@zjmade\/sdk\/online$/, replacement: here('./sdk/src/client/online.ts') },
      { find: /^@zjmade\/tabular$/, replacement: here('./packages/tabular/src/index.ts') },
      { find: /^@zjmade\/sample-data$/, replacement: here('./packages/sample-data/src/index.ts') },
      { find: /^@zjmade\/registry$/, replacement: here('./packages/registry/src/index.ts') },
      { find: /^@zjmade\/sdk$/, replacement: here('./sdk/src/index.ts') },
      { find: /^@zjmade\/badge\/element$/, replacement: here('./packages/badge/src/element-entry.ts') },
      { find: /^@zjmade\/badge$/, replacement: here('./packages/badge/src/index.ts') },
    ],
  },
  test: {
    include: [
      'sdk/test/**/*.test.ts',
      'packages/*/test/**/*.test.{ts,tsx}',
      'extension/test/**/*.test.{ts,tsx}',
      'examples/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
