import { ROUTES, type Route, TMALL_RESERVED } from './listing-hosts.js';
import type { ListingRef, Platform } from './model.js';
import { extractUrl } from './share-text.js';

/*
 * Listing identity from a URL. Security rests on three things: the URL is parsed by WHATWG `URL`
 * (the same parser the browser navigates with), the host is looked up EXACTLY in a table (only the
 * `{slug}.tmall.com` and `shop{N}.taobao.com` shop rules look at label structure), and anything odd
 * (userinfo, a non-default port, a non-http scheme, a repeated id parameter) gives null.
 */

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TAOBAO_SHOP = /^shop(\d{1,20})\.taobao\.com$/;
const DIGITS = /^\d{1,20}$/;

/** Item keys of Tmall/Taobao and JD/jd.hk share one id space each. */
const SPACE: Partial<Record<Platform, string>> = { tmall: 'taobao' };

function ref(platform: Platform, kind: 'item' | 'shop', id: string, url: string): ListingRef {
  const space = kind === 'item' ? (SPACE[platform] ?? platform) : platform;
  return { platform, kind, id, key: `${space}:${kind}:${id}`, url };
}

/** Drops leading zeros so `id=007` and `id=7` are one listing; all zeros is no id. */
const num = (s: string) => (DIGITS.test(s) ? s.replace(/^0+/, '') || null : null);

function shopByHost(host: string): ListingRef | null {
  const t = TAOBAO_SHOP.exec(host);
  if (t) {
    const id = num(t[1]!);
    return id ? ref('taobao', 'shop', id, `https://shop${id}.taobao.com/`) : null;
  }
  if (!host.endsWith('.tmall.com')) return null;
  const slug = host.slice(0, -10);
  if (!SLUG.test(slug) || slug.startsWith('xn--') || TMALL_RESERVED.has(slug)) return null;
  return ref('tmall', 'shop', slug, `https://${slug}.tmall.com/`);
}

function route(r: Route, path: string, query: URLSearchParams): ListingRef | null {
  const { platform, kind } = r;
  const m = r.path.exec(path);
  if (!m) return null;
  let parts = m.slice(1);
  if (r.params.length) {
    // Every listed parameter present must agree, and at least one must be: `?id=1&id=2` is ambiguous.
    const values = r.params.flatMap((p) => query.getAll(p));
    if (!values.length || values.some((v) => v !== values[0])) return null;
    parts = [values[0]!];
  }
  if (platform === 'suning') {
    if (!parts.every((p) => DIGITS.test(p))) return null;
  } else if (platform !== 'xiaohongshu') {
    const ids = parts.map(num);
    if (ids.some((p) => p === null)) return null;
    parts = ids as string[];
  }
  const fill = (t: string) => t.replace(/\$(\d)/g, (_, d: string) => parts[Number(d) - 1] ?? '');
  return ref(platform, kind, fill(r.id), fill(r.url));
}

/** Longest whole-URL input read (a URL is never this long; bounded work). */
const URL_LIMIT = 65536;

/**
 * The input as WHATWG reads a whole URL — tab, CR and LF removed anywhere, C0 controls and spaces
 * trimmed — when it is one: an http(s) scheme or `//`, and no white space left inside. Anything
 * else is text, where a share text's URL is looked for.
 */
function wholeUrl(input: string): string | null {
  if (input.length > URL_LIMIT) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: WHATWG's own preprocessing of C0 controls.
  const w = input.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (/\s/.test(w)) return null;
  if (/^https?:/i.test(w)) return w;
  return w.startsWith('//') ? `https:${w}` : null;
}

function parse(input: string): ListingRef | null {
  if (typeof input !== 'string') return null;
  // A whole URL's identity is where WHATWG (a browser, `new URL`) resolves it, dot segments,
  // backslashes and all; never a prefix of it cut where a share text would end (issue 10).
  const raw = wholeUrl(input) ?? extractUrl(input);
  // Not a URL at all throws here, which parseListingUrl turns into null.
  const u = raw ? new URL(raw) : null;
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || u.port) return null;
  const host = u.hostname.endsWith('.') ? u.hostname.slice(0, -1) : u.hostname;
  const routes = ROUTES.get(host);
  if (!routes) return shopByHost(host);
  const path = u.pathname.toLowerCase();
  for (const r of routes) {
    const found = route(r, path, u.searchParams);
    if (found) return found;
  }
  return null;
}

/**
 * Parses a listing URL, protocol-relative href or share text into a `ListingRef`, or null when
 * the input is not a marketplace item or shop. Never throws; bounded work on any input.
 */
export function parseListingUrl(input: string): ListingRef | null {
  try {
    return parse(input);
  } catch {
    return null;
  }
}
