import type { CoverageEntry, CoverageReport } from '@zjmade/sdk/coverage';
import { csvField } from './escape.js';

const HEADER = ['category', 'row', 'listing', 'key', 'platform', 'store', 'status', 'evaluation', 'standard', 'expires', 'days_left', 'since', 'reason', 'claims', 'title'];

type Extra = { daysLeft?: number; since?: string; reason?: string; claims?: string[] };

function line(category: string, e: Partial<CoverageEntry> & Extra): string {
  return [
    category,
    e.row,
    e.listing,
    e.key,
    e.platform,
    e.store,
    e.status,
    e.evaluationId,
    e.standard,
    e.expires,
    e.daysLeft,
    e.since,
    e.reason,
    e.claims?.join(' '),
    e.title,
  ]
    .map(csvField)
    .join(',');
}

/** One line per finding (a listing may appear under several categories), for spreadsheets and scripts. */
export function csvReport(report: CoverageReport): string {
  const out = [HEADER.join(',')];
  for (const e of report.backed.listings) out.push(line('backed', e));
  for (const e of report.unbound) out.push(line('unbound', e));
  for (const e of report.renewals.listings) out.push(line(`renewal-${e.window}d`, e));
  for (const e of report.lapsed) out.push(line('lapsed', e));
  for (const e of report.unbackedClaims) out.push(line('unbacked-claim', e));
  for (const e of report.notOurs) out.push(line(`not-ours-${e.reason}`, e));
  for (const s of report.forgottenStores ?? []) {
    out.push(line('forgotten-store', { key: s.store, platform: s.platform, store: s.store, listing: s.url ?? s.store, reason: s.name }));
  }
  for (const e of report.invalid) out.push(line('invalid', { ...(e.row !== undefined ? { row: e.row } : {}), listing: e.listing, reason: e.reason }));
  for (const e of report.duplicates) {
    out.push(line('duplicate', { ...(e.row !== undefined ? { row: e.row } : {}), listing: e.listing, key: e.key, reason: `first on row ${e.firstRow}` }));
  }
  return `${out.join('\r\n')}\r\n`;
}
