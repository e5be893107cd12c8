import type { Hono } from 'hono';
import type { BlankEnv } from 'hono/types';

/** A route path as a RegExp: `:name` matches one segment, `:name{re}` its own pattern. */
function pattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((seg) => {
      const m = /^:\w+(?:\{(.+)\})?$/.exec(seg);
      if (m) return m[1] ? `(?:${m[1]})` : '[^/]+';
      if (seg === '*') return '.*';
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * Which methods a path answers, for the 405 of a known path asked with another method: read from
 * the app's own routes when first needed (all are mounted by then), so it never drifts from them.
 * Returns the `Allow` value, or undefined for a path no route serves.
 */
export function methodNotAllowed(app: Hono<BlankEnv>): (path: string) => string | undefined {
  let table: { re: RegExp; methods: Set<string> }[] | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      const m = byPath.get(r.path) ?? new Set<string>();
      byPath.set(r.path, m);
      m.add(r.method);
      // Hono answers HEAD for every GET.
      if (r.method === 'GET') m.add('HEAD');
    }
    return [...byPath].map(([path, methods]) => ({ re: pattern(path), methods }));
  };
  return (path) => {
    table ??= build();
    const methods = new Set<string>();
    for (const t of table) if (t.re.test(path)) for (const m of t.methods) methods.add(m);
    return methods.size ? [...methods].sort().join(', ') : undefined;
  };
}
