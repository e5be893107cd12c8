import { randomUUID } from 'node:crypto';
import type { Report } from '@zjmade/sdk';
import type { Hono } from 'hono';
import { resolveListing } from '@zjmade/sdk';
import type { RegistryService } from '../../service.js';
import { readBody } from '../body.js';
import { problem } from '../problem.js';
import { reportBody } from '../schemas.js';

/** Identical reports (listing key, reason, note) within this window are counted, not stored again. */
export const REPORT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function reportRoutes(app: Hono, service: RegistryService): void {
  app.post('/v1/reports', async (c) => {
    const body = await readBody(c, reportBody);
    if (!body.ok) return body.response;
    const { listing, reason, note } = body.value;
    const ref = resolveListing(listing);
    if (!ref) return problem(c, 'invalid-request', 'The listing is not a marketplace listing URL or key.', [{ path: '/listing', message: 'not a listing URL or key' }]);
    const now = Date.now();
    const report: Report = { id: `rpt_${randomUUID()}`, listing, key: ref.key, reason, at: new Date(now).toISOString() };
    if (note !== undefined) report.note = note;
    const r = service.repos.reports.record(report, new Date(now - REPORT_DEDUPE_WINDOW_MS).toISOString());
    // 200, not 201: nothing new was created; the answer says which report it was counted against.
    if (r.duplicate) return c.json({ id: r.id, duplicate: true, duplicates: r.duplicates }, 200);
    return c.json({ id: r.id, duplicate: false }, 201);
  });
}
