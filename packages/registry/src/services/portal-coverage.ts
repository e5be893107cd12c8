import type { RegistryView } from '@zjmade/sdk';
import { type CoverageReport, registryCoverage } from '@zjmade/sdk/coverage';
import { writeXlsx } from '@zjmade/tabular';
import { Rejection } from './audited-change.js';

/** The same report `zjmade coverage` and GET /v1/coverage/{uscc} give, over the current snapshot. */
export function portalCoverage(view: RegistryView, uscc: string, at?: string): CoverageReport {
  return registryCoverage(view, uscc, at === undefined ? {} : { at });
}

const HEADER = ['category', 'listing', 'key', 'platform', 'store', 'status', 'evaluation', 'standard', 'expires', 'days_left', 'reason', 'title'] as const;
type Line = Partial<Record<(typeof HEADER)[number], string | number | undefined>>;

/** One line per finding, the columns of the CLI's CSV report (a listing may appear under several). */
export function coverageLines(r: CoverageReport): (string | number | null)[][] {
  const lines: Line[] = [];
  const entry = (category: string, e: { listing?: string; key?: string; platform?: string; store?: string; status?: string; evaluationId?: string; standard?: string; expires?: string; title?: string }, extra: Line = {}) =>
    lines.push({ category, listing: e.listing, key: e.key, platform: e.platform, store: e.store, status: e.status, evaluation: e.evaluationId, standard: e.standard, expires: e.expires, title: e.title, ...extra });
  for (const e of r.backed.listings) entry('backed', e);
  for (const e of r.unbound) entry('unbound', e);
  for (const e of r.renewals.listings) entry(`renewal-${e.window}d`, e, { days_left: e.daysLeft });
  for (const e of r.lapsed) entry('lapsed', e, { reason: e.reason });
  for (const e of r.notOurs) entry(`not-ours-${e.reason}`, e);
  for (const s of r.forgottenStores ?? []) entry('forgotten-store', { key: s.store, platform: s.platform, store: s.store, listing: s.url ?? s.store }, { reason: s.name });
  return lines.map((l) => HEADER.map((h) => l[h] ?? null));
}

/** RFC 4180 field, with formula-like text quoted so a spreadsheet does not run it. */
function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function coverageDownload(r: CoverageReport, format: 'csv' | 'xlsx'): Promise<{ body: Uint8Array | string; type: string; name: string }> {
  const lines = coverageLines(r);
  const name = `coverage-${r.uscc}-${r.date}.${format}`;
  if (format === 'csv') {
    // A BOM so Excel opens the UTF-8 Chinese titles as such.
    const text = `\uFEFF${[HEADER.join(','), ...lines.map((l) => l.map(csvField).join(','))].join('\r\n')}\r\n`;
    return { body: text, type: 'text/csv; charset=utf-8', name };
  }
  if (format !== 'xlsx') throw new Rejection('invalid-request', `Unknown format ${String(format)}.`);
  const body = await writeXlsx([{ name: 'coverage', headers: HEADER, rows: lines }]);
  return { body: new Uint8Array(body), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name };
}
