// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { claimPage, HANDOVER_EVENT } from '../src/content/instance.js';

type ChromeGlobal = { chrome?: { runtime?: { id?: string } } };
const g = globalThis as ChromeGlobal;

/** A fresh extension context, as each injected copy sees its own `chrome.runtime`. */
function extensionContext(): { runtime: { id?: string } } {
  const runtime: { id?: string } = { id: 'ext' };
  g.chrome = { runtime };
  return { runtime };
}

afterEach(() => {
  delete g.chrome;
});

describe('content script instance handshake', () => {
  it('a second injection while the first copy is alive does nothing', () => {
    const world = {};
    extensionContext();
    const first = claimPage(world);
    expect(first).not.toBeNull();
    expect(claimPage(world)).toBeNull();
    expect(first!.signal.aborted).toBe(false);
  });

  it('after an update in the same world the orphaned copy stands down and the new one takes over', () => {
    const world = {};
    const old = extensionContext();
    const first = claimPage(world)!;
    delete old.runtime.id; // what an invalidated extension context looks like
    extensionContext();
    const second = claimPage(world);
    expect(first.signal.aborted).toBe(true);
    expect(second).not.toBeNull();
    expect(second!.signal.aborted).toBe(false);
    first.abort();
  });

  it('a copy that already ended is replaced even if its runtime answers again', () => {
    const world = {};
    extensionContext();
    const first = claimPage(world)!;
    first.abort();
    const second = claimPage(world);
    expect(second).not.toBeNull();
    second!.abort();
  });

  it('a copy in another world stands down when a new copy announces itself, only if its extension is gone', () => {
    const old = extensionContext();
    const first = claimPage({})!;
    // The page can fire the event too: a live copy ignores it.
    document.dispatchEvent(new CustomEvent(HANDOVER_EVENT));
    expect(first.signal.aborted).toBe(false);
    delete old.runtime.id;
    extensionContext();
    const second = claimPage({})!;
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    second.abort();
  });
});
