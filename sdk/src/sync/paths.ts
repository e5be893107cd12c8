import type { LatestPointer } from '../snapshot/pointer-format.js';
import type { RegistryLayout } from './types.js';

/**
 * One link of the chain a pointer lists (`deltas` in its payload, pointer-format.ts): the signed
 * delta file from `base` to `sequence`, where it is (resolved against the pointer's URL), its size
 * and its SHA-256 as served.
 */
export interface ChainLink {
  base: number;
  sequence: number;
  path?: string;
  bytes?: number;
  sha256?: string;
}

/** The signed pointer's path in each layout, relative to the base URL. */
export const pointerPath = (layout: RegistryLayout): string => (layout === 'api' ? '/v1/snapshot/latest' : '/latest.json');

/** The deltas a pointer lists, oldest first (undefined: it lists none, as a registry before issue 10 does). */
export const linksOf = (pointer: LatestPointer): ChainLink[] | undefined => {
  const d = (pointer as { deltas?: unknown }).deltas;
  return Array.isArray(d) && d.length ? (d as ChainLink[]) : undefined;
};

/** The newest state a pointer names: its `head`, else the last delta's sequence, else the full snapshot's. */
export const headOf = (pointer: LatestPointer): number => {
  const head = (pointer as { head?: unknown }).head;
  return typeof head === 'number' ? head : (linksOf(pointer)?.at(-1)?.sequence ?? pointer.sequence);
};

/**
 * The deltas that take a state at `from` to the pointer's head, or why there are none: the listed
 * links after `from` (one must start exactly at `from`, and each at the one before), or, from a
 * registry API that lists none, `/v1/deltas/{n}` for each sequence up to at most `maxChain` links
 * (the registry answers 404 past its oldest kept delta, and the client then falls back).
 */
export function chainFrom(pointer: LatestPointer, from: number, layout: RegistryLayout, maxChain: number): ChainLink[] | string {
  const head = headOf(pointer);
  const listed = linksOf(pointer);
  let chain: ChainLink[];
  if (head === from) return [];
  if (listed) chain = listed.slice(listed.findIndex((l) => l.base === from));
  else if (layout === 'api' && head - from <= maxChain) chain = Array.from({ length: head - from }, (_, i) => ({ base: from + i, sequence: from + i + 1, path: `../deltas/${from + i + 1}` }));
  else return 'no delta chain';
  let at = from;
  for (const l of chain) {
    if (l.base !== at || !(l.sequence > at)) return 'gap in the chain';
    at = l.sequence;
  }
  return at === head ? chain : 'gap in the chain';
}

/**
 * A path the pointer gives, resolved as WHATWG does against the pointer's own URL, as a path under
 * the base URL; undefined when it leads anywhere else (another host, above the base). The API's
 * own paths (`/v1/…`) are the registry's: under a base URL with a path prefix they start there.
 */
export function underBase(baseUrl: string, layout: RegistryLayout, path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  let href: string;
  try {
    const apiRooted = layout === 'api' && /^\/(?!\/)/.test(path);
    href = apiRooted ? new URL(`.${path}`, `${baseUrl}/`).href : new URL(path, baseUrl + pointerPath(layout)).href;
  } catch {
    return undefined;
  }
  return href.startsWith(`${baseUrl}/`) && !/[?#]/.test(href) ? href.slice(baseUrl.length) : undefined;
}
