/**
 * Calls `onChange` when the page's URL changes without a load: popstate, the Navigation API where
 * the browser has it, and a cheap poll as the fallback (the page's own `history.pushState` runs in
 * the page's world, which a content script cannot patch).
 */
export function watchUrl(onChange: () => void, pollMs = 500): () => void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  const onNavigate = () => queueMicrotask(check);
  nav?.addEventListener('navigatesuccess', onNavigate);
  const timer = window.setInterval(check, pollMs);
  return () => {
    window.removeEventListener('popstate', check);
    window.removeEventListener('hashchange', check);
    nav?.removeEventListener('navigatesuccess', onNavigate);
    window.clearInterval(timer);
  };
}
