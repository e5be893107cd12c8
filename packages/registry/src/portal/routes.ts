import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { PLATFORMS, type Platform, toEpochMs } from '@zjmade/sdk';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { COMMON_PROBLEMS, jsonAnswer, jsonBody, problems } from '../http/openapi-kit.js';
import { problem } from '../http/problem.js';
import { ListingExportError, readListingExport } from '../listings/index.js';
import { MAX_EVIDENCE_BYTES } from '../services/portal-claims.js';
import type { ListingInput } from '../services/portal-listings.js';
import type { PortalService } from '../services/portal-service.js';
import { type AccountEnv, ownUscc, type RequireAccount } from '../accounts/index.js';
import { ANSWERS, bindBody, bindingsQuery, claimForm, claimIdParam, coverageQuery, evidenceFileAnswer, MAX_BIND_ROWS, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, pageQuery, unbindBody, uploadForm, uploadJson } from './schemas.js';
import type { UploadSource } from './answer-schemas.js';
import { answer, declare, portalApp } from './route-kit.js';

type C = Context<AccountEnv>;

const TAGS = ['portal'];
const SESSION = [{ cookieAuth: [] as string[] }];
const SESSION_PROBLEMS = [
  ['session-required', 'No live session'],
  ['forbidden', 'Not an enterprise account'],
] as const satisfies [Parameters<typeof problem>[1], string][];
const WRITE_PROBLEMS = [...SESSION_PROBLEMS, ['csrf', 'No or a wrong X-CSRF-Token header, or a foreign Origin'], ['busy', 'Another write holds the database'], ['storage-full', 'The database cannot grow']] as const satisfies [Parameters<typeof problem>[1], string][];

/** A multipart form body, documented. */
const formBody = (schema: z.ZodType) => ({ required: true, content: { 'multipart/form-data': { schema } } });

const actorOf = (c: C) => c.var.account.actor;
/** The session's enterprise: the only USCC any portal route reads or writes. */
const usccOf = (c: C): string => ownUscc(c);

const sizeLimit = (maxSize: number, what: string) =>
  bodyLimit({ maxSize, onError: (c) => problem(c, 'payload-too-large', `${what} exceeds ${maxSize} bytes (${Math.round(maxSize / 1024 / 1024)} MB).`) });

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const fileOf = (v: unknown): File | undefined => (v instanceof File ? v : undefined);

/**
 * The brand-owner portal's API under /v1/portal: every route needs an enterprise session (and the
 * CSRF header for a state change) and acts on that session's USCC only, whatever the request says.
 * The list of routes is in docs/portal-api.md.
 */
