import { createRoute, z } from '@hono/zod-openapi';
import { toEpochMs } from '@zjmade/sdk';
import type { Context } from 'hono';
import type { RegistryService } from '../../service.js';
import { validate } from '../body.js';
import { fastVerifyBody } from '../fast-verify-body.js';
import { COMMON_PROBLEMS, declare, jsonAnswer, jsonBody, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { malformedJson, problem } from '../problem.js';
import { readRawBody } from '../raw-body.js';
import { verifyResponseBytes } from '../verdict-json.js';
import { compactVerifyAnswer, EVIDENCE_FORMS, fullVerifyAnswer, MAX_BATCH, noneVerifyAnswer, verifyBody } from '../verify-schemas.js';
import { cachedCompactAnswer } from '../../verdict-cache/compact-answer.js';
import { toInput, type VerifyInput } from '../../verdict-cache/listing-input.js';
import { createVerdictCache, type VerdictCache } from '../../verdict-cache/verdict-cache.js';

/**
 * The declaration. `evidence` is checked by the handler (not the validator) so that a wrong value
 * answers before the body is read; the body is read from the Node stream (raw-body.ts) and checked
 * by the fast path, with `verifyBody` saying what is wrong when it refuses.
 */
const verifyRoute = (maxBytes: number) =>
  createRoute({
    method: 'post',
    path: '/v1/verify',
    operationId: 'verify',
    tags: ['verify'],
    summary: 'Verdicts for up to 500 listings over the current signed snapshot',
    description: `Verdicts in input order, from the SDK verifier over the current signed snapshot. At most ${MAX_BATCH} listings and ${maxBytes} bytes. The answer is compact by default (each entity once, by reference); \`?evidence=full\` writes evidence inline in every verdict, \`none\` as \`{}\`.`,
    security: [],
    request: {
      query: z.object({ evidence: z.enum(EVIDENCE_FORMS).optional().openapi({ param: { name: 'evidence', in: 'query' }, description: 'compact (default), full or none' }) }),
      body: jsonBody(verifyBody.meta({ id: 'VerifyRequest' })),
    },
    responses: {
      200: jsonAnswer('Verdicts (the form `evidence` asked for)', z.union([compactVerifyAnswer.meta({ id: 'CompactVerifyAnswer' }), fullVerifyAnswer.meta({ id: 'FullVerifyAnswer' }), noneVerifyAnswer.meta({ id: 'NoneVerifyAnswer' })])),
      ...problems(
        ['invalid-request', 'Wrong shape, `evidence` or `at`; `errors[].path` is a JSON Pointer'],
        ['malformed-json', 'Not JSON'],
        ['batch-too-large', `More than ${MAX_BATCH} listings`],
        ['payload-too-large', `Body over ${maxBytes} bytes`],
        ['no-snapshot', 'No snapshot published yet'],
        ...COMMON_PROBLEMS,
      ),
    },
  });

const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

/**
 * POST /v1/verify: every verdict comes from the SDK's verifier over the current signed snapshot,
 * at the requested `at` (default: now). The compact answer (the default: each entity once, by
 * reference, batch-answer.ts) reuses the encoded results of key-only listings from the verdict
 * cache (verdict-cache/: kept per snapshot and per interval of `at` in which the listing's
 * verdict cannot change); `?evidence=full` writes evidence inline in every verdict and
 * `?evidence=none` as `{}`, both computed on every request.
 */
export function verifyRoutes(service: Pick<RegistryService, 'current'>, maxBytes: number, cache: VerdictCache = createVerdictCache()): RouteApp {
  const app = routeApp();
  declare(app, verifyRoute(maxBytes), verify, { validate: false });
  async function verify(c: Context): Promise<Response> {
    const evidence = c.req.query('evidence') ?? 'compact';
    if (!(EVIDENCE_FORMS as readonly string[]).includes(evidence)) {
      return problem(c, 'invalid-request', 'The `evidence` query parameter must be `compact`, `full` or `none`.', [
        { path: '/evidence', message: 'expected compact, full or none' },
      ]);
    }
    const raw = await readRawBody(c, maxBytes);
    if (!raw.ok) return problem(c, 'payload-too-large', `The request body exceeds ${maxBytes} bytes.`);
    let json: unknown;
    try {
      json = JSON.parse(raw.text);
    } catch (e) {
      return malformedJson(c, e);
    }
    let value = fastVerifyBody(json);
    if (!value) {
      const v = json as { listings?: unknown };
      if (v && typeof v === 'object' && Array.isArray(v.listings) && v.listings.length > MAX_BATCH) {
        return problem(c, 'batch-too-large', `At most ${MAX_BATCH} listings per request; got ${v.listings.length}.`, [
          { path: '/listings', message: `at most ${MAX_BATCH} items` },
        ]);
      }
      // zod only runs to say what is wrong, and where.
      const body = validate(c, verifyBody, json);
      if (!body.ok) return body.response;
      value = body.value;
    }
    const { listings, at } = value;
    if (at !== undefined && !Number.isFinite(toEpochMs(at))) {
      return problem(c, 'invalid-request', 'The `at` time is not a valid ISO instant or date.', [{ path: '/at', message: 'expected an ISO 8601 instant or YYYY-MM-DD' }]);
    }
    const current = service.current();
    if (!current) return problem(c, 'no-snapshot', 'The registry has not published a snapshot yet.');
    const nowMs = Date.now();
    const atMs = at === undefined ? nowMs : toEpochMs(at);
    let body: Buffer;
    if (evidence === 'compact') body = cachedCompactAnswer(current, cache, listings, atMs, nowMs);
    else {
      const inputs = new Array<VerifyInput>(listings.length);
      for (let i = 0; i < listings.length; i++) inputs[i] = toInput(listings[i]!);
      body = verifyResponseBytes(current.verifier.verifyMany(inputs, at === undefined ? {} : { at }), current.snapshotJson, evidence === 'full');
    }
    return c.body(body as Uint8Array<ArrayBuffer>, 200, JSON_HEADERS);
  }
  return app;
}
