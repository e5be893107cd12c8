/**
 * The few extension APIs the content script uses, straight on `chrome.*` with callbacks (which
 * Chrome and Firefox both support), wrapped in promises. The content script runs on every
 * marketplace page, so it carries no API polyfill.
 */

export function storageGet(key: string): Promise<unknown> {
  return new Promise((resolve) => {
    chrome.storage.local.get(key, (items) => {
      resolve(chrome.runtime.lastError ? undefined : items?.[key]);
    });
  });
}

/** Sends to the background; rejects when nobody answers (extension reloaded, worker gone). */
export function sendToBackground<T>(message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      chrome.runtime.sendMessage(message, (response: T) => {
        const err = chrome.runtime.lastError;
        if (err) reject(new Error(err.message ?? 'sendMessage failed'));
        else resolve(response);
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** False once this copy of the script is orphaned (the extension was updated, reloaded or removed). */
export function extensionAlive(): boolean {
  try {
    return typeof chrome.runtime?.id === 'string';
  } catch {
    return false;
  }
}

/** Removes `remove`'s listener when `signal` aborts (chrome.* events take no signal themselves). */
function until(signal: AbortSignal, remove: () => void): void {
  signal.addEventListener('abort', () => {
    try {
      remove();
    } catch {
      // The extension context is gone already: nothing left to remove.
    }
  }, { once: true });
}

export function onStorageChanged(key: string, listener: (newValue: unknown) => void, signal: AbortSignal): void {
  const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local' && key in changes) listener(changes[key]?.newValue);
  };
  chrome.storage.onChanged.addListener(onChanged);
  until(signal, () => chrome.storage.onChanged.removeListener(onChanged));
}

/**
 * Messages from our own extension only (web pages cannot reach `runtime.onMessage`: there is no
 * `externally_connectable`). `handle` answers synchronously or not at all.
 */
export function onExtensionMessage(handle: (message: { type?: unknown }) => unknown, signal: AbortSignal): void {
  const onMessage = (message: unknown, sender: chrome.runtime.MessageSender, sendResponse: (answer: unknown) => void) => {
    if (sender.id !== chrome.runtime.id || typeof message !== 'object' || message === null) return false;
    const answer = handle(message as { type?: unknown });
    if (answer !== undefined) sendResponse(answer);
    return false;
  };
  chrome.runtime.onMessage.addListener(onMessage);
  until(signal, () => chrome.runtime.onMessage.removeListener(onMessage));
}

export function uiLanguage(): string {
  return chrome.i18n.getUILanguage();
}
