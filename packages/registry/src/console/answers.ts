import { z } from '@hono/zod-openapi';
import { REPORT_REASONS, STORE_ROLES } from '@zjmade/sdk/publisher';
import { ROLES } from '../accounts/roles.js';
import { AuditEntry, Evaluation, Health, Jwks, ListingBinding, orNull, Sanction, Store } from '../http/answer-schemas.js';
import { platformSchema } from '../http/verify-schemas.js';
import type { ConsoleService } from '../services/console-service.js';
import { TRIAGE_STATES } from '../store/report-triage.js';

/**
 * The console's answers (routes.ts), typed member by member so /openapi.json describes each one
 * all the way down. The drift checks at the end make tsc fail when a schema stops describing what
 * the console service returns.
 */

const paged = { limit: z.number().int(), offset: z.number().int() };
const count = z.number().int().min(0);

/** What every publishing write adds to its answer (services/console-service.ts `publish`). */
const published = {
  committed: z.literal(true),
  snapshot: orNull(z.object({ sequence: z.number().int(), issuedAt: z.string() })).openapi({ description: 'The sequence that publishes the change; null when publishing failed (then see `publishing`)' }),
  publishing: z
    .object({ state: z.literal('failing'), code: z.string(), retryAt: z.string().nullable() })
    .optional()
    .openapi({ description: 'Present when publishing failed; it is retried' }),
};

export const ConsoleMe = z
  .object({
    account: z.object({ id: z.string(), email: z.string(), role: z.enum(ROLES), uscc: z.string().nullable(), via: z.enum(['session', 'admin-token']), actor: z.string() }),
    can: z.object({ read: z.boolean(), triage: z.boolean(), reviewClaims: z.boolean(), changeCatalogue: z.boolean(), keys: z.boolean(), people: z.boolean(), imports: z.boolean() }),
  })
  .openapi('ConsoleMe');

// Imports
const previewRow = z.object({ row: z.number().int(), id: z.string() });
const Preview = z
  .object({
    rows: count,
    counts: z.object({ new: count, changed: count, unchanged: count, bad: count }),
    rowsByKind: z.object({ new: z.array(previewRow), changed: z.array(previewRow), unchanged: z.array(previewRow) }),
    bad: z.array(z.object({ row: z.number().int(), reason: z.string() })),
    notices: z.array(z.object({ row: z.number().int(), id: z.string(), message: z.string() })),
  })
  .openapi('ConsoleImportPreview');
export const ConsoleImportJob = z
  .object({
    id: z.string(),
    fileName: z.string(),
    state: z.enum(['reading', 'ready', 'committing', 'committed', 'failed']),
    rowsRead: count,
    createdAt: z.string(),
    expiresAt: z.string(),
    preview: orNull(Preview),
    result: z.object({ imported: count, auditId: z.number().int() }).nullable(),
    error: z.string().nullable(),
  })
  .openapi('ConsoleImportJob');
export const ConsoleImportCommit = z
  .object({
    committed: z.boolean().openapi({ description: 'false: the database changed since the dry run; `job.preview` is the new one to confirm' }),
    changedSinceDryRun: z.boolean(),
    job: ConsoleImportJob,
    snapshot: orNull(z.object({ sequence: z.number().int(), issuedAt: z.string() })).optional().openapi({ description: 'When committed: the sequence that publishes it (null: publishing failed)' }),
    publishing: published.publishing,
  })
  .openapi('ConsoleImportCommit');
export const ConsoleImportDiscarded = z.object({ discarded: z.string() }).openapi('ConsoleImportDiscarded');

// Evaluations
const NamedEvaluation = Evaluation.extend({ enterpriseName: z.string().nullable() });
const affects = z.object({ listings: count, stores: count });
export const ConsoleEvaluations = z.object({ total: count, items: z.array(NamedEvaluation), ...paged }).openapi('ConsoleEvaluations');
export const ConsoleEvaluation = z.object({ evaluation: NamedEvaluation, history: Evaluation.shape.history, affects }).openapi('ConsoleEvaluation');
export const ConsoleEvaluationAffected = z
  .object({ listings: count, stores: z.array(z.string()), items: z.array(ListingBinding), ...paged })
  .openapi('ConsoleEvaluationAffected');
export const ConsoleEvaluationStatus = z.object({ evaluation: Evaluation, affects, ...published }).openapi('ConsoleEvaluationStatus');

