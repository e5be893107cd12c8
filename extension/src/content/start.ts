/**
 * The content script's entry, injected by the service worker once the page has loaded (or, for a
 * page whose load never ends, a few seconds after it started: then it waits for the load, or
 * DOMContentLoaded + 200 ms). The rest of the script is inlined by the build and evaluated only
 * when imported. A second injection into the same document does nothing while the first copy's
 * extension is alive; after an update or reload the new copy takes over from the orphaned one
 * (see instance.ts).
 */
import { claimPage } from './instance.js';

const IDLE_AFTER_DOM_MS = 200;

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

const life = claimPage();
if (life) {
  void idle().then(async () => {
    if (life.signal.aborted) return;
    const startedAt = performance.now();
    const { runContentScript } = await import('./main.js');
    runContentScript(startedAt, undefined, life);
  });
}
