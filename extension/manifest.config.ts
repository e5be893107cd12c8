import { readFileSync } from 'node:fs';
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import type { BuildConfig } from './src/shared/build-config.js';
import { marketplaceMatchPatterns } from './src/shared/hosts.js';

export type Target = 'chrome' | 'firefox';
type Manifest = Extract<ManifestV3Export, { manifest_version: number }>;

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const extensionKey = JSON.parse(readFileSync(new URL('./extension-key.json', import.meta.url), 'utf8')) as { key: string };

/** `http://127.0.0.1:8787` → `http://127.0.0.1/*`: a port-less pattern covers every port. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/**
 * The manifest for one target. Permissions: storage, alarms and scripting (the worker injects the
 * content script into marketplace pages once they have loaded: see `src/background/inject.ts`);
 * hosts: the marketplaces and the configured registry only. Registries set later in Options are optional permissions, asked for
 * when the user saves them. No `externally_connectable`: no web page can message the extension.
 */
export function buildManifest(target: Target, config: BuildConfig, options: { store?: boolean } = {}): Manifest {
  const marketplaces = marketplaceMatchPatterns();
  const registry = originPattern(config.registryUrl);
  // A store build asks for no loopback host at all (reviewers reject it, and no shopper needs it).
  const optional = (options.store ? ['https://*/*'] : ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']).filter((p) => p !== registry);
  const manifest: Manifest = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    version: pkg.version,
    default_locale: 'zh_CN',
    icons: { 16: 'icons/icon-16.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: [...marketplaces, registry],
    optional_host_permissions: optional,
    background:
      target === 'chrome' ? { service_worker: 'src/background/index.ts', type: 'module' } : { scripts: ['src/background/index.ts'] },
    action: { default_popup: 'src/popup/index.html', default_title: '__MSG_extName__', default_icon: { 16: 'icons/icon-16.png', 48: 'icons/icon-48.png' } },
    options_ui: { page: 'src/options/index.html', open_in_tab: true },
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'" },
  };
  if (target === 'chrome') {
    // AbortSignal.any and the other APIs the scripts use need Chrome 116.
    manifest.minimum_chrome_version = '116';
    // Fixes the id of unpacked builds (tests, demo); the Chrome Web Store rejects a zip with it.
    if (!options.store) manifest.key = extensionKey.key;
  } else {
    manifest.browser_specific_settings = {
      // `data_collection_permissions` is understood from Firefox 140 on: the minimum matches it.
      gecko: { id: 'zjmade@zjmade.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      // Firefox for Android learnt `data_collection_permissions` later, in 142 (web-ext lint).
      gecko_android: { strict_min_version: '142.0' },
      // crxjs's manifest type predates `gecko_android`; Firefox reads it (web-ext lint checks it).
    } as Manifest['browser_specific_settings'];
  }
  return manifest;
}