// Store claims
const Claim = z
  .object({
    id: z.string(),
    uscc: z.string(),
    storeKey: z.string(),
    platform: platformSchema,
    shopId: z.string(),
    url: z.string(),
    name: z.string(),
    role: z.enum(STORE_ROLES),
    state: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
    reason: z.string().nullable(),
    claimant: z.string(),
    reviewer: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    evidence: z.object({ fileName: z.string(), mediaType: z.enum(['image/png', 'image/jpeg', 'application/pdf']), size: count, sha256: z.string() }).nullable(),
  })
  .openapi('ConsoleClaim');
export const ConsoleClaims = z.object({ items: z.array(Claim), ...paged }).openapi('ConsoleClaims');
export { Claim as ConsoleClaim };
export const ConsoleClaimDecision = z
  .object({
    claim: Claim,
    store: orNull(Store),
    committed: z.literal(true).optional(),
    snapshot: orNull(z.object({ sequence: z.number().int(), issuedAt: z.string() })).optional().openapi({ description: 'On approval: the sequence that publishes it (null: publishing failed)' }),
    publishing: published.publishing,
  })
  .openapi('ConsoleClaimDecision');

// Reports triage
const TriagedReport = z
  .object({
    id: z.string(),
    listing: z.string(),
    key: z.string().nullable(),
    platform: z.string().nullable(),
    store: z.string().nullable(),
    reason: z.enum(REPORT_REASONS),
    note: z.string().nullable(),
    at: z.string(),
    duplicates: count,
    state: z.enum(TRIAGE_STATES),
    duplicateOf: z.string().nullable(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('ConsoleReport');
export const ConsoleReports = z.object({ total: count, items: z.array(TriagedReport), ...paged }).openapi('ConsoleReports');
const states = z.object(Object.fromEntries(TRIAGE_STATES.map((s) => [s, count.optional()])) as Record<(typeof TRIAGE_STATES)[number], z.ZodOptional<typeof count>>);
export const ConsoleReportGroups = z
  .object({
    by: z.enum(['listing', 'store']),
    total: count,
    items: z.array(z.object({ key: z.string().nullable(), reports: count, total: count, firstSeen: z.string(), lastSeen: z.string(), states })),
    ...paged,
  })
  .openapi('ConsoleReportGroups');
export const ConsoleReportDetail = z
  .object({ report: TriagedReport, notes: z.array(z.object({ note: z.string(), actor: z.string(), at: z.string() })) })
  .openapi('ConsoleReportDetail');
export const ConsoleTriage = z
  .object({
    updated: count,
    state: z.enum(TRIAGE_STATES),
    sanctionId: z.string().nullable(),
    items: z.array(TriagedReport),
    committed: z.literal(true).optional(),
    snapshot: orNull(z.object({ sequence: z.number().int(), issuedAt: z.string() })).optional().openapi({ description: 'With a sanction: the sequence that publishes it (null: publishing failed)' }),
    publishing: published.publishing,
  })
  .openapi('ConsoleTriage');

// Sanctions
const ConsoleSanctionEntry = Sanction.extend({
  source: z.string().max(256).optional().openapi({ description: 'The source document (文号 or link) the entry rests on' }),
});
export const ConsoleSanctions = z.object({ total: count, items: z.array(ConsoleSanctionEntry), ...paged }).openapi('ConsoleSanctions');
export const ConsoleSanctionChange = z.object({ sanction: ConsoleSanctionEntry, ...published }).openapi('ConsoleSanctionChange');

// Audit
export const ConsoleAudit = z
  .object({
    total: count,
    items: z.array(AuditEntry.extend({ actorEmail: z.string().optional().openapi({ description: 'The account’s email when the actor is an account (`user:<id>`)' }) })),
    ...paged,
  })
  .openapi('ConsoleAudit');

// Keys and publishing
const keyState = z.enum(['active', 'standby', 'retired']);
const jwksChange = z.object({ before: Jwks, after: Jwks });
export const ConsoleKeys = z
  .object({
    keys: z.array(z.object({ kid: z.string(), publicJwk: Jwks.shape.keys.element, state: keyState, createdAt: z.string() })),
    active: z.string().nullable(),
    jwks: Jwks,
  })
  .openapi('ConsoleKeys');
const sized = z.object({ sequence: z.number().int(), size: count }).nullable();
export const ConsolePublishing = z
  .object({ sequence: z.number().int().nullable(), issuedAt: z.string().nullable(), full: sized, delta: sized, health: Health.shape.publishing })
  .openapi('ConsolePublishing');
export const ConsoleStandbyKey = z
  .object({ kid: z.string(), state: z.literal('standby'), file: z.string().openapi({ description: 'Where the private key was written' }), jwks: jwksChange })
  .openapi('ConsoleStandbyKey');
export const ConsoleKeyActivated = z.object({ result: z.object({ kid: z.string(), state: z.literal('active') }), jwks: jwksChange, ...published }).openapi('ConsoleKeyActivated');
export const ConsoleKeyRetired = z.object({ result: z.object({ kid: z.string(), state: z.literal('retired') }), jwks: jwksChange }).openapi('ConsoleKeyRetired');

// People
const Person = z
  .object({ id: z.string(), email: z.string(), role: z.enum(ROLES), uscc: z.string().nullable(), createdAt: z.string(), lastSignInAt: z.string().nullable(), disabledAt: z.string().nullable() })
  .openapi('ConsolePerson');
export const ConsolePeople = z.object({ total: count, items: z.array(Person), ...paged }).openapi('ConsolePeople');
export { Person as ConsolePerson };
export const ConsoleInvitation = z
  .object({
    invitation: z.object({
      id: z.string(),
      purpose: z.enum(['invite', 'reset']),
      email: z.string(),
      accountId: z.string().nullable(),
      role: z.enum(ROLES),
      uscc: z.string().nullable(),
      createdBy: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      usedAt: z.string().nullable(),
    }),
    link: z.string().openapi({ description: 'One-time link; shown only in this answer' }),
  })
  .openapi('ConsoleInvitation');

// Drift checks: what the service returns must be what the schema says (assignable to it).
type Svc = ConsoleService;
type Fits<A, B> = [A] extends [B] ? true : false;
type Out<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;
type Published = Out<Svc['publish']>;
const drift: [
  Fits<Out<Svc['imports']['get']>, z.infer<typeof ConsoleImportJob>>,
  Fits<Out<Svc['imports']['commit']> & Partial<Published>, z.infer<typeof ConsoleImportCommit>>,
  Fits<Out<Svc['imports']['discard']>, z.infer<typeof ConsoleImportDiscarded>>,
  Fits<Out<Svc['evaluations']['search']> & { limit: number; offset: number }, z.infer<typeof ConsoleEvaluations>>,
  Fits<Out<Svc['evaluations']['detail']>, z.infer<typeof ConsoleEvaluation>>,
  Fits<Out<Svc['evaluations']['affected']>, z.infer<typeof ConsoleEvaluationAffected>>,
  Fits<Out<Svc['evaluations']['changeStatus']> & Published, z.infer<typeof ConsoleEvaluationStatus>>,
  Fits<Out<Svc['claims']['claim']>, z.infer<typeof Claim>>,
  Fits<Out<Svc['claims']['decideClaim']>, z.infer<typeof ConsoleClaimDecision>>,
  Fits<Out<Svc['reports']['page']> & { limit: number; offset: number }, z.infer<typeof ConsoleReports>>,
  Fits<Out<Svc['reports']['groups']> & { by: 'listing' | 'store'; limit: number; offset: number }, z.infer<typeof ConsoleReportGroups>>,
  Fits<Out<Svc['reports']['detail']>, z.infer<typeof ConsoleReportDetail>>,
  Fits<Out<Svc['reports']['triage']> & Partial<Published>, z.infer<typeof ConsoleTriage>>,
  Fits<Out<Svc['sanctions']['list']> & { limit: number; offset: number }, z.infer<typeof ConsoleSanctions>>,
  Fits<Out<Svc['sanctions']['add']> & Published, z.infer<typeof ConsoleSanctionChange>>,
  Fits<Out<Svc['sanctions']['lift']> & Published, z.infer<typeof ConsoleSanctionChange>>,
  Fits<Out<Svc['audit']['page']> & { limit: number; offset: number }, z.infer<typeof ConsoleAudit>>,
  Fits<Out<Svc['keys']['list']>, z.infer<typeof ConsoleKeys>>,
  Fits<Out<Svc['keys']['publishing']>, z.infer<typeof ConsolePublishing>>,
  Fits<Out<Svc['keys']['createStandby']>, z.infer<typeof ConsoleStandbyKey>>,
  Fits<Out<Svc['keys']['activate']> & Published, z.infer<typeof ConsoleKeyActivated>>,
  Fits<Out<Svc['keys']['retire']>, z.infer<typeof ConsoleKeyRetired>>,
  Fits<Out<Svc['people']['list']> & { limit: number; offset: number }, z.infer<typeof ConsolePeople>>,
  Fits<Out<Svc['people']['invite']>, z.infer<typeof ConsoleInvitation>>,
  Fits<Out<Svc['people']['disable']>, z.infer<typeof Person>>,
  Fits<Out<Svc['people']['enable']>, z.infer<typeof Person>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void drift;
