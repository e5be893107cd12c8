import { z } from '@hono/zod-openapi';
import type { DatasetMeta as MetaType, Evaluation as EvaluationType, ListingBinding as BindingType, Report as ReportType, TrustedKey } from '@zjmade/sdk';
import type { CoverageReport as CoverageType } from '@zjmade/sdk/coverage';
import type { PublishProblem } from '../domain/publishable.js';
import type { PublishHealth } from '../service.js';
import type { AuditEntry as AuditType } from '../store/audit.js';
import { type ChangeEntry as ChangeType, LOGGED_ENTITIES } from '../store/change-log.js';
import type { IssuedToken as IssuedType, TokenInfo as TokenInfoType } from '../store/tokens.js';
import { EVALUATION_ROUTES, LISTING_KINDS, REPORT_REASONS, STORE_ROLES } from '@zjmade/sdk/publisher';
import {
  enterpriseSchema,
  evaluationSchema,
  listingRefSchema,
  platformSchema,
  sanctionSchema,
  standardSchema,
  storeSchema,
  verdictSchema,
  verdictSourceSchema,
  verdictStatusSchema,
} from './verify-schemas.js';

// C's verify-schemas.ts builds with plain zod, possibly before @hono/zod-openapi has extended it,
// so those are named with zod's own `.meta({ id })`, which the generator also reads.

/**
 * The answers' schemas, typed all the way down: they name the document's components, and the
 * drift checks at the end make tsc fail when one stops describing what the registry sends.
 */

/**
 * `schema | null`. The generator drops the null of `.nullable()` on a named (referenced) schema,
 * so a union says it: `anyOf: [{$ref}, {type: null}]`.
 */
export const orNull = <S extends z.ZodType>(schema: S) => z.union([schema, z.null()]);

export const Enterprise = enterpriseSchema.meta({ id: 'Enterprise' });
export const Standard = standardSchema.meta({ id: 'Standard' });
export const Evaluation = evaluationSchema.meta({ id: 'Evaluation' });
export const Store = storeSchema.meta({ id: 'Store' });
export const Sanction = sanctionSchema.meta({ id: 'Sanction' });
export const ListingRef = listingRefSchema.meta({ id: 'ListingRef' });
export const VerdictSource = verdictSourceSchema.meta({ id: 'VerdictSource' });
export const Verdict = verdictSchema.meta({ id: 'Verdict' });

export const ListingBinding = z
  .object({ key: z.string(), store: z.string(), evaluationId: z.string().optional(), since: z.string().optional(), until: z.string().optional() })
  .openapi('ListingBinding');

export const Report = z
  .object({ id: z.string(), listing: z.string(), key: z.string().optional(), reason: z.enum(REPORT_REASONS), note: z.string().optional(), at: z.string() })
  .openapi('Report');

export const SnapshotRef = z.object({ sequence: z.number().int(), issuedAt: z.string(), expiresAt: z.string().optional() }).openapi('SnapshotRef');

const publishProblem = z.object({
  record: z.string(),
  field: z.string(),
  value: z.string(),
  action: z.enum(['left-out', 'treated-as-open-ended', 'treated-as-in-force-since-domain-start']),
});

const publishHealth = z.object({
  state: z.enum(['ok', 'degraded', 'failing']),
  problems: z.array(publishProblem),
  unpublished: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), message: z.string(), code: z.string() }).nullable(),
  retryAt: z.string().nullable(),
});

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded', 'no-snapshot']),
    sample: z.boolean().nullable(),
    snapshot: orNull(SnapshotRef),
    publishing: publishHealth,
  })
  .openapi('Health');

export const Jwks = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string(),
        kid: z.string(),
        alg: z.literal('EdDSA').optional(),
        use: z.literal('sig').optional(),
        notBefore: z.string().optional(),
        notAfter: z.string().optional(),
      }),
    ),
  })
  .openapi('Jwks');

export const SignedPointer = z
  .object({
    payload: z.string().openapi({ description: 'JSON {type: "zjmade.latest", v: 1, sequence, sha256, issuedAt}' }),
    kid: z.string(),
    sig: z.string().regex(/^[0-9a-f]{128}$/),
  })
  .openapi('SignedPointer');

/** Any JSON value: what an audit row's before/after hold (records, histories, token facts). */
// Not z.json(): its recursive schema makes openapi-typescript emit a type that refers to itself.
export const JsonValue = z.any().openapi('JsonValue', { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] });

export const AuditEntry = z
  .object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), target: z.string(), before: JsonValue, after: JsonValue })
  .openapi('AuditEntry');

