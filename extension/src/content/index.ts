import { bootStarted } from './boot-clock.js';
import { PAUSED_KEY } from '../shared/storage-keys.js';
import { compileAdapter } from './candidates.js';
import { onExtensionMessage, onStorageChanged, storageGet } from './chrome-api.js';
import { Controller } from './controller.js';
import { adapterFor } from './site-adapters.js';
import { watchUrl } from './url-watch.js';

/**
 * Injected at `document_start` but touches nothing until the page has loaded. Chrome runs
 * `document_idle` scripts just before `window.onload` when a page loads fast, which holds the
 * load event back by the script's whole start-up; starting early and waiting costs the page nothing.
 */
const IDLE_AFTER_DOM_MS = 200;

const controller = new Controller(compileAdapter(adapterFor(location.hostname)));

function pausedIn(value: unknown): boolean {
  return Array.isArray(value) && value.includes(location.hostname);
}

/**
 * Resolves in a task of its own after the load event (never inside it, so `loadEventEnd` is not
 * pushed back), or 200 ms after DOMContentLoaded for pages whose images take long, like
 * Chrome's own `document_idle`.
 */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    const go = () => setTimeout(resolve, 0);
    if (document.readyState === 'complete') return go();
    window.addEventListener('load', go, { once: true });
    const afterDom = () => setTimeout(resolve, IDLE_AFTER_DOM_MS);
    if (document.readyState === 'interactive') afterDom();
    else document.addEventListener('DOMContentLoaded', afterDom, { once: true });
  });
}

void Promise.all([storageGet(PAUSED_KEY), idle()]).then(([paused]) => {
  controller.setPaused(pausedIn(paused));
  controller.start();
  watchUrl(() => controller.onUrlChange());
});

onStorageChanged(PAUSED_KEY, (value) => controller.setPaused(pausedIn(value)));

onExtensionMessage((message) => {
  if (message.type === 'page-state') return controller.pageState();
  if (message.type === 'snapshot-changed') void controller.reverify();
  return undefined;
});

controller.bootMs = performance.now() - bootStarted;
