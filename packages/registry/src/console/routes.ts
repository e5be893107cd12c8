import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { validateUscc } from '@zjmade/sdk';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AccountEnv, RequireAccount, Role } from '../accounts/index.js';
import { AccountRejection } from '../accounts/rejection.js';
import { COMMON_PROBLEMS, jsonAnswer, jsonBody, problems } from '../http/openapi-kit.js';
import { type ProblemSlug, problem, zodErrors } from '../http/problem.js';
import { answer, declare, portalApp } from '../portal/route-kit.js';
import { evidenceAnswer } from '../portal/routes.js';
import { evidenceFileAnswer } from '../portal/schemas.js';
import { MAX_IMPORT_BYTES } from '../services/console-imports.js';
import type { ConsoleService } from '../services/console-service.js';
import { MAX_SOURCE } from '../services/console-sanctions.js';
import { TRIAGE_STATES } from '../store/report-triage.js';
import * as A from './answers.js';

/** Who opens what: staff everything; reviewers read, triage reports and decide store claims. */
export const READ: readonly Role[] = ['staff', 'reviewer'];
export const TRIAGE: readonly Role[] = ['staff', 'reviewer'];
export const STAFF: readonly Role[] = ['staff'];

const SECURITY: Record<string, string[]>[] = [{ cookieAuth: [] }, { adminToken: [] }];
const GUARD_PROBLEMS: [ProblemSlug, string][] = [
  ['unauthorized', 'Wrong admin token'],
  ['session-required', 'Neither the admin token nor a live session'],
  ['forbidden', 'The account’s role may not use this route (enterprise accounts: every console route)'],
  ['csrf', 'A session’s state change without the CSRF token or from another origin'],
];
/** Each operation's 200 answer (answers.ts); 201/202 answers are given where the operation is declared. */
const OK: Record<string, z.ZodType> = {
  consoleMe: A.ConsoleMe,
  consoleImport: A.ConsoleImportJob,
  consoleImportCommit: A.ConsoleImportCommit,
  consoleImportDiscard: A.ConsoleImportDiscarded,
  consoleEvaluations: A.ConsoleEvaluations,
  consoleEvaluation: A.ConsoleEvaluation,
  consoleEvaluationAffected: A.ConsoleEvaluationAffected,
  consoleEvaluationStatus: A.ConsoleEvaluationStatus,
  consoleClaims: A.ConsoleClaims,
  consoleClaim: A.ConsoleClaim,
  consoleApproveClaim: A.ConsoleClaimDecision,
  consoleRejectClaim: A.ConsoleClaimDecision,
  consoleReports: A.ConsoleReports,
  consoleReportGroups: A.ConsoleReportGroups,
  consoleReport: A.ConsoleReportDetail,
  consoleTriageReports: A.ConsoleTriage,
  consoleSanctions: A.ConsoleSanctions,
  consoleLiftSanction: A.ConsoleSanctionChange,
  consoleAudit: A.ConsoleAudit,
  consoleKeys: A.ConsoleKeys,
  consolePublishing: A.ConsolePublishing,
  consoleActivateKey: A.ConsoleKeyActivated,
  consoleRetireKey: A.ConsoleKeyRetired,
  consolePeople: A.ConsolePeople,
  consoleDisableAccount: A.ConsolePerson,
  consoleEnableAccount: A.ConsolePerson,
};
const okOf = (operationId: string) => {
  const schema = OK[operationId];
  // At start-up, not in a request: an operation declared without its answer's type is a bug.
  if (!schema) throw new Error(`console operation ${operationId} has no typed answer`);
  return { 200: jsonAnswer('The answer', schema) };
};
const text = (max: number) => z.string().max(max).refine((s) => s.trim().length > 0, { message: 'must not be blank' });
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { message: 'an ISO 8601 time' });
const date = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const q = <S extends z.ZodType>(name: string, schema: S): S => schema.openapi({ param: { name, in: 'query' } }) as S;
const page = {
  limit: q('limit', z.coerce.number().int().min(1).max(500).default(50)),
  offset: q('offset', z.coerce.number().int().min(0).max(1_000_000).default(0)),
};
const idParam = (name: string, max = 128) => z.object({ [name]: z.string().min(1).max(max).openapi({ param: { name, in: 'path' } }) });