export function portalRoutes(portal: PortalService, requireAccount: RequireAccount): OpenAPIHono<AccountEnv> {
  const app = portalApp<AccountEnv>();
  app.use('/v1/portal/*', requireAccount({ roles: ['enterprise'] }));
  app.use('/v1/portal/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // Multipart bodies are read in full: bound them before they are.
  app.use('/v1/portal/claims', sizeLimit(MAX_EVIDENCE_BYTES + 64 * 1024, 'The claim (its evidence file)'));
  app.use('/v1/portal/listings/upload', sizeLimit(MAX_UPLOAD_BYTES, 'The upload'));
  app.use('/v1/portal/bindings', sizeLimit(4 * 1024 * 1024, 'The request'));

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/overview',
      operationId: 'portalOverview',
      tags: TAGS,
      summary: 'The enterprise, its evaluations with status and days to expiry, renewal alerts (90/60/30 days), its stores and a coverage summary',
      security: SESSION,
      responses: { 200: jsonAnswer('The overview', ANSWERS.overview, ['Cache-Control']), ...problems(...SESSION_PROBLEMS, ['not-found', 'The enterprise is not in the registry'], ...COMMON_PROBLEMS) },
    }),
    (c: C) => answer(c, async () => c.json(await portal.overview(usccOf(c)))),
  );

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/claims',
      operationId: 'portalClaims',
      tags: TAGS,
      summary: 'The enterprise’s store claims, newest first',
      security: SESSION,
      request: { query: pageQuery },
      responses: { 200: jsonAnswer('A page of claims', ANSWERS.claims, ['Cache-Control']), ...problems(['invalid-request', 'Bad paging'], ...SESSION_PROBLEMS, ...COMMON_PROBLEMS) },
    }),
    (c: C) => {
      const q = pageQuery.parse(c.req.query());
      return c.json({ ...portal.claims(usccOf(c), q.limit, q.offset), limit: q.limit, offset: q.offset });
    },
  );

  declare(
    app,
    createRoute({
      method: 'post',
      path: '/v1/portal/claims',
      operationId: 'portalClaimStore',
      tags: TAGS,
      summary: 'Claim a store: its URL, the role, the store name and an evidence file (multipart); waits for staff review',
      security: SESSION,
      request: { body: formBody(claimForm) },
      responses: {
        201: jsonAnswer('The pending claim', ANSWERS.claim, ['Cache-Control']),
        ...problems(
          ['invalid-request', 'Not multipart, a field missing or too long, not a store URL, or evidence that is not PNG/JPEG/PDF by content'],
          ['conflict', 'The store is registered to or claimed by another enterprise, or you already claim it'],
          ['payload-too-large', `Evidence over ${MAX_EVIDENCE_BYTES} bytes`],
          ...WRITE_PROBLEMS,
          ...COMMON_PROBLEMS,
        ),
      },
    }),
    (c: C) =>
      answer(c, async () => {
        const form = await readForm(c);
        if (form instanceof Response) return form;
        const file = fileOf(form.evidence);
        const fields = claimForm.omit({ evidence: true }).safeParse({ url: form.url, name: form.name, role: form.role });
        if (!fields.success) return problem(c, 'invalid-request', 'The claim form is not valid.', fields.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
        if (!file) return problem(c, 'invalid-request', 'Attach the evidence file (field `evidence`).', [{ path: '/evidence', message: 'required file' }]);
        if (file.size > MAX_EVIDENCE_BYTES) return problem(c, 'payload-too-large', `The evidence file exceeds ${MAX_EVIDENCE_BYTES} bytes (5 MB).`);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const claim = portal.createClaim(actorOf(c), usccOf(c), { ...fields.data, file: { name: file.name.slice(0, 255) || 'evidence', bytes } });
        return c.json(claim, 201);
      }),
  );

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/claims/{id}',
      operationId: 'portalClaim',
      tags: TAGS,
      summary: 'One of the enterprise’s claims, with its review outcome',
      security: SESSION,
      request: { params: claimIdParam },
      responses: { 200: jsonAnswer('The claim', ANSWERS.claim, ['Cache-Control']), ...problems(['invalid-request', 'Not a claim id'], ['not-found', 'No such claim of yours'], ...SESSION_PROBLEMS, ...COMMON_PROBLEMS) },
    }),
    (c: C) => answer(c, () => c.json(portal.claim(usccOf(c), c.req.param('id')!))),
  );

  declare(
    app,
    createRoute({
      method: 'delete',
      path: '/v1/portal/claims/{id}',
      operationId: 'portalWithdrawClaim',
      tags: TAGS,
      summary: 'Withdraw a pending claim',
      security: SESSION,
      request: { params: claimIdParam },
      responses: {
        200: jsonAnswer('The withdrawn claim', ANSWERS.claim, ['Cache-Control']),
        ...problems(['invalid-request', 'Not a claim id'], ['not-found', 'No such claim of yours'], ['conflict', 'The claim is no longer pending'], ...WRITE_PROBLEMS, ...COMMON_PROBLEMS),
      },
    }),
    (c: C) => answer(c, () => c.json(portal.withdrawClaim(actorOf(c), usccOf(c), c.req.param('id')!))),
  );

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/claims/{id}/evidence',
      operationId: 'portalClaimEvidence',
      tags: TAGS,
      summary: 'Download the evidence file of one of the enterprise’s claims (as an attachment)',
      security: SESSION,
      request: { params: claimIdParam },
      responses: {
        200: evidenceFileAnswer('The file as uploaded (Content-Disposition: attachment; X-Content-Type-Options: nosniff)'),
        ...problems(['invalid-request', 'Not a claim id'], ['not-found', 'No such claim of yours'], ...SESSION_PROBLEMS, ...COMMON_PROBLEMS),
      },
    }),
    (c: C) => answer(c, () => evidenceAnswer(c, portal.evidence(usccOf(c), c.req.param('id')!))),
  );

  declare(
    app,
    createRoute({
      method: 'post',
      path: '/v1/portal/listings/upload',
      operationId: 'portalUploadListings',
      tags: TAGS,
      summary: 'Read a listing export (multipart CSV/XLSX) or pasted URLs (JSON) against your approved stores, with suggested evaluations; writes nothing',
      security: SESSION,
      request: { body: { required: true, content: { 'multipart/form-data': { schema: uploadForm }, 'application/json': { schema: uploadJson } } } },
      responses: {
        200: jsonAnswer('Every row: ready (with its store and suggestions), refused (another enterprise’s store, no store of yours), invalid or duplicate, by row number', ANSWERS.upload, ['Cache-Control']),
        ...problems(
          ['invalid-request', 'No file, an unreadable file, no listing column, too many rows, or a JSON body of the wrong shape'],
          ['malformed-json', 'The JSON body is not JSON'],
          ['payload-too-large', `Uploads over ${MAX_UPLOAD_BYTES} bytes`],
          ...SESSION_PROBLEMS,
          ...COMMON_PROBLEMS,
        ),
      },
    }),
    (c: C) =>
      answer(c, async () => {
        const inputs = await uploadInputs(c);
        if (inputs instanceof Response) return inputs;
        return c.json({ source: inputs.source, ...portal.resolveListings(usccOf(c), inputs.rows) });
      }),
  );

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/bindings',
      operationId: 'portalBindings',
      tags: TAGS,
      summary: 'The enterprise’s bound listings, a page at a time, by store or evaluation',
      security: SESSION,
      request: { query: bindingsQuery },
      responses: { 200: jsonAnswer('A page of bindings', ANSWERS.bindings, ['Cache-Control']), ...problems(['invalid-request', 'Bad query'], ...SESSION_PROBLEMS, ...COMMON_PROBLEMS) },
    }),
    (c: C) => {
      const q = bindingsQuery.parse(c.req.query());
      const filter = { ...(q.store ? { store: q.store } : {}), ...(q.evaluation ? { evaluation: q.evaluation } : {}) };
      return c.json(portal.bindings(usccOf(c), filter, q.limit, q.offset));
    },
  );

  declare(
    app,
    createRoute({
      method: 'post',
      path: '/v1/portal/bindings',
      operationId: 'portalBind',
      tags: TAGS,
      summary: `Bind listings of your stores to your evaluations (accepted suggestions or a manual choice), at most ${MAX_BIND_ROWS}; live in the next snapshot`,
      security: SESSION,
      request: { body: jsonBody(bindBody) },
      responses: {
        200: jsonAnswer('Per row: bound, unchanged or refused with the reason; the snapshot that carries them', ANSWERS.bulk, ['Cache-Control']),
        ...problems(['invalid-request', 'Wrong shape or too many rows'], ['malformed-json', 'Not JSON'], ['payload-too-large', 'Body over 4 MB'], ...WRITE_PROBLEMS, ...COMMON_PROBLEMS),
      },
    }),
    (c: C) =>
      answer(c, async () => {
        const body = await readJsonBody(c, bindBody);
        if (body instanceof Response) return body;
        const rows = body.bindings.map((b) => ({ key: b.key, ...(b.evaluationId ? { evaluationId: b.evaluationId } : {}), ...(b.store ? { store: b.store } : {}) }));
        return c.json(await portal.bind(actorOf(c), usccOf(c), rows));
      }),
  );

  declare(
    app,
    createRoute({
      method: 'delete',
      path: '/v1/portal/bindings',
      operationId: 'portalUnbind',
      tags: TAGS,
      summary: `Unbind listings of your stores, at most ${MAX_BIND_ROWS}: each keeps its store (store-only), or with forget leaves the registry`,
      security: SESSION,
      request: { body: jsonBody(unbindBody) },
      responses: {
        200: jsonAnswer('Per key: unbound, unchanged (already store-only), or refused (not a listing of yours)', ANSWERS.bulk, ['Cache-Control']),
        ...problems(['invalid-request', 'Wrong shape or too many keys'], ['malformed-json', 'Not JSON'], ['payload-too-large', 'Body over 4 MB'], ...WRITE_PROBLEMS, ...COMMON_PROBLEMS),
      },
    }),
    (c: C) =>
      answer(c, async () => {
        const body = await readJsonBody(c, unbindBody);
        if (body instanceof Response) return body;
        return c.json(await portal.unbind(actorOf(c), usccOf(c), body.keys, body.forget));
      }),
  );

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/coverage',
      operationId: 'portalCoverage',
      tags: TAGS,
      summary: 'Coverage of the enterprise’s registry listings (the numbers of `zjmade coverage`), as JSON or a CSV/XLSX download',
      security: SESSION,
      request: { query: coverageQuery },
      responses: {
        200: {
          description: 'The report (JSON), or one line per finding (CSV with BOM, or XLSX) as an attachment',
          content: {
            'application/json': { schema: ANSWERS.coverage },
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...problems(['invalid-request', 'Unknown format or a bad `at`'], ['not-found', 'No snapshot published yet'], ...SESSION_PROBLEMS, ...COMMON_PROBLEMS),
      },
    }),
    (c: C) =>
      answer(c, async () => {
        const q = coverageQuery.parse(c.req.query());
        if (q.at !== undefined && !Number.isFinite(toEpochMs(q.at))) return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
        const report = await portal.coverage(usccOf(c), q.at);
        if (q.format === 'json') return c.json(report);
        const file = await portal.coverageDownload(report, q.format);
        return c.body(typeof file.body === 'string' ? file.body : (file.body as Uint8Array<ArrayBuffer>), 200, {
          'Content-Type': file.type,
          'Content-Disposition': `attachment; filename="${file.name}"`,
          'X-Content-Type-Options': 'nosniff',
        });
      }),
  );

  declare(
    app,
    createRoute({
      method: 'get',
      path: '/v1/portal/calendar',
      operationId: 'portalCalendar',
      tags: TAGS,
      summary: 'Whether the enterprise has a calendar feed, and since when (the secret is shown only when rotated)',
      security: SESSION,
      responses: { 200: jsonAnswer('The feed state', ANSWERS.calendar, ['Cache-Control']), ...problems(...SESSION_PROBLEMS, ...COMMON_PROBLEMS) },
    }),
    (c: C) => {
      const createdAt = portal.calendarCreatedAt(usccOf(c));
      return c.json({ feed: createdAt !== null, createdAt });
    },
  );

  declare(
    app,
    createRoute({
      method: 'post',
      path: '/v1/portal/calendar/rotate',
      operationId: 'portalRotateCalendar',
      tags: TAGS,
      summary: 'Make a new secret calendar feed URL (ICS of expiry dates and 90/60/30-day reminders); the old URL stops working',
      security: SESSION,
      responses: { 200: jsonAnswer('The new feed URL (Cache-Control: no-store); shown once', ANSWERS.rotated, ['Cache-Control']), ...problems(...WRITE_PROBLEMS, ['not-found', 'The enterprise is not in the registry'], ...COMMON_PROBLEMS) },
    }),
    (c: C) =>
      answer(c, () => {
        const r = portal.rotateCalendar(actorOf(c), usccOf(c));
        const url = `${new URL(c.req.url).origin}/v1/calendar/${r.secret}.ics`;
        return c.json({ ...r, url }, 200, { 'Cache-Control': 'no-store' });
      }),
  );

  return app;
}

