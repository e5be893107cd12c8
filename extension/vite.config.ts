import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defaultClientConditions, type InlineConfig, type Plugin } from 'vite';
import { buildManifest, type Target } from './manifest.config.js';
import type { BuildConfig } from './src/shared/build-config.js';

type WebAccessible = { resources: string[] };

/**
 * The worker injects the content script with `scripting.executeScript`, which needs no
 * web-accessible resource; crxjs lists it as one for every http(s) page anyway (for its dynamic
 * loaders). Dropped here so no page can probe for the extension by fetching it. crxjs also leaves
 * the script's intermediate ESM chunks (the shipped script is its standalone IIFE build), which
 * nothing loads: dropped too.
 */
function noWebAccessibleContentScript(): Plugin & { renderCrxManifest(manifest: { web_accessible_resources?: WebAccessible[] }): unknown } {
  return {
    name: 'zjmade:no-web-accessible-content-script',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk' && /\/src\/content\/(start|main)\.ts$/.test(chunk.facadeModuleId ?? '')) delete bundle[name];
      }
    },
    renderCrxManifest(manifest) {
      const kept = (manifest.web_accessible_resources ?? [])
        .map((r) => ({ ...r, resources: r.resources.filter((f) => !f.startsWith('src/content/')) }))
        .filter((r) => r.resources.length > 0);
      if (kept.length > 0) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      return manifest;
    },
  };
}

/**
 * One vite config per target. Workspace packages resolve to their TypeScript sources (the
 * `zjmade-source` condition), so the extension never bundles a stale dist. The content script is
 * a standalone IIFE: no loader, and nothing web-accessible a page could probe.
 */
export function createConfig(target: Target, config: BuildConfig, outDir: string, options: { store?: boolean } = {}): InlineConfig {
  return {
    configFile: false,
    root: new URL('.', import.meta.url).pathname,
    logLevel: 'warn',
    resolve: { conditions: ['zjmade-source', ...defaultClientConditions] },
    define: { __ZJMADE_BUILD__: JSON.stringify(config) },
    plugins: [
      preact(),
      crx({
        manifest: buildManifest(target, config, options),
        browser: target,
        contentScripts: { standaloneFiles: ['src/content/start.ts'], injectCss: false },
        liveReload: false,
      }),
      noWebAccessibleContentScript(),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: target === 'chrome' ? 'chrome116' : 'firefox140',
      minify: true,
      sourcemap: false,
      modulePreload: false,
      reportCompressedSize: false,
    },
  };
}
