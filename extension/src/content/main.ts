import { effectiveAdapter, REMOTE_ADAPTERS_KEY } from '../shared/remote-adapters.js';
import { PAUSED_KEY } from '../shared/storage-keys.js';
import { compileAdapter } from './candidates.js';
import { bindBadgeLifecycle } from './badge-layer.js';
import { extensionAlive, onExtensionMessage, onStorageChanged, storageGet } from './chrome-api.js';
import { type MetricsSink, performanceMarkSink } from './metrics.js';
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
export function runContentScript(startedAt: number, metrics: MetricsSink = performanceMarkSink(), life = new AbortController()): AbortController {
  // One signal ends everything this copy set up: observer, URL watcher, storage and message
  // listeners, the delegated badge listeners. It aborts when the extension is gone (updated,
  // reloaded, removed): noticed when the worker can no longer be reached, or when a newer copy
  // takes over the page (start.ts).
  const { signal } = life;
  bindBadgeLifecycle(signal);

  // Start-up is main-thread time: this synchronous part plus the set-up once storage answered,
  // not the wait for storage in between.
  const syncMs = performance.now() - startedAt;
  void Promise.all([storageGet(PAUSED_KEY), storageGet(REMOTE_ADAPTERS_KEY)]).then(([paused, remote]) => {
    const resumed = performance.now();
    if (signal.aborted) return;
    // A remote adapter update for this site (validated by the worker), else the built-in one; a
    // site switched off remotely gets nothing drawn until a fixed adapter arrives.
    const { adapter, disabled } = effectiveAdapter(adapterFor(location.hostname), remote);
    if (disabled) return;
    const controller = new Controller(compileAdapter(adapter), signal, metrics, () => {
      if (!extensionAlive()) life.abort();
    });
    controller.setPaused(pausedIn(paused));
    controller.start();
    const stopWatching = watchUrl(() => controller.onUrlChange());
    signal.addEventListener('abort', stopWatching, { once: true });
    onStorageChanged(PAUSED_KEY, (value) => controller.setPaused(pausedIn(value)), signal);
    onExtensionMessage((message) => {
      if (message.type === 'snapshot-changed') void controller.reverify();
      return undefined;
    }, signal);
    metrics.booted(syncMs + (performance.now() - resumed));
  });
  return life;
}
