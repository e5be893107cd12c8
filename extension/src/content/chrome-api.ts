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

export function onStorageChanged(key: string, listener: (newValue: unknown) => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && key in changes) listener(changes[key]?.newValue);
  });
}

/**
 * Messages from our own extension only (web pages cannot reach `runtime.onMessage`: there is no
 * `externally_connectable`). `handle` answers synchronously or not at all.
 */
export function onExtensionMessage(handle: (message: { type?: unknown }) => unknown): void {
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || typeof message !== 'object' || message === null) return false;
    const answer = handle(message as { type?: unknown });
    if (answer !== undefined) sendResponse(answer);
    return false;
  });
}

export function uiLanguage(): string {
  return chrome.i18n.getUILanguage();
}
