import browser from 'webextension-polyfill';
import contentScript from '../content/start.ts?script&iife';
import { isMarketplaceHost } from '../shared/hosts.js';

/**
 * The content script is injected by the worker once a marketplace page has loaded, not declared in
 * the manifest: a declared script (even a stub at `document_start`) makes Chrome set up the
 * extension's isolated world while the page loads, which showed as ~5 ms on the load of a 20–30 ms
 * page. Injected after the load it costs the page's load nothing. A page whose load never ends (a
 * hanging request) still gets its badges a few seconds after it started loading, as with Chrome's
 * own `document_idle`. The script ignores a second injection into the same document.
 */
const FALLBACK_MS = 3000;
const fallbacks = new Map<number, ReturnType<typeof setTimeout>>();

function isMarketplaceUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && isMarketplaceHost(u.hostname);
  } catch {
    return false;
  }
}

function inject(tabId: number): void {
  clearTimeout(fallbacks.get(tabId));
  fallbacks.delete(tabId);
  // Fails for pages we may not script (error pages, a host permission the user withdrew): nothing to do.
  browser.scripting.executeScript({ target: { tabId }, files: [contentScript] }).catch(() => undefined);
}

export function injectIntoMarketplaces(): void {
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.status === undefined) return;
    if (!isMarketplaceUrl(tab.url)) {
      clearTimeout(fallbacks.get(tabId));
      fallbacks.delete(tabId);
      return;
    }
    if (info.status === 'complete') inject(tabId);
    else if (info.status === 'loading' && !fallbacks.has(tabId)) fallbacks.set(tabId, setTimeout(() => inject(tabId), FALLBACK_MS));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    clearTimeout(fallbacks.get(tabId));
    fallbacks.delete(tabId);
  });
}

/**
 * Marketplace tabs already open when the extension is installed, updated or the browser starts
 * (restored sessions) get no `onUpdated` "complete" from us: inject into them now. Pages still
 * loading are left to the `onUpdated` listener above.
 */
export async function injectIntoOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  for (const tab of tabs) {
    if (tab.id !== undefined && tab.status === 'complete' && isMarketplaceUrl(tab.url)) inject(tab.id);
  }
}
