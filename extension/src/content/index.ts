import browser, { type Runtime } from 'webextension-polyfill';
import { PAUSED_KEY } from '../shared/settings.js';
import { compileAdapter } from './candidates.js';
import { Controller } from './controller.js';
import { adapterFor } from './site-adapters.js';
import { watchUrl } from './url-watch.js';

const controller = new Controller(compileAdapter(adapterFor(location.hostname)));

function pausedIn(value: unknown): boolean {
  return Array.isArray(value) && value.includes(location.hostname);
}

/**
 * The first pass waits for the page's load event (or 1.5 s, whichever is first) so the
 * extension does not delay the page it is decorating; later changes are handled as they come.
 */
function whenLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    window.addEventListener('load', () => resolve(), { once: true });
    setTimeout(resolve, 1500);
  });
}

void Promise.all([browser.storage.local.get(PAUSED_KEY), whenLoaded()]).then(([got]) => {
  controller.setPaused(pausedIn(got[PAUSED_KEY]));
  controller.start();
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && PAUSED_KEY in changes) controller.setPaused(pausedIn(changes[PAUSED_KEY]?.newValue));
});

watchUrl(() => controller.onUrlChange());

// Only our own extension talks to us (web pages cannot: no externally_connectable, and
// runtime.onMessage only hears the extension).
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (type === 'page-state') return Promise.resolve(controller.pageState());
  if (type === 'snapshot-changed') {
    void controller.reverify();
    return undefined;
  }
  return undefined;
});
