import { PLATFORMS } from '@zjmade/sdk';
import { PROBLEM_BASE, PROBLEMS } from './problem.js';
import { MAX_BATCH, REPORT_REASONS } from './schemas.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const json = (description: string, schema: Json) => ({ description, content: { 'application/json': { schema } } });
const pathParam = (name: string, description: string, schema: Json = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];
const common = { '429': problemResponse('Rate limited (see Retry-After)') };
const admin = { security: [{ adminToken: [] }], tags: ['admin'] };
const adminErrors = {
  '401': problemResponse('Missing or wrong admin token'),
  '429': problemResponse('Too many wrong tokens from this client (IPv6: its /64): every token, right or wrong, waits for Retry-After; the wait doubles with each further failure'),
  '403': problemResponse('Admin API disabled (no token configured)'),
  '503': problemResponse('Busy: another write holds the database (see Retry-After)'),
  '507': problemResponse('Storage full: nothing was written'),
};
const changed = (schema: Json) =>
  json('Committed. `snapshot` is the sequence that publishes it, or null when publishing failed (then `publishing` says why; it is retried)', {
    allOf: [
      schema,
      {
        type: 'object',
        required: ['committed', 'snapshot'],
        properties: {
          committed: { const: true },
          snapshot: { oneOf: [ref('SnapshotRef'), { type: 'null' }] },
          publishing: { type: 'object', properties: { state: { const: 'failing' }, code: { type: 'string' }, detail: { type: 'string' }, retryAt: { type: ['string', 'null'] } } },
        },
      },
    ],
  });
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A real calendar date from 1990-01-01 to 2199-12-31' };

let cached: Json | undefined;

