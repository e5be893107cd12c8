import { randomUUID } from 'node:crypto';
import type { Report } from '@zjmade/sdk';
import type { Hono } from 'hono';
import { resolveListing } from '@zjmade/sdk';
import type { RegistryService } from '../../service.js';
import { readBody } from '../body.js';
import { problem } from '../problem.js';
import { reportBody } from '../schemas.js';

export function reportRoutes(app: Hono, service: RegistryService): void {
  app.post('/v1/reports', async (c) => {
    const body = await readBody(c, reportBody);
    if (!body.ok) return body.response;
    const { listing, reason, note } = body.value;
    const ref = resolveListing(listing);
    if (!ref) return problem(c, 'invalid-request', 'The listing is not a marketplace listing URL or key.', [{ path: '/listing', message: 'not a listing URL or key' }]);
    const report: Report = { id: `rpt_${randomUUID()}`, listing, key: ref.key, reason, at: new Date().toISOString() };
    if (note !== undefined) report.note = note;
    service.repos.reports.insert(report);
    return c.json({ id: report.id }, 201);
  });
}
