// Kept free of SDK imports so the element's entry chunk stays small (the SDK loads only in snapshot mode).
const CST_MS = 8 * 3600_000;
const cst = (ms: number) => new Date(ms + CST_MS).toISOString();

/** An instant as `YYYY-MM-DD HH:mm` in China Standard Time, the registry's business time. */
export function formatInstant(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${cst(ms).slice(0, 16).replace('T', ' ')} UTC+8`;
}

/** The business date (UTC+8) an instant falls on. */
export function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : cst(ms).slice(0, 10);
}

export type CheckUrl = string | ((key: string) => string);

/**
 * Where a shopper can check the listing themselves: `checkUrl` (a template with `{key}`, or a
 * function) when given, else the registry's listing look-up.
 */
export function checkHref(key: string | null, registryUrl?: string, checkUrl?: CheckUrl): string | undefined {
  if (!key) return undefined;
  if (typeof checkUrl === 'function') return checkUrl(key);
  if (typeof checkUrl === 'string') return checkUrl.replace('{key}', encodeURIComponent(key));
  if (!registryUrl) return undefined;
  return `${registryUrl.replace(/\/+$/, '')}/v1/listings/${encodeURIComponent(key)}`;
}
