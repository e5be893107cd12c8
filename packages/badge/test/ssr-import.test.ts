// No DOM here on purpose (Node's own globals): server-side rendering frameworks import
// `@zjmade/badge/element` while rendering, where neither `HTMLElement` nor `customElements` exist.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('@zjmade/badge/element without a DOM', () => {
  it('imports from source without throwing and defines nothing', async () => {
    expect(typeof (globalThis as { HTMLElement?: unknown }).HTMLElement).toBe('undefined');
    const mod = await import('../src/element-entry.js');
    expect(mod.ELEMENT_NAME).toBe('zjmade-badge');
    expect(() => mod.defineBadgeElement()).not.toThrow();
  });

  it('imports the published bundle (dist/zjmade-badge.js) without throwing', async () => {
    const bundle = new URL('../dist/zjmade-badge.js', import.meta.url);
    // `pnpm test` builds first; run alone before a build, the source test above still guards it.
    if (!existsSync(bundle)) return;
    const mod = (await import(pathToFileURL(bundle.pathname).href)) as { ELEMENT_NAME?: string };
    expect(mod.ELEMENT_NAME).toBe('zjmade-badge');
  });
});
