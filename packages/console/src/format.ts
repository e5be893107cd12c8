import type { Evaluation } from './types.js';

/** The status in force at `now`: the last history entry that has taken effect (valid before any). */
export function currentStatus(e: Evaluation, now = Date.now()): string {
  let status = 'valid';
  for (const h of e.history) if (Date.parse(h.at) <= now) status = h.status;
  if (status === 'valid' && e.expires && Date.parse(`${e.expires}T23:59:59+08:00`) < now) return 'expired';
  return status;
}

/** A time as the page's language writes it, in China Standard Time (the scheme's business clock). */
export function when(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** A datetime-local input's value (Asia/Shanghai wall time) as an ISO instant. */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined;
  return new Date(`${v}:00+08:00`).toISOString();
}