export const TokenInfo = z
  .object({
    id: z.string(),
    uscc: z.string(),
    label: z.string().optional(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().optional(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('TokenInfo');

export const IssuedToken = z
  .object({
    id: z.string(),
    uscc: z.string(),
    token: z.string().openapi({ description: 'The secret: in this answer only' }),
    label: z.string().optional(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('IssuedToken');

const DatasetMeta = z
  .object({ name: z.string(), sample: z.boolean(), generatedAt: z.string(), seed: z.number().optional(), scale: z.number().optional(), note: z.string().optional() })
  .openapi('DatasetMeta');

export const ChangeEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    entity: z.enum(LOGGED_ENTITIES),
    key: z.string(),
    op: z.enum(['upsert', 'remove']),
    record: z
      .union([Enterprise, Standard, Evaluation, Store, ListingBinding, Sanction, DatasetMeta, z.null()])
      .optional()
      .openapi({ description: 'The record as it is now; null once removed (absent with records=false)' }),
  })
  .openapi('ChangeEntry');

export const ChangesPage = z
  .object({ changes: z.array(ChangeEntry), next: z.number().int(), more: z.boolean(), latest: z.number().int() })
  .openapi('ChangesPage');

export const page = <S extends z.ZodType>(item: S) => z.object({ total: z.number().int(), items: z.array(item) });

/** The committed-and-published part of every admin change's answer (see change-answer.ts). */
export const changed = <S extends z.ZodRawShape>(shape: S) =>
  z.object({
    ...shape,
    committed: z.literal(true),
    // The sequence that publishes the change; null when publishing failed (then see `publishing`).
    snapshot: orNull(SnapshotRef),
    publishing: z
      .object({ state: z.literal('failing'), code: z.string(), detail: z.string(), retryAt: z.string().nullable() })
      .optional()
      .openapi({ description: 'Present when publishing failed; it is retried' }),
  });

// Coverage (registryCoverage of @zjmade/sdk/coverage): every top-level field.
const coverageEntry = z.object({
  row: z.number().int().optional(),
  listing: z.string(),
  key: z.string(),
  platform: platformSchema,
  kind: z.enum(LISTING_KINDS),
  url: z.string(),
  title: z.string().optional(),
  status: verdictStatusSchema,
  store: z.string().optional(),
  storeName: z.string().optional(),
  evaluationId: z.string().optional(),
  standard: z.string().optional(),
  expires: z.string().optional(),
});
const breakdown = z.object({
  id: z.string(),
  label: z.string(),
  platform: platformSchema,
  listings: z.number(),
  backed: z.number(),
  unbound: z.number(),
  lapsed: z.number(),
  notOurs: z.number(),
  unbackedClaims: z.number(),
  coverage: z.number(),
});
export const CoverageReport = z
  .object({
    uscc: z.string(),
    enterprise: Enterprise.optional(),
    at: z.string(),
    date: z.string(),
    windows: z.array(z.number()),
    source: VerdictSource,
    sample: z.boolean(),
    totals: z.object({
      rows: z.number(),
      invalid: z.number(),
      duplicates: z.number(),
      listings: z.number(),
      ours: z.number(),
      backed: z.number(),
      unbound: z.number(),
      lapsed: z.number(),
      unbackedClaims: z.number(),
      notOurs: z.number(),
      forgottenStores: z.number(),
      renewals: z.record(z.string(), z.number()),
      coverage: z.number(),
    }),
    backed: z.object({
      listings: z.array(coverageEntry),
      byEvaluation: z.array(
        z.object({
          evaluationId: z.string(),
          standard: z.string(),
          route: z.enum(EVALUATION_ROUTES),
          expires: z.string(),
          products: z.array(z.string()),
          listings: z.number(),
        }),
      ),
      byStandard: z.array(z.object({ standard: z.string(), title: z.string().optional(), evaluations: z.number(), listings: z.number() })),
    }),
    unbound: z.array(coverageEntry),
    renewals: z.object({
      listings: z.array(coverageEntry.extend({ evaluationId: z.string(), expires: z.string(), daysLeft: z.number(), window: z.number() })),
      evaluations: z.array(
        z.object({
          evaluationId: z.string(),
          standard: z.string(),
          expires: z.string(),
          daysLeft: z.number(),
          window: z.number(),
          listings: z.number(),
          registryListings: z.number().optional(),
        }),
      ),
    }),
    lapsed: z.array(
      coverageEntry.extend({ status: z.enum(['expired', 'suspended', 'withdrawn', 'cancelled', 'sanctioned']), since: z.string().optional(), reason: z.string().optional() }),
    ),
    unbackedClaims: z.array(coverageEntry.extend({ claims: z.array(z.string()), ours: z.boolean() })),
    notOurs: z.array(coverageEntry.extend({ reason: z.enum(['other-enterprise', 'unknown']), storeUscc: z.string().optional() })),
    forgottenStores: z
      .array(
        z.object({
          store: z.string(),
          platform: platformSchema,
          shopId: z.string(),
          name: z.string(),
          role: z.enum(STORE_ROLES),
          url: z.string().optional(),
          registryListings: z.number().optional(),
        }),
      )
      .nullable(),
    invalid: z.array(z.object({ row: z.number().int().optional(), listing: z.string(), reason: z.string() })),
    duplicates: z.array(z.object({ row: z.number().int().optional(), listing: z.string(), key: z.string(), firstRow: z.number().int().optional() })),
    shops: z.array(coverageEntry),
    platforms: z.array(breakdown),
    stores: z.array(breakdown),
    timeline: z.array(z.object({ month: z.string(), evaluations: z.array(z.string()), listings: z.number() })),
    attention: z.array(z.string()),
    needsAttention: z.boolean(),
    limits: z.array(z.string()),
  })
  .openapi('CoverageReport');

// Drift checks: tsc fails when a schema and the type of what the registry sends part ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const drift: [
  Same<z.infer<typeof CoverageReport>, CoverageType>,
  Same<z.infer<typeof ListingBinding>, BindingType>,
  Same<z.infer<typeof Report>, ReportType>,
  Same<z.infer<typeof Evaluation>, EvaluationType>,
  Same<z.infer<typeof TokenInfo>, TokenInfoType>,
  Same<z.infer<typeof IssuedToken>, IssuedType>,
  Same<Omit<z.infer<typeof ChangeEntry>, 'record'>, ChangeType>,
  Same<z.infer<typeof publishProblem>, PublishProblem>,
  Same<z.infer<typeof DatasetMeta>, MetaType>,
  Same<z.infer<typeof publishHealth>, PublishHealth>,
  Same<Omit<z.infer<typeof AuditEntry>, 'before' | 'after'>, Omit<AuditType, 'before' | 'after'>>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void drift;
// Jwks keys are the SDK's TrustedKey (whose optional fields the schema lists).
const jwksFits: [z.infer<typeof Jwks>['keys'][number]] extends [TrustedKey] ? true : false = true;
void jwksFits;