/** The OpenAPI 3.1 description of every route the app serves (a test checks the two agree). */
export function openApiDocument(): Json {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'zjmade registry',
      version: '1.0.0',
      description:
        'Verification of 浙江制造 (品字标) listings. Errors are RFC 9457 problem+json with `type` under ' +
        `${PROBLEM_BASE}: ${Object.keys(PROBLEMS).join(', ')}.`,
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'verify' }, { name: 'lookup' }, { name: 'snapshot' }, { name: 'reports' }, { name: 'coverage' }, { name: 'admin' }],
    paths: {
      '/v1/health': {
        get: { tags: ['verify'], operationId: 'health', responses: { '200': json('Serving', ref('Health')), '503': json('No snapshot yet', ref('Health')), ...common } },
      },
      '/v1/verify': {
        post: {
          tags: ['verify'],
          operationId: 'verify',
          description: `Verdicts in input order, from the SDK verifier over the current signed snapshot. At most ${MAX_BATCH} listings.`,
          parameters: [
            {
              name: 'evidence',
              in: 'query',
              description: '`none` writes every verdict\'s evidence as `{}` (about a third of the bytes) for callers that only show the status; default `full`.',
              schema: { type: 'string', enum: ['full', 'none'], default: 'full' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('VerifyRequest') } } },
          responses: {
            '200': json('Verdicts', ref('VerifyResponse')),
            '400': problemResponse('Malformed JSON or wrong shape; `errors[].path` is a JSON Pointer'),
            '413': problemResponse(`More than ${MAX_BATCH} listings, or body over 1 MiB`),
            '503': problemResponse('No snapshot published yet'),
            ...common,
          },
        },
      },
      '/v1/snapshot': {
        get: {
          tags: ['snapshot'],
          operationId: 'snapshot',
          parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The signed snapshot (gzip when Accept-Encoding allows)',
              headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
              content: { 'application/vnd.zjmade.snapshot': { schema: { type: 'string', contentEncoding: 'binary' } } },
            },
            '304': { description: 'Not modified' },
            '503': problemResponse('No snapshot published yet'),
            ...common,
          },
        },
      },
      '/v1/snapshot/latest': {
        get: {
          tags: ['snapshot'],
          operationId: 'snapshotLatest',
          description:
            'The signed "latest" pointer: `{payload, kid, sig}`, where `payload` is JSON `{type: "zjmade.latest", v: 1, sequence, sha256, issuedAt}` naming the current snapshot and the SHA-256 (hex) of its exact file; `sig` is Ed25519 (hex) with the snapshot keys over "zjmade-latest-pointer-v1\\n" + payload. Re-signed at least every 10 minutes; clients without memory accept a snapshot only when a pointer issued within the last hour names it.',
          responses: {
            '200': {
              description: 'The signed pointer (no ETag; Cache-Control: no-cache)',
              headers: { 'Cache-Control': { schema: { type: 'string' } } },
              content: {
                'application/vnd.zjmade.pointer+json': {
                  schema: {
                    type: 'object',
                    required: ['payload', 'kid', 'sig'],
                    properties: { payload: { type: 'string' }, kid: { type: 'string' }, sig: { type: 'string', pattern: '^[0-9a-f]{128}$' } },
                  },
                },
              },
            },
            '503': problemResponse('No snapshot published yet'),
            ...common,
          },
        },
      },
      '/.well-known/jwks.json': {
        get: { tags: ['snapshot'], operationId: 'jwks', responses: { '200': json('Public signing keys (not retired)', ref('Jwks')), ...common } },
      },
      '/openapi.json': { get: { operationId: 'openapi', responses: { '200': json('This document', { type: 'object' }) } } },
      '/v1/enterprises/{uscc}': {
        get: {
          tags: ['lookup'],
          operationId: 'enterprise',
          parameters: [pathParam('uscc', 'Unified social credit code')],
          responses: {
            '200': json('The enterprise with its evaluations, stores and sanctions', {
              type: 'object',
              properties: { enterprise: ref('Enterprise'), evaluations: { type: 'array', items: ref('Evaluation') }, stores: { type: 'array', items: ref('Store') }, sanctions: { type: 'array', items: ref('Sanction') } },
            }),
            '404': problemResponse('Unknown'),
            ...common,
          },
        },
      },
      '/v1/evaluations/{id}': {
        get: {
          tags: ['lookup'],
          operationId: 'evaluation',
          parameters: [pathParam('id', 'Certificate or declaration number')],
          responses: {
            '200': json('The evaluation, its current state and standard', {
              type: 'object',
              properties: { evaluation: ref('Evaluation'), state: { type: 'string' }, standard: { oneOf: [ref('Standard'), { type: 'null' }] }, enterprise: { oneOf: [ref('Enterprise'), { type: 'null' }] } },
            }),
            '404': problemResponse('Unknown'),
            ...common,
          },
        },
      },
      '/v1/standards/{code}': {
        get: {
          tags: ['lookup'],
          operationId: 'standard',
          parameters: [pathParam('code', 'T/ZZB NNNN-YYYY, URL-encoded')],
          responses: {
            '200': json('The standard and its successor', { type: 'object', properties: { standard: ref('Standard'), successor: { oneOf: [ref('Standard'), { type: 'null' }] } } }),
            '400': problemResponse('Not a standard code'),
            '404': problemResponse('Unknown'),
            ...common,
          },
        },
      },
      '/v1/stores/{platform}/{shopId}': {
        get: {
          tags: ['lookup'],
          operationId: 'store',
          parameters: [pathParam('platform', 'Platform', { type: 'string', enum: [...PLATFORMS] }), pathParam('shopId', 'Shop id')],
          responses: {
            '200': json('The store', { type: 'object', properties: { store: ref('Store'), enterprise: { oneOf: [ref('Enterprise'), { type: 'null' }] }, listings: { type: 'integer' } } }),
            '404': problemResponse('Unknown'),
            ...common,
          },
        },
      },
      '/v1/deltas/{sequence}': {
        get: {
          tags: ['snapshot'],
          operationId: 'delta',
          summary: 'The signed delta that takes a client from sequence - 1 to sequence',
          parameters: [{ name: 'sequence', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } }],
          responses: {
            '200': { description: 'The signed delta (`application/vnd.zjmade.delta`; open with openDelta of @zjmade/sdk/delta)', headers: { 'X-Zjmade-Base': { schema: { type: 'integer' } }, ETag: { schema: { type: 'string' } } }, content: { 'application/vnd.zjmade.delta': { schema: { type: 'string', format: 'binary' } } } },
            '400': problemResponse('Not a sequence number'),
            '404': problemResponse('Not kept (or not published): fetch the full snapshot'),
            ...common,
          },
        },
      },
      '/v1/adapters': {
        get: {
          tags: ['snapshot'],
          operationId: 'adapters',
          summary: 'The signed adapter document (selectors and placement per marketplace) for the browser extension',
          responses: {
            '200': json('`{ kid, payload, sig }`: base64url JSON payload, Ed25519 over "zjmade-adapters/1\\n" + payload', { type: 'object', required: ['kid', 'payload', 'sig'], properties: { kid: { type: 'string' }, payload: { type: 'string' }, sig: { type: 'string' } } }),
            '404': problemResponse('None published: the extension uses its built-in adapters'),
            ...common,
          },
        },
      },
      '/v1/changes': {
        get: {
          tags: ['snapshot'],
          operationId: 'changes',
          summary: 'The change log: records changed after a log position, in commit order',
          parameters: [
            { name: 'since', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 }, description: 'Log position already seen (`next` or `latest` of an earlier answer)' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 500 } },
            { name: 'records', in: 'query', schema: { enum: ['true', 'false'], default: 'true' }, description: 'Include each record as it is now' },
          ],
          responses: {
            '200': json('A page of changes', {
              type: 'object',
              required: ['changes', 'next', 'more', 'latest'],
              properties: {
                changes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['seq', 'at', 'entity', 'key', 'op'],
                    properties: {
                      seq: { type: 'integer' },
                      at: { type: 'string' },
                      entity: { enum: ['meta', 'enterprise', 'standard', 'evaluation', 'store', 'binding', 'sanction'] },
                      key: { type: 'string' },
                      op: { enum: ['upsert', 'remove'] },
                      record: { description: 'The record as it is now; null once removed' },
                    },
                  },
                },
                next: { type: 'integer' },
                more: { type: 'boolean' },
                latest: { type: 'integer' },
              },
            }),
            '400': problemResponse('Invalid query'),
            ...common,
          },
        },
      },
      '/v1/listings/{key}': {
        get: {
          tags: ['lookup'],
          operationId: 'listing',
          parameters: [pathParam('key', 'Listing key ({space}:item:{id}) or URL-encoded listing URL')],
          responses: {
            '200': json('The binding and the current verdict', { type: 'object', properties: { key: { type: 'string' }, binding: ref('ListingBinding'), store: { oneOf: [ref('Store'), { type: 'null' }] }, verdict: ref('Verdict') } }),
            '400': problemResponse('Not a listing key'),
            '404': problemResponse('No binding'),
            ...common,
          },
        },
      },
      '/v1/reports': {
        post: {
          tags: ['reports'],
          operationId: 'report',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReportRequest') } } },
          description:
            'Limited per client (IPv6 per /64, IPv4-mapped as IPv4) and across all clients together; both answer 429 with Retry-After. A report with the same listing key, reason and note as one stored in the last 24 h is counted against that one (200, `duplicate: true`) and not stored again.',
          responses: {
            '201': json('Recorded', { type: 'object', required: ['id', 'duplicate'], properties: { id: { type: 'string' }, duplicate: { const: false } } }),
            '200': json('An identical report was recorded in the last 24 h: counted against it, nothing new stored', {
              type: 'object',
              required: ['id', 'duplicate', 'duplicates'],
              properties: { id: { type: 'string', description: 'The earlier report' }, duplicate: { const: true }, duplicates: { type: 'integer', description: 'Duplicates counted against it so far' } },
            }),
            '400': problemResponse('Invalid'),
            '413': problemResponse('Body over 8 KiB'),
            '429': problemResponse('Too many reports from this client, or from all clients together (see Retry-After and `detail`)'),
          },
        },
      },
      '/v1/admin/evaluations/{id}/status': {
        post: {
          ...admin,
          operationId: 'setEvaluationStatus',
          parameters: [pathParam('id', 'Evaluation id')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('StatusRequest') } } },
          responses: { '200': changed({ type: 'object', properties: { evaluation: ref('Evaluation') } }), '400': problemResponse('Invalid'), '404': problemResponse('Unknown evaluation'), ...adminErrors },
        },
      },
      '/v1/admin/stores/{platform}/{shopId}': {
        put: {
          ...admin,
          operationId: 'bindStore',
          parameters: [pathParam('platform', 'Platform', { type: 'string', enum: [...PLATFORMS] }), pathParam('shopId', 'Shop id')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('StoreRequest') } } },
          responses: { '200': changed({ type: 'object', properties: { store: ref('Store') } }), '400': problemResponse('Invalid'), '422': problemResponse('Unknown enterprise'), ...adminErrors },
        },
        delete: {
          ...admin,
          operationId: 'unbindStore',
          parameters: [pathParam('platform', 'Platform', { type: 'string', enum: [...PLATFORMS] }), pathParam('shopId', 'Shop id')],
          responses: { '200': changed({ type: 'object', properties: { removed: { type: 'string' }, listingsRemoved: { type: 'integer' } } }), '404': problemResponse('Unknown store'), ...adminErrors },
        },
      },
      '/v1/admin/listings/{key}': {
        put: {
          ...admin,
          operationId: 'bindListing',
          parameters: [pathParam('key', 'Item key {space}:item:{id}')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ListingRequest') } } },
          responses: { '200': changed({ type: 'object', properties: { binding: ref('ListingBinding') } }), '400': problemResponse('Invalid'), '422': problemResponse('Unknown store or evaluation'), ...adminErrors },
        },
        delete: {
          ...admin,
          operationId: 'unbindListing',
          parameters: [pathParam('key', 'Item key')],
          responses: { '200': changed({ type: 'object', properties: { removed: { type: 'string' } } }), '404': problemResponse('No binding'), ...adminErrors },
        },
      },
      '/v1/admin/sanctions': {
        post: {
          ...admin,
          operationId: 'addSanction',
          requestBody: { required: true, content: { 'application/json': { schema: ref('SanctionRequest') } } },
          responses: { '201': changed({ type: 'object', properties: { sanction: ref('Sanction') } }), '400': problemResponse('Invalid'), '422': problemResponse('Unknown enterprise'), ...adminErrors },
        },
      },
      '/v1/coverage/{uscc}': {
        get: {
          tags: ['coverage'],
          operationId: 'coverage',
          description:
            'Brand-owner coverage (`registryCoverage` of @zjmade/sdk/coverage) over the listings the registry binds to the enterprise\'s stores: backed, unbound, renewals, lapsed, forgotten stores. Admin token or a token issued to this enterprise.',
          security: [{ adminToken: [] }, { enterpriseToken: [] }],
          parameters: [pathParam('uscc', 'Unified social credit code'), { name: 'at', in: 'query', description: 'ISO instant or YYYY-MM-DD; default now', schema: { type: 'string' } }],
          responses: {
            '200': json('The coverage report', ref('CoverageReport')),
            '400': problemResponse('Invalid USCC or `at`'),
            '401': problemResponse('Missing, unknown, revoked or expired token'),
            '403': problemResponse('The token belongs to another enterprise'),
            '404': problemResponse('Unknown enterprise'),
            '429': problemResponse('Too many wrong tokens from this client: every token waits for Retry-After'),
            '503': problemResponse('No snapshot published yet'),
          },
        },
      },
      '/v1/admin/enterprises/{uscc}/tokens': {
        post: {
          ...admin,
          operationId: 'createEnterpriseToken',
          description:
            'Issues a bearer token for the enterprise (its coverage). The token is in this response only (`Cache-Control: no-store`); the registry keeps its SHA-256. It expires after `expiresIn` seconds or at `expiresAt`, by default in 90 days, at most in 365.',
          parameters: [pathParam('uscc', 'Unified social credit code')],
          requestBody: { required: false, content: { 'application/json': { schema: ref('TokenRequest') } } },
          responses: {
            '201': json('The new token', {
              type: 'object',
              required: ['id', 'uscc', 'token', 'createdAt', 'expiresAt'],
              properties: { id: { type: 'string' }, uscc: { type: 'string' }, token: { type: 'string' }, label: { type: 'string' }, createdAt: { type: 'string' }, expiresAt: { type: 'string' } },
            }),
            '400': problemResponse('Invalid, or an expiry under a minute or over 365 days away'),
            '404': problemResponse('Unknown enterprise'),
            ...adminErrors,
          },
        },
        get: {
          ...admin,
          operationId: 'listEnterpriseTokens',
          description: 'The enterprise\'s tokens, active, expired and revoked; never the secrets.',
          parameters: [pathParam('uscc', 'Unified social credit code')],
          responses: { '200': json('Tokens, oldest first', { type: 'object', properties: { items: { type: 'array', items: ref('TokenInfo') } } }), '400': problemResponse('Invalid USCC'), '404': problemResponse('Unknown enterprise'), ...adminErrors },
        },
      },
      '/v1/admin/enterprises/{uscc}/tokens/{id}': {
        delete: {
          ...admin,
          operationId: 'revokeEnterpriseToken',
          description: 'Revokes a token at once (audited). Revoking a revoked token answers 200 with it unchanged.',
          parameters: [pathParam('uscc', 'Unified social credit code'), pathParam('id', 'Token id (tok_…)')],
          responses: { '200': json('The revoked token', { type: 'object', properties: { token: ref('TokenInfo') } }), '400': problemResponse('Invalid USCC'), '404': problemResponse('No such token for this enterprise'), ...adminErrors },
        },
      },
      '/v1/admin/publish': {
        post: { ...admin, operationId: 'publish', responses: { '200': changed({ type: 'object' }), ...adminErrors } },
      },
      '/v1/admin/reports': {
        get: { ...admin, operationId: 'listReports', parameters: page, responses: { '200': json('Reports, newest first', { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('Report') } } }), ...adminErrors } },
      },
      '/v1/admin/audit': {
        get: { ...admin, operationId: 'listAudit', parameters: page, responses: { '200': json('Audit log, newest first', { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('AuditEntry') } } }), ...adminErrors } },
      },
    },
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'ZJMADE_ADMIN_TOKEN' },
        enterpriseToken: { type: 'http', scheme: 'bearer', description: 'A token issued to one enterprise by POST /v1/admin/enterprises/{uscc}/tokens' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', description: 'JSON Pointer' }, message: { type: 'string' } } } },
          },
        },
        Health: {
          type: 'object',
          properties: {
            status: { enum: ['ok', 'degraded', 'no-snapshot'] },
            sample: { type: ['boolean', 'null'] },
            snapshot: { oneOf: [ref('SnapshotRef'), { type: 'null' }] },
            publishing: {
              type: 'object',
              properties: {
                state: { enum: ['ok', 'degraded', 'failing'] },
                unpublished: { type: 'boolean' },
                problems: { type: 'array', items: { type: 'object', properties: { record: { type: 'string' }, field: { type: 'string' }, value: { type: 'string' }, action: { type: 'string' } } } },
                lastSuccessAt: { type: ['string', 'null'] },
                lastFailure: { oneOf: [{ type: 'null' }, { type: 'object', properties: { at: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } }] },
                retryAt: { type: ['string', 'null'] },
              },
            },
          },
        },
        SnapshotRef: { type: 'object', required: ['sequence', 'issuedAt'], properties: { sequence: { type: 'integer' }, issuedAt: { type: 'string' }, expiresAt: { type: 'string' } } },
        ListingInput: {
          oneOf: [
            { type: 'string', maxLength: 4096, description: 'URL or share text' },
            { type: 'object', required: ['key'], additionalProperties: false, properties: { key: { type: 'string' }, text: { type: 'string', maxLength: 2000 } } },
            { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string' }, text: { type: 'string', maxLength: 2000 } } },
          ],
        },
        VerifyRequest: {
          type: 'object',
          required: ['listings'],
          additionalProperties: false,
          properties: { listings: { type: 'array', maxItems: MAX_BATCH, items: ref('ListingInput') }, at: { type: 'string', description: 'ISO instant or YYYY-MM-DD' } },
        },
        VerifyResponse: { type: 'object', required: ['results', 'snapshot'], properties: { results: { type: 'array', items: ref('Verdict') }, snapshot: ref('SnapshotRef') } },
        Verdict: {
          type: 'object',
          required: ['key', 'status', 'claim', 'evidence', 'at', 'source'],
          properties: {
            key: { type: ['string', 'null'] },
            ref: { type: ['object', 'null'] },
            status: { type: 'string', enum: ['verified', 'store-only', 'expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned', 'not-found', 'unknown'] },
            claim: { type: 'string', enum: ['none', 'backed', 'unbacked'] },
            claims: { type: 'array', items: { type: 'string' } },
            reason: { type: 'string' },
            detail: { type: 'string' },
            evidence: { type: 'object' },
            at: { type: 'string' },
            source: { type: 'object' },
          },
        },
        Jwks: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object', required: ['kty', 'crv', 'x', 'kid'], properties: { kty: { const: 'OKP' }, crv: { const: 'Ed25519' }, x: { type: 'string' }, kid: { type: 'string' }, alg: { const: 'EdDSA' }, use: { const: 'sig' } } } } } },
        Enterprise: { type: 'object', required: ['uscc', 'name', 'region'], properties: { uscc: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' }, region: { type: 'string' } } },
        Standard: { type: 'object', required: ['code', 'title', 'issuer', 'status'], properties: { code: { type: 'string' }, title: { type: 'string' }, titleEn: { type: 'string' }, issuer: { type: 'string' }, status: { type: 'string', enum: ['current', 'superseded', 'withdrawn'] }, successor: { type: 'string' } } },
        Evaluation: {
          type: 'object',
          required: ['id', 'route', 'brand', 'uscc', 'products', 'standard', 'issued', 'expires', 'history'],
          properties: {
            id: { type: 'string' },
            route: { type: 'string', enum: ['certification', 'self-declaration'] },
            brand: { type: 'string' },
            uscc: { type: 'string' },
            products: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, model: { type: 'string' }, category: { type: 'string' } } } },
            standard: { type: 'string' },
            body: { type: 'string' },
            rule: { type: 'string' },
            issued: date,
            expires: date,
            coMarks: { type: 'array', items: { type: 'string' } },
            history: { type: 'array', items: { type: 'object', properties: { status: { type: 'string' }, at: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
        Store: { type: 'object', required: ['platform', 'shopId', 'key', 'name', 'uscc', 'role', 'since'], properties: { platform: { type: 'string', enum: [...PLATFORMS] }, shopId: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, uscc: { type: 'string' }, role: { type: 'string', enum: ['official-flagship', 'authorised'] }, since: date, until: date } },
        ListingBinding: { type: 'object', required: ['key', 'store'], properties: { key: { type: 'string' }, store: { type: 'string' }, evaluationId: { type: 'string' }, since: date, until: date } },
        Sanction: { type: 'object', required: ['id', 'uscc', 'kind', 'from'], properties: { id: { type: 'string' }, uscc: { type: 'string' }, kind: { type: 'string' }, reason: { type: 'string' }, from: date, until: date } },
        Report: { type: 'object', required: ['id', 'listing', 'reason', 'at'], properties: { id: { type: 'string' }, listing: { type: 'string' }, key: { type: 'string' }, reason: { type: 'string', enum: [...REPORT_REASONS] }, note: { type: 'string' }, at: { type: 'string' } } },
        ReportRequest: { type: 'object', required: ['listing', 'reason'], additionalProperties: false, properties: { listing: { type: 'string', maxLength: 2048 }, reason: { type: 'string', enum: [...REPORT_REASONS] }, note: { type: 'string', maxLength: 1000 } } },
        StatusRequest: { type: 'object', required: ['status', 'reason'], additionalProperties: false, properties: { status: { type: 'string', enum: ['suspended', 'withdrawn', 'cancelled', 'valid'] }, reason: { type: 'string', maxLength: 1000 }, effectiveAt: { type: 'string', format: 'date-time' } } },
        StoreRequest: { type: 'object', required: ['uscc', 'name', 'role', 'since'], additionalProperties: false, properties: { uscc: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, role: { type: 'string', enum: ['official-flagship', 'authorised'] }, since: date, until: date } },
        ListingRequest: { type: 'object', required: ['store'], additionalProperties: false, properties: { store: { type: 'string' }, evaluationId: { type: 'string' }, since: date, until: date } },
        SanctionRequest: { type: 'object', required: ['uscc', 'kind', 'from'], additionalProperties: false, properties: { id: { type: 'string' }, uscc: { type: 'string' }, kind: { type: 'string', enum: ['quality-dishonesty-blacklist', 'mark-misuse', 'other'] }, reason: { type: 'string' }, from: date, until: date } },
        TokenRequest: {
          type: 'object',
          additionalProperties: false,
          properties: {
            label: { type: 'string', maxLength: 200 },
            expiresIn: { type: 'integer', minimum: 60, maximum: 31_536_000, description: 'Seconds from now' },
            expiresAt: { type: 'string', format: 'date-time', description: 'Not with expiresIn' },
          },
        },
        TokenInfo: {
          type: 'object',
          required: ['id', 'uscc', 'createdAt', 'expiresAt', 'state'],
          properties: {
            id: { type: 'string' },
            uscc: { type: 'string' },
            label: { type: 'string' },
            createdAt: { type: 'string' },
            expiresAt: { type: 'string' },
            revokedAt: { type: 'string' },
            state: { enum: ['active', 'expired', 'revoked'] },
          },
        },
        CoverageReport: {
          type: 'object',
          description: 'CoverageReport of @zjmade/sdk/coverage',
          required: ['uscc', 'at', 'date', 'totals', 'backed', 'unbound', 'renewals', 'lapsed', 'forgottenStores'],
          properties: { uscc: { type: 'string' }, enterprise: ref('Enterprise'), at: { type: 'string' }, date: date, totals: { type: 'object' }, backed: { type: 'object' }, unbound: { type: 'array' }, renewals: { type: 'object' }, lapsed: { type: 'array' }, forgottenStores: { type: ['array', 'null'] }, attention: { type: 'array', items: { type: 'string' } } },
        },
        AuditEntry: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, target: { type: 'string' }, before: {}, after: {} } },
      },
    },
  };
  return cached;
}