const evaluationQuery = z.object({
  q: q('q', z.string().max(128).optional()),
  certificate: q('certificate', z.string().max(128).optional()),
  uscc: q('uscc', z.string().max(18).optional()),
  enterprise: q('enterprise', z.string().max(128).optional()),
  standard: q('standard', z.string().max(64).optional()),
  product: q('product', z.string().max(128).optional()),
  ...page,
});
const statusBody = z.object({ action: z.enum(['suspend', 'withdraw', 'cancel', 'reinstate']), reason: text(500), effectiveAt: instant.optional() }).strict();
const reportFilter = z.object({
  state: q('state', z.enum(TRIAGE_STATES).optional()),
  platform: q('platform', z.string().max(32).optional()),
  store: q('store', z.string().max(256).optional()),
  key: q('key', z.string().max(256).optional()),
  from: q('from', instant.optional()),
  to: q('to', instant.optional()),
  ...page,
});
const groupQuery = reportFilter.extend({ by: q('by', z.enum(['listing', 'store']).default('listing')) });
const sanctionKind = z.enum(['quality-dishonesty-blacklist', 'mark-misuse', 'other']);
const uscc = z.string().max(18).refine((s) => validateUscc(s).ok, { message: 'not a valid USCC' });
const sanctionBody = z.object({ uscc, kind: sanctionKind, from: date, until: date.optional(), reason: text(500).optional(), source: text(MAX_SOURCE).optional().openapi({ description: 'The source document the entry rests on (文号 or link), stored as its own field; not in the published snapshot' }) }).strict();
const triageBody = z
  .object({
    ids: z.array(z.string().min(1).max(128)).min(1).max(500),
    state: z.enum(TRIAGE_STATES),
    note: text(2000).optional(),
    duplicateOf: z.string().max(128).optional(),
    sanction: z.object({ uscc, kind: sanctionKind, from: date, until: date.optional(), reason: text(500).optional() }).strict().optional(),
    notifyPlatform: z.boolean().optional(),
    confirm: z.boolean().optional(),
  })
  .strict();
const liftBody = z.object({ until: date, reason: text(500) }).strict();
const auditQuery = z.object({
  actor: q('actor', z.string().max(128).optional()),
  target: q('target', z.string().max(256).optional()),
  action: q('action', z.string().max(64).optional()),
  from: q('from', instant.optional()),
  to: q('to', instant.optional()),
  ...page,
});
const inviteBody = z.object({ email: z.string().email().max(254), role: z.enum(['enterprise', 'staff', 'reviewer']), uscc: uscc.optional() }).strict();
const claimQuery = z.object({ state: q('state', z.enum(['pending', 'approved', 'rejected', 'withdrawn']).default('pending')), ...page });
const decisionBody = z.object({ reason: text(500).optional() }).strict();

type Handler = (c: Context<AccountEnv>) => Response | Promise<Response>;

async function body<S extends z.ZodType>(c: Context<AccountEnv>, schema: S): Promise<{ ok: true; value: z.infer<S> } | { ok: false; res: Response }> {
  const raw = await c.req.text();
  let value: unknown = {};
  if (raw.trim()) {
    try {
      value = JSON.parse(raw);
    } catch (e) {
      return { ok: false, res: problem(c, 'malformed-json', (e as Error).message) };
    }
  }
  const r = schema.safeParse(value);
  if (!r.success) return { ok: false, res: problem(c, 'invalid-request', 'The body does not have the expected shape.', zodErrors(r.error)) };
  return { ok: true, value: r.data };
}

function query<S extends z.ZodType>(c: Context<AccountEnv>, schema: S): { ok: true; value: z.infer<S> } | { ok: false; res: Response } {
  const r = schema.safeParse(c.req.query());
  if (!r.success) return { ok: false, res: problem(c, 'invalid-request', 'The query is not valid.', zodErrors(r.error)) };
  return { ok: true, value: r.data };
}

/** A service call's answer; account rejections become their problems like domain ones. */
const run = (c: Context<AccountEnv>, fn: () => Response | Promise<Response>) =>
  answer(c, async () => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AccountRejection) return problem(c, e.slug as ProblemSlug, e.message, e.errors);
      throw e;
    }
  });

/**
 * The staff console's API under /v1/console/*: every operation declares the roles that open it and
 * the guard enforces exactly those (the role-matrix test walks the generated document). Writes go
 * through services/console-*.ts, are audited with the session's (or the admin token's) actor, and
 * publish before answering when they change published data.
 */