/** The evidence download: never rendered by the browser, whatever the bytes are. */
export function evidenceAnswer(c: Context, e: { info: { fileName: string; mediaType: string; sha256: string }; bytes: Uint8Array }): Response {
  const ascii = e.info.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return c.body(e.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': e.info.mediaType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(e.info.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ETag: `"${e.info.sha256}"`,
  });
}

async function readForm(c: C): Promise<Record<string, unknown> | Response> {
  if (!(c.req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    return problem(c, 'invalid-request', 'Send the form as multipart/form-data.', [{ path: '', message: 'expected multipart/form-data' }]);
  }
  try {
    return (await c.req.parseBody()) as Record<string, unknown>;
  } catch (e) {
    // A limit hit while reading is the body limit's own answer.
    if (e instanceof Error && e.name === 'BodyLimitError') throw e;
    return problem(c, 'invalid-request', 'The multipart body cannot be read.', [{ path: '', message: 'malformed multipart/form-data' }]);
  }
}

async function readJsonBody<S extends z.ZodType>(c: C, schema: S): Promise<z.infer<S> | Response> {
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch (e) {
    return problem(c, 'malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [{ path: '', message: 'invalid JSON' }]);
  }
  const r = schema.safeParse(value);
  if (!r.success) return problem(c, 'invalid-request', 'The request body does not have the expected shape.', r.error.issues.slice(0, 50).map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
  return r.data;
}

/** The listings of an upload: a file through the export reader (E1's), or a pasted list. */
async function uploadInputs(c: C): Promise<{ source: UploadSource; rows: ListingInput[] } | Response> {
  const type = (c.req.header('Content-Type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) {
    const body = await readJsonBody(c, uploadJson);
    if (body instanceof Response) return body;
    if ('urls' in body) return { source: { kind: 'pasted' }, rows: body.urls.map((u, i) => ({ row: i + 1, listing: u, ...(body.store ? { store: body.store } : {}) })) };
    return { source: { kind: 'pasted' }, rows: body.listings.map((l, i) => ({ row: i + 1, listing: l.listing, ...(l.title ? { title: l.title } : {}), ...(l.store ? { store: l.store } : {}) })) };
  }
  const form = await readForm(c);
  if (form instanceof Response) return form;
  const file = fileOf(form.file);
  if (!file) return problem(c, 'invalid-request', 'Attach the export (field `file`).', [{ path: '/file', message: 'required file' }]);
  const platform = typeof form.platform === 'string' && form.platform ? form.platform : undefined;
  if (platform && !PLATFORM_SET.has(platform)) return problem(c, 'invalid-request', `Unknown platform ${platform.slice(0, 32)}.`, [{ path: '/platform', message: `one of ${PLATFORMS.join(', ')}` }]);
  try {
    const exp = await readListingExport(new Uint8Array(await file.arrayBuffer()), {
      name: file.name,
      maxBytes: MAX_UPLOAD_BYTES,
      maxRows: MAX_UPLOAD_ROWS,
      ...(platform ? { platform: platform as Platform } : {}),
    });
    // What each row held as the reader found it, for the answer's `listing` of an invalid row.
    const raw = new Map(exp.rows.map((x) => [x.row, x.url ?? x.itemId ?? x.sku ?? '']));
    const rows = exp.results.map((r): ListingInput => {
      if (!r.ok) return { row: r.row, listing: raw.get(r.row) ?? '', ...(r.title ? { title: r.title } : {}), invalid: { code: r.code, reason: r.reason } };
      return { row: r.row, listing: r.key, ...(r.title ? { title: r.title } : {}), ...(r.shop ? { store: r.shop } : {}) };
    });
    return { source: { kind: 'file', name: file.name, format: exp.format, encoding: exp.encoding ?? null, headerRow: exp.headerRow, columns: exp.columns }, rows };
  } catch (e) {
    if (e instanceof ListingExportError) {
      if (e.code === 'too-large') return problem(c, 'payload-too-large', `The upload exceeds ${e.limit ?? MAX_UPLOAD_BYTES} bytes.`);
      return problem(c, 'invalid-request', `The file cannot be read as a listing export: ${e.message}.`, [{ path: '/file', message: e.code }]);
    }
    throw e;
  }
}
