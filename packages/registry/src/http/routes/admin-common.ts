import { z } from '@hono/zod-openapi';
import type { ProblemSlug } from '../problem.js';
import { BODY_LIMITS } from '../limits.js';

/** Path parameter schemas shared by admin and look-up routes (every string bounded). */
export const pathParam = (name: string, max: number, description: string) => z.string().min(1).max(max).openapi({ param: { name, in: 'path' }, description });

/** What every admin route can answer besides its own results. */
export const ADMIN_PROBLEMS: [ProblemSlug | number, string][] = [
  ['unauthorized', 'Missing or wrong admin token (see WWW-Authenticate)'],
  ['admin-disabled', 'Admin API disabled (no token configured)'],
  ['rate-limited', 'Too many wrong tokens from this client (IPv6: its /64): every token waits for Retry-After; the wait doubles with each further failure'],
  ['payload-too-large', `Body over ${BODY_LIMITS.admin} bytes`],
  ['busy', 'Busy: another write holds the database (see Retry-After); nothing was written'],
  ['storage-full', 'Storage full: nothing was written'],
  ['method-not-allowed', 'The path does not answer this method (see Allow)'],
];

export const ADMIN = { tags: ['admin'], security: [{ adminToken: [] }] };
