import { z } from '@hono/zod-openapi';
import { STORE_ROLES } from '@zjmade/sdk/publisher';
import { CoverageReport } from '../http/answer-schemas.js';
import { headersOf } from '../http/openapi-kit.js';
import { ClaimDecision, ClaimReviewPage, PortalBindings, PortalBulk, PortalClaim, PortalClaims, PortalOverview, PortalUpload } from './answer-schemas.js';

/** Most bindings or unbindings in one request (a large store's listings, a page of suggestions). */
export const MAX_BIND_ROWS = 10_000;
/** Most rows one upload (file or pasted list) is read to. */
export const MAX_UPLOAD_ROWS = 100_000;
/** Largest listing export accepted (a 100,000-row export with titles is about 15 MB). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

const listingKey = z.string().min(1).max(160).openapi({ example: 'taobao:item:600000000001' });
const storeRef = z.string().min(1).max(2048).openapi({ description: 'A store key, store URL or the exact name of one of your stores' });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).openapi({ param: { name: 'offset', in: 'query' } }),
});

export const claimIdParam = z.object({
  id: z
    .string()
    .max(64)
    .regex(/^clm_[0-9a-f-]{36}$/, 'expected a claim id clm_…')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'clm_0b6b6d8e-3f5b-4c1e-9a51-0c1c6f0e2a11' }),
});

export const claimForm = z.object({
  url: z.string().min(1).max(2048).openapi({ description: 'The store page URL as copied from the browser', example: 'https://acme.tmall.com/' }),
  name: z.string().trim().min(1).max(200).openapi({ description: 'The store name as shown on the platform' }),
  role: z.enum(STORE_ROLES),
  evidence: z.any().openapi({ type: 'string', format: 'binary', description: 'Authorisation or trademark evidence: PNG, JPEG or PDF (by content), at most 5 MB' }),
});

export const decisionBody = z.object({ reason: z.string().trim().min(1).max(2000).optional() });

export const uploadJson = z.union([
  z.object({ urls: z.array(z.string().max(4096)).min(1).max(MAX_UPLOAD_ROWS), store: storeRef.optional() }).strict(),
  z
    .object({
      listings: z
        .array(z.object({ listing: z.string().min(1).max(4096), title: z.string().max(1000).optional(), store: storeRef.optional() }).strict())
        .min(1)
        .max(MAX_UPLOAD_ROWS),
    })
    .strict(),
]);

export const uploadForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary', description: 'A seller back-end export: CSV (UTF-8, GB18030, UTF-16) or XLSX' }),
  platform: z.string().max(32).optional().openapi({ description: 'The platform the export came from, for rows with an item id but no URL' }),
});

export const bindBody = z
  .object({
    bindings: z
      .array(
        z
          .object({
            key: listingKey,
            evaluationId: z.string().min(1).max(128).nullable().optional().openapi({ description: 'Omitted or null: sold in the store, under no evaluation (store-only)' }),
            store: z.string().min(1).max(160).optional().openapi({ description: 'Store key; defaults to the store the listing is already bound under' }),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_BIND_ROWS),
  })
  .strict();

export const unbindBody = z
  .object({
    keys: z.array(listingKey).min(1).max(MAX_BIND_ROWS),
    forget: z.boolean().default(false).openapi({ description: 'Remove the listings from the registry (not-found) instead of only their evaluation (store-only)' }),
  })
  .strict();

export const bindingsQuery = pageQuery.extend({
  store: z.string().max(160).optional().openapi({ param: { name: 'store', in: 'query' }, description: 'Only this store (key)' }),
  evaluation: z.string().max(128).optional().openapi({ param: { name: 'evaluation', in: 'query' }, description: 'Only this evaluation id, or `none` for store-only listings' }),
});

export const coverageQuery = z.object({
  format: z.enum(['json', 'csv', 'xlsx']).default('json').openapi({ param: { name: 'format', in: 'query' } }),
  at: z.string().max(40).optional().openapi({ param: { name: 'at', in: 'query' }, description: 'ISO instant or YYYY-MM-DD (default now)' }),
});

export const calendarParam = z.object({
  file: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'expected {secret}.ics')
    .openapi({ param: { name: 'file', in: 'path' }, description: 'The secret from POST /v1/portal/calendar/rotate, then .ics' }),
});

/** Answer shapes, for the document (answer-schemas.ts; the handlers build them from the services' types). */
export const ANSWERS = {
  overview: PortalOverview,
  claim: PortalClaim,
  claims: PortalClaims,
  reviewPage: ClaimReviewPage,
  upload: PortalUpload,
  bulk: PortalBulk,
  bindings: PortalBindings,
  coverage: CoverageReport,
  calendar: z
    .object({ feed: z.boolean().openapi({ description: 'Whether a feed URL exists' }), createdAt: z.string().max(40).nullable().openapi({ description: 'When the current URL was made (ISO 8601), null without a feed' }) })
    .openapi('CalendarFeedState'),
  rotated: z
    .object({
      secret: z.string().max(128).openapi({ description: 'The feed secret (shown once)' }),
      url: z.string().max(2048).openapi({ description: 'The feed URL: /v1/calendar/{secret}.ics on this registry' }),
      createdAt: z.string().max(40),
    })
    .openapi('CalendarFeedRotated'),
  decision: ClaimDecision,
};

/**
 * The 200 of a claim's evidence download: the file in the media type sniffed at upload (PNG, JPEG
 * or PDF), sent as an attachment with nosniff, its SHA-256 as the ETag, never cached.
 */
export function evidenceFileAnswer(description: string) {
  const file = { schema: z.string().openapi({ format: 'binary' }) };
  return {
    description,
    headers: headersOf(['ETag', 'Cache-Control']),
    content: { 'image/png': file, 'image/jpeg': file, 'application/pdf': file },
  };
}
