import { ROUTES, type Route } from './listing-hosts.js';
import { refFromKey } from './listing-key.js';
import { parseListingUrl } from './listing-url.js';
import type { ListingKind } from './model.js';

/*
 * Whether a listing key is canonical, answered by the parser itself: a key is canonical exactly
 * when a URL of it parses back to the same key (leading zeros dropped, slugs lower-cased, Suning's
 * supplier kept), so a registry never stores a binding under a key that no URL maps to. The URL
 * is built from the route table the parser reads (listing-hosts.ts), so there is one table of URL
 * forms. Publisher-side only (not on the browser path).
 */

/** The key space of a route's listings: Tmall items live in Taobao's id space. */
const spaceOf = (r: Route) => (r.kind === 'item' && r.platform === 'tmall' ? 'taobao' : r.platform);

/** The first route of each `{space}:{kind}` (the table's order), with its id template as a pattern. */
let bySpace: Map<string, { route: Route; id: RegExp; groups: number[] }> | undefined;
function routeFor(space: string, kind: ListingKind) {
  if (!bySpace) {
    bySpace = new Map();
    for (const routes of ROUTES.values()) {
      for (const route of routes) {
        const at = `${spaceOf(route)}:${route.kind}`;
        if (bySpace.has(at)) continue;
        // `$1-$2` → ^(.+?)-(.+?)$ : the id template read backwards into the path captures.
        const groups: number[] = [];
        let source = '';
        for (const t of route.id.split(/(\$\d)/)) {
          if (/^\$\d$/.test(t)) {
            groups.push(Number(t[1]));
            source += '(.+?)';
          } else source += t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
        bySpace.set(at, { route, id: new RegExp(`^${source}$`), groups });
      }
    }
  }
  return bySpace.get(`${space}:${kind}`);
}

/**
 * A URL of the listing a key names, built only to be parsed back; null when the platform has no
 * URL form of that kind or the id does not fit one. Shops of Taobao and Tmall are known by host
 * (`shop{id}.taobao.com`, `{slug}.tmall.com`), not by a route.
 */
function urlOfKey(space: string, kind: ListingKind, id: string): string | null | undefined {
  if (kind === 'shop' && space === 'taobao') return `https://shop${id}.taobao.com/`;
  if (kind === 'shop' && space === 'tmall') return `https://${id}.tmall.com/`;
  const found = routeFor(space, kind);
  if (!found) return undefined;
  const m = found.id.exec(id);
  if (!m) return null;
  const parts: string[] = [];
  found.groups.forEach((g, i) => {
    parts[g - 1] = m[i + 1]!;
  });
  // A path part the key does not carry (VIP's sale id beside the product id) is not identity: any
  // number the route accepts will do.
  return found.route.url.replace(/\$(\d)/g, (_, d: string) => parts[Number(d) - 1] ?? '1');
}

/**
 * Why `key` is not a canonical listing key of `kind`, or null when it is one: the key must be
 * written as `{space}:{kind}:{id}` and a URL of it must parse back to exactly that key. Shops of
 * platforms whose shop pages have no URL form are known by their id alone (null).
 */
export function canonicalKeyProblem(key: string, kind: ListingKind): string | null {
  const ref = refFromKey(key);
  if (!ref || ref.kind !== kind) return `not a ${kind} key (expected {platform}:${kind}:{id})`;
  const url = urlOfKey(ref.platform, kind, ref.id);
  if (url === undefined) return kind === 'shop' ? null : `no ${ref.platform} ${kind} URL form`;
  const back = url ? parseListingUrl(url)?.key : undefined;
  if (back === key) return null;
  return back ? `not canonical: the same listing's key is ${back}` : `no ${ref.platform} ${kind} URL has the id "${ref.id}"`;
}
