/**
 * One copy of the content script per page at a time. A copy is injected again into the same
 * document (a second "complete"; open tabs when the extension starts) and, after the extension is
 * updated or reloaded, a new copy arrives while the old one — orphaned, its extension context gone —
 * still has its badges on the page. The rule: a copy whose extension is alive keeps the page and a
 * newcomer does nothing; a copy whose extension is gone stands down (its badges come down) and the
 * newcomer takes over. Copies in the same isolated world meet through a world global; copies in
 * different worlds (Chrome gives a reloaded extension a fresh world) through a DOM event. A page
 * can fire that event too, but a live copy ignores it, so a page cannot make badges disappear.
 */
const INSTANCE = Symbol.for('zjmade.content-script');
export const HANDOVER_EVENT = 'zjmade:content-script';

interface Instance {
  alive(): boolean;
  standDown(): void;
}

/** Whether this copy's own extension context still works (captured now: a later copy has its own). */
function livenessProbe(): () => boolean {
  let runtime: { id?: string } | undefined;
  try {
    runtime = (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime;
  } catch {
    runtime = undefined;
  }
  return () => {
    try {
      return typeof runtime?.id === 'string';
    } catch {
      return false;
    }
  };
}

/**
 * Claims the page for this copy. Returns the controller whose abort ends this copy (null: a live
 * copy already serves the page, so this one does nothing).
 */
export function claimPage(world: { [INSTANCE]?: unknown } = globalThis as { [INSTANCE]?: unknown }): AbortController | null {
  const prev = world[INSTANCE] as Partial<Instance> | undefined;
  if (prev && typeof prev.alive === 'function' && prev.alive()) return null;
  if (prev && typeof prev.standDown === 'function') prev.standDown();
  const alive = livenessProbe();
  const life = new AbortController();
  // A copy that already ended (it found its worker gone) serves nothing, even if the world's
  // `chrome.runtime` answers again after the reload.
  world[INSTANCE] = { alive: () => !life.signal.aborted && alive(), standDown: () => life.abort() } satisfies Instance;
  // Copies in other worlds hear this before our own listener exists, so we never hear ourselves.
  document.dispatchEvent(new CustomEvent(HANDOVER_EVENT));
  document.addEventListener(
    HANDOVER_EVENT,
    () => {
      if (!alive()) life.abort();
    },
    { signal: life.signal },
  );
  return life;
}