export function consoleRoutes(svc: ConsoleService, requireAccount: RequireAccount): OpenAPIHono<AccountEnv> {
  const app = portalApp<AccountEnv>();
  app.use('/v1/console/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  const op = (
    method: 'get' | 'post' | 'delete',
    path: string,
    operationId: string,
    summary: string,
    roles: readonly Role[],
    request: Record<string, unknown>,
    extra: [ProblemSlug, string][],
    handler: Handler,
    ok: Record<string, unknown> = okOf(operationId),
    after: MiddlewareHandler<AccountEnv>[] = [],
  ) => {
    // The role check first, then (uploads) the body limit: a stranger learns nothing but 401.
    app.on(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1'), requireAccount({ roles }), ...after);
    declare(
      app,
      createRoute({
        method,
        path,
        operationId,
        summary: `${summary} (roles: ${roles.join(', ')})`,
        tags: ['console'],
        security: SECURITY,
        'x-roles': [...roles],
        request,
        responses: { ...ok, ...problems(...extra, ...GUARD_PROBLEMS, ...COMMON_PROBLEMS) },
      } as Parameters<typeof createRoute>[0]),
      handler,
    );
  };
  const bad: [ProblemSlug, string][] = [['invalid-request', 'Invalid query or body']];
  const write: [ProblemSlug, string][] = [['invalid-request', 'Invalid body'], ['malformed-json', 'Not JSON']];
  const nf: [ProblemSlug, string] = ['not-found', 'No such record'];
  const conflict: [ProblemSlug, string] = ['conflict', 'The record is not in a state that allows this'];

  op('get', '/v1/console/me', 'consoleMe', 'Who is signed in and what the role may do', READ, {}, [], (c) =>
    c.json({ account: c.var.account, can: { read: true, triage: true, reviewClaims: true, changeCatalogue: c.var.account.role === 'staff', keys: c.var.account.role === 'staff', people: c.var.account.role === 'staff', imports: c.var.account.role === 'staff' } }),
  );

  // Imports
  op('post', '/v1/console/imports', 'consoleImportUpload', `Upload an official list (multipart field "file", CSV/XLSX, ≤ ${MAX_IMPORT_BYTES} bytes): starts a dry run, 202 with the job`, STAFF, { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().max(MAX_IMPORT_BYTES).openapi({ format: 'binary' }) }) } } } }, [...bad, ['payload-too-large', `Over ${MAX_IMPORT_BYTES} bytes`]], (c) =>
    run(c, async () => {
      const len = Number(c.req.header('content-length') ?? '0');
      if (len > MAX_IMPORT_BYTES + 64 * 1024) return problem(c, 'payload-too-large', `The upload exceeds ${MAX_IMPORT_BYTES} bytes.`);
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        return problem(c, 'invalid-request', 'Expected multipart/form-data with a "file" field.', [{ path: '/file', message: 'required' }]);
      }
      const file = form.get('file');
      if (!(file instanceof File)) return problem(c, 'invalid-request', 'Expected a "file" field with the list.', [{ path: '/file', message: 'required' }]);
      if (file.size > MAX_IMPORT_BYTES) return problem(c, 'payload-too-large', `The file exceeds ${MAX_IMPORT_BYTES} bytes.`);
      return c.json(svc.imports.upload(c.var.account.actor, file.name.slice(0, 200), new Uint8Array(await file.arrayBuffer())), 202);
    }),
    { 202: jsonAnswer('The job (state reading; poll GET …/imports/{id})', A.ConsoleImportJob) },
    [bodyLimit({ maxSize: MAX_IMPORT_BYTES + 64 * 1024, onError: (c) => problem(c, 'payload-too-large', `The upload exceeds ${MAX_IMPORT_BYTES} bytes.`) })],
  );
  op('get', '/v1/console/imports/{id}', 'consoleImport', 'An import job: state, rows read so far, the dry-run preview (new/changed/unchanged/bad rows with row numbers)', STAFF, { params: idParam('id') }, [nf], (c) => run(c, () => c.json(svc.imports.get(c.req.param('id')!))));
  op('post', '/v1/console/imports/{id}/commit', 'consoleImportCommit', 'Commit the rows the dry run showed in one transaction (audited); if the database changed them since, the new preview (committed: false, changedSinceDryRun: true) to confirm again', STAFF, { params: idParam('id') }, [nf, conflict], (c) =>
    run(c, async () => {
      const r = await svc.imports.commit(c.var.account.actor, c.req.param('id')!);
      return c.json({ ...r, ...(r.committed ? await svc.publish() : {}) });
    }),
  );
  op('delete', '/v1/console/imports/{id}', 'consoleImportDiscard', 'Discard an uploaded list', STAFF, { params: idParam('id') }, [nf, conflict], (c) => run(c, () => c.json(svc.imports.discard(c.req.param('id')!))));

  // Evaluations
  op('get', '/v1/console/evaluations', 'consoleEvaluations', 'Search evaluations by certificate number, USCC, enterprise name, standard, product (paged)', READ, { query: evaluationQuery }, bad, (c) => {
    const r = query(c, evaluationQuery);
    if (!r.ok) return r.res;
    const { limit, offset, ...filter } = r.value;
    return c.json({ ...svc.evaluations.search(filter, limit, offset), limit, offset });
  });
  op('get', '/v1/console/evaluations/{id}', 'consoleEvaluation', 'An evaluation, its status history and how many listings and stores it reaches', READ, { params: idParam('id') }, [nf], (c) => run(c, () => c.json(svc.evaluations.detail(c.req.param('id')!))));
  op('get', '/v1/console/evaluations/{id}/affected', 'consoleEvaluationAffected', 'The listings (paged) and stores a status change of this evaluation affects', READ, { params: idParam('id'), query: z.object(page) }, [nf, ...bad], (c) =>
    run(c, () => {
      const r = query(c, z.object(page));
      if (!r.ok) return r.res;
      return c.json(svc.evaluations.affected(c.req.param('id')!, r.value.limit, r.value.offset));
    }),
  );
  op('post', '/v1/console/evaluations/{id}/status', 'consoleEvaluationStatus', 'Suspend, withdraw, cancel or reinstate with a reason and an effective time (audited, published)', STAFF, { params: idParam('id'), body: jsonBody(statusBody) }, [...write, nf], (c) =>
    run(c, async () => {
      const b = await body(c, statusBody);
      if (!b.ok) return b.res;
      const out = svc.evaluations.changeStatus(c.var.account.actor, c.req.param('id')!, b.value.action, b.value.reason.trim(), b.value.effectiveAt);
      return c.json({ ...out, ...(await svc.publish()) });
    }),
  );

  // Store claims (the portal's services)
  op('get', '/v1/console/claims', 'consoleClaims', 'The store-claim review queue in one state (default pending), oldest first', TRIAGE, { query: claimQuery }, bad, (c) => {
    const r = query(c, claimQuery);
    if (!r.ok) return r.res;
    return c.json({ items: svc.claims.claimsInState(r.value.state, r.value.limit, r.value.offset), limit: r.value.limit, offset: r.value.offset });
  });
  op('get', '/v1/console/claims/{id}', 'consoleClaim', 'One claim', TRIAGE, { params: idParam('id') }, [nf], (c) => run(c, () => c.json(svc.claims.claim(null, c.req.param('id')!))));
  op('get', '/v1/console/claims/{id}/evidence', 'consoleClaimEvidence', 'The claim’s evidence file (attachment, nosniff)', TRIAGE, { params: idParam('id') }, [nf], (c) => run(c, () => evidenceAnswer(c, svc.claims.evidence(null, c.req.param('id')!))), {
    200: evidenceFileAnswer('The file (Content-Disposition: attachment; X-Content-Type-Options: nosniff)'),
  });
  for (const decision of ['approve', 'reject'] as const) {
    op('post', `/v1/console/claims/{id}/${decision}`, decision === 'approve' ? 'consoleApproveClaim' : 'consoleRejectClaim', decision === 'approve' ? 'Approve: the store is registered to the enterprise (audited, published)' : 'Reject with a reason the enterprise sees', TRIAGE, { params: idParam('id'), body: jsonBody(decisionBody, decision === 'reject') }, [...write, nf, conflict], (c) =>
      run(c, async () => {
        const b = await body(c, decisionBody);
        if (!b.ok) return b.res;
        return c.json(await svc.claims.decideClaim(c.var.account.actor, c.req.param('id')!, decision, b.value.reason?.trim() ?? null));
      }),
    );
  }

  // Reports triage
  op('get', '/v1/console/reports', 'consoleReports', 'Reports (newest first) with their triage state; filters state, platform, store, key, time', TRIAGE, { query: reportFilter }, bad, (c) => {
    const r = query(c, reportFilter);
    if (!r.ok) return r.res;
    const { limit, offset, ...f } = r.value;
    return c.json({ ...svc.reports.page(f, limit, offset), limit, offset });
  });
  op('get', '/v1/console/reports/groups', 'consoleReportGroups', 'Reports grouped by listing or by store: counts, first/last seen, states', TRIAGE, { query: groupQuery }, bad, (c) => {
    const r = query(c, groupQuery);
    if (!r.ok) return r.res;
    const { limit, offset, by, ...f } = r.value;
    return c.json({ by, ...svc.reports.groups(by, f, limit, offset), limit, offset });
  });
  op('get', '/v1/console/reports/{id}', 'consoleReport', 'One report with its notes', TRIAGE, { params: idParam('id') }, [nf], (c) =>
    // `triage` is its own path (POST only): a GET of it is a wrong method, not a report id.
    c.req.param('id') === 'triage' ? problem(c, 'method-not-allowed', `${c.req.path} does not answer GET; it answers POST.`, undefined, { Allow: 'POST' }) : run(c, () => c.json(svc.reports.detail(c.req.param('id')!))),
  );
  op('post', '/v1/console/reports/triage', 'consoleTriageReports', 'Move reports (bulk, ≤ 500) to a state with a note; confirmed misuse may record a sanction (staff only) or notify the platform with confirm: true', TRIAGE, { body: jsonBody(triageBody) }, [...write, nf, conflict, ['invalid-reference', 'duplicateOf names no report'], ['forbidden', 'A reviewer cannot record a sanction']], (c) =>
    run(c, async () => {
      const b = await body(c, triageBody);
      if (!b.ok) return b.res;
      if (b.value.sanction && c.var.account.role !== 'staff') return problem(c, 'forbidden', 'Only staff record sanctions.');
      const out = svc.reports.triage(c.var.account.actor, b.value);
      return c.json({ ...out, ...(out.sanctionId ? await svc.publish() : {}) });
    }),
  );

  // Sanctions
  const sanctionQuery = z.object({ uscc: q('uscc', z.string().max(18).optional()), ...page });
  op('get', '/v1/console/sanctions', 'consoleSanctions', 'Sanction entries (optionally of one USCC)', READ, { query: sanctionQuery }, bad, (c) => {
    const r = query(c, sanctionQuery);
    if (!r.ok) return r.res;
    return c.json({ ...svc.sanctions.list(r.value.uscc, r.value.limit, r.value.offset), limit: r.value.limit, offset: r.value.offset });
  });
  op('post', '/v1/console/sanctions', 'consoleAddSanction', 'Add an entry with effective dates and its source document reference (audited, published)', STAFF, { body: jsonBody(sanctionBody) }, [...write, ['invalid-reference', 'Unknown enterprise']], (c) =>
    run(c, async () => {
      const b = await body(c, sanctionBody);
      if (!b.ok) return b.res;
      return c.json({ ...svc.sanctions.add(c.var.account.actor, b.value), ...(await svc.publish()) }, 201);
    }),
    { 201: jsonAnswer('The new entry', A.ConsoleSanctionChange) },
  );
  op('post', '/v1/console/sanctions/{id}/lift', 'consoleLiftSanction', 'Lift an entry from a date with a reason (audited, published)', STAFF, { params: idParam('id'), body: jsonBody(liftBody) }, [...write, nf], (c) =>
    run(c, async () => {
      const b = await body(c, liftBody);
      if (!b.ok) return b.res;
      return c.json({ ...svc.sanctions.lift(c.var.account.actor, c.req.param('id')!, b.value.until, b.value.reason.trim()), ...(await svc.publish()) });
    }),
  );

  // Audit log
  op('get', '/v1/console/audit', 'consoleAudit', 'The audit log filtered by actor, target (prefix), action (prefix) and time, newest first', READ, { query: auditQuery }, bad, (c) => {
    const r = query(c, auditQuery);
    if (!r.ok) return r.res;
    const { limit, offset, ...f } = r.value;
    return c.json({ ...svc.audit.page(f, limit, offset), limit, offset });
  });
  op('get', '/v1/console/audit.csv', 'consoleAuditCsv', 'The filtered audit log as CSV (UTF-8 BOM, ≤ 100,000 rows)', READ, { query: auditQuery }, bad, (c) => {
    const r = query(c, auditQuery);
    if (!r.ok) return r.res;
    const { limit: _l, offset: _o, ...f } = r.value;
    return c.body(svc.audit.csv(f), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audit.csv"' });
  }, { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } });

  // Keys and publishing
  op('get', '/v1/console/keys', 'consoleKeys', 'Signing keys (active, standby, retired) and the published JWKS', READ, {}, [], (c) => c.json(svc.keys.list()));
  op('get', '/v1/console/publishing', 'consolePublishing', 'The latest sequence, full and delta sizes, publish health', READ, {}, [], (c) => c.json(svc.keys.publishing()));
  op('post', '/v1/console/keys', 'consoleCreateKey', 'Rotation step 1: create a standby key (private key in the key directory); JWKS before/after', STAFF, {}, [], (c) => run(c, async () => c.json(await svc.keys.createStandby(c.var.account.actor), 201)), { 201: jsonAnswer('The standby key', A.ConsoleStandbyKey) });
  op('post', '/v1/console/keys/{kid}/activate', 'consoleActivateKey', 'Rotation step 2: activate a standby key (the old one stays published as standby); publishes a full snapshot signed by it, so the chain the pointer names is based on the new key', STAFF, { params: idParam('kid') }, [nf, conflict], (c) =>
    // A full snapshot, not only a delta: the old key can then retire (step 3) without leaving clients that trust only the new key a base they cannot verify.
    run(c, async () => c.json({ ...svc.keys.activate(c.var.account.actor, c.req.param('kid')!), ...(await svc.publish({ forceFull: true })) })),
  );
  op('post', '/v1/console/keys/{kid}/retire', 'consoleRetireKey', 'Rotation step 3: retire a standby key (leaves the JWKS); refused (409) while the full snapshot the pointer bases its chain on, a delta it lists, or the head is signed by it (after activating another key, until its full snapshot is published)', STAFF, { params: idParam('kid') }, [nf, ['conflict', 'The key is active or retired already, or something the pointer names is still signed by it']], (c) =>
    run(c, async () => c.json(await svc.keys.retire(c.var.account.actor, c.req.param('kid')!))),
  );

  // People
  const peopleQuery = z.object({ role: q('role', z.enum(['enterprise', 'staff', 'reviewer']).optional()), ...page });
  op('get', '/v1/console/people', 'consolePeople', 'Accounts with role, enterprise, last sign-in, disabled', STAFF, { query: peopleQuery }, bad, (c) => {
    const r = query(c, peopleQuery);
    if (!r.ok) return r.res;
    return c.json({ ...svc.people.list(r.value.role, r.value.limit, r.value.offset), limit: r.value.limit, offset: r.value.offset });
  });
  op('post', '/v1/console/people/invitations', 'consoleInvite', 'Invite a staff member, reviewer or enterprise user: the one-time link, shown once', STAFF, { body: jsonBody(inviteBody) }, [...write, ['conflict', 'The address has an account'], ['invalid-reference', 'Unknown enterprise']], (c) =>
    run(c, async () => {
      const b = await body(c, inviteBody);
      if (!b.ok) return b.res;
      const origin = new URL(c.req.url).origin;
      return c.json(svc.people.invite(c.var.account.actor, { email: b.value.email, role: b.value.role, uscc: b.value.uscc ?? null, baseUrl: origin }), 201);
    }),
    { 201: jsonAnswer('The invitation and its link', A.ConsoleInvitation) },
  );
  op('post', '/v1/console/people/{id}/disable', 'consoleDisableAccount', 'Disable an account and end its sessions', STAFF, { params: idParam('id') }, [nf, conflict], (c) => run(c, () => c.json(svc.people.disable(c.var.account.actor, c.req.param('id')!))));
  op('post', '/v1/console/people/{id}/enable', 'consoleEnableAccount', 'Enable a disabled account', STAFF, { params: idParam('id') }, [nf, conflict], (c) => run(c, () => c.json(svc.people.enable(c.var.account.actor, c.req.param('id')!))));
  return app;
}
