import { PAUSED_KEY } from '../shared/storage-keys.js';
import { compileAdapter } from './candidates.js';
import { onExtensionMessage, onStorageChanged, storageGet } from './chrome-api.js';
import { Controller } from './controller.js';
import { adapterFor } from './site-adapters.js';
import { watchUrl } from './url-watch.js';

function pausedIn(value: unknown): boolean {
  return Array.isArray(value) && value.includes(location.hostname);
}

/**
 * The content script proper, loaded by start.ts once the page has loaded. `startedAt` is when
 * its loading began, so the start-up it reports includes evaluating these modules.
 */
export function runContentScript(startedAt: number): void {
  const controller = new Controller(compileAdapter(adapterFor(location.hostname)));

  void storageGet(PAUSED_KEY).then((paused) => {
    controller.setPaused(pausedIn(paused));
    controller.start();
    watchUrl(() => controller.onUrlChange());
  });

  onStorageChanged(PAUSED_KEY, (value) => controller.setPaused(pausedIn(value)));

  onExtensionMessage((message) => {
    if (message.type === 'snapshot-changed') void controller.reverify();
    return undefined;
  });

  controller.bootMs = performance.now() - startedAt;
}
