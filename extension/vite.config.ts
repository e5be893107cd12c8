import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defaultClientConditions, type InlineConfig } from 'vite';
import { buildManifest, type Target } from './manifest.config.js';
import type { BuildConfig } from './src/shared/build-config.js';

/**
 * One vite config per target. Workspace packages resolve to their TypeScript sources (the
 * `zjmade-source` condition), so the extension never bundles a stale dist. The content script is
 * a standalone IIFE: no loader, and nothing web-accessible a page could probe.
 */
export function createConfig(target: Target, config: BuildConfig, outDir: string): InlineConfig {
  return {
    configFile: false,
    root: new URL('.', import.meta.url).pathname,
    logLevel: 'warn',
    resolve: { conditions: ['zjmade-source', ...defaultClientConditions] },
    define: { __ZJMADE_BUILD__: JSON.stringify(config) },
    plugins: [
      preact(),
      crx({
        manifest: buildManifest(target, config),
        browser: target,
        contentScripts: { standaloneFiles: ['src/content/index.ts'], injectCss: false },
        liveReload: false,
      }),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: target === 'chrome' ? 'chrome116' : 'firefox128',
      minify: true,
      sourcemap: false,
      modulePreload: false,
      reportCompressedSize: false,
    },
  };
}
