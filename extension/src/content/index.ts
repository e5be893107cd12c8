/**
 * The content script's entry, injected at `document_start`: it only waits. Chrome runs
 * `document_idle` scripts just before `window.onload` when a page loads fast, which holds the load
 * event back by the script's whole start-up; this stub costs the page next to nothing, and the
 * rest of the script (inlined by the build, evaluated only when imported) starts after the load.
 */
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

void idle().then(async () => {
  const startedAt = performance.now();
  const { runContentScript } = await import('./main.js');
  runContentScript(startedAt);
});
