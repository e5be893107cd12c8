import { randomUUID } from 'node:crypto';
import { type Report, type ReportReason, resolveListing } from '@zjmade/sdk';
import type { Recorded } from '../store/reports.js';
import type { Repositories } from '../store/repositories.js';
import { Rejection } from './audited-change.js';

/** Identical reports (listing key, reason, note) within this window are counted, not stored again. */
export const REPORT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Reports from the public (not audited: they are not changes to the registry, and the rate limits
 * in front keep them bounded) and the admin's page of them.
 */
export function reports(repos: Repositories) {
  return {
    submit(input: { listing: string; reason: ReportReason; note?: string }): Recorded {
      const ref = resolveListing(input.listing);
      if (!ref) throw new Rejection('invalid-request', 'The listing is not a marketplace listing URL or key.', [{ path: '/listing', message: 'not a listing URL or key' }]);
      const now = Date.now();
      const report: Report = { id: `rpt_${randomUUID()}`, listing: input.listing, key: ref.key, reason: input.reason, at: new Date(now).toISOString() };
      if (input.note !== undefined) report.note = input.note;
      return repos.reports.record(report, new Date(now - REPORT_DEDUPE_WINDOW_MS).toISOString());
    },
    page: (limit: number, offset: number) => repos.reports.page(limit, offset),
  };
}
export type Reports = ReturnType<typeof reports>;
