import { createRoute, z } from '@hono/zod-openapi';
import { type ListingRef, refFromKey, toEpochMs } from '@zjmade/sdk';
import type { Context } from 'hono';
import type { RegistryService } from '../../service.js';
import { compactAnswerBytes } from '../batch-answer.js';
import { validate } from '../body.js';
import { fastVerifyBody } from '../fast-verify-body.js';
import { COMMON_PROBLEMS, declare, jsonAnswer, jsonBody, problems, type RouteApp, routeApp } from '../openapi-kit.js';
import { malformedJson, problem } from '../problem.js';
import { readRawBody } from '../raw-body.js';
import { verifyResponseBytes } from '../verdict-json.js';
import { compactVerifyAnswer, EVIDENCE_FORMS, fullVerifyAnswer, type ListingItem, MAX_BATCH, noneVerifyAnswer, verifyBody } from '../verify-schemas.js';

type VerifyInput = ListingRef | string | { listing: ListingRef | string; text?: string };

function toInput(item: ListingItem): VerifyInput {
  if (typeof item === 'string') return item;
  if ('key' in item) {
    // An invalid key stays a string so the SDK answers `unknown` / `invalid-listing` for it.
    const listing = refFromKey(item.key) ?? item.key;
    return item.text === undefined ? listing : { listing, text: item.text };
  }
  return item.text === undefined ? item.url : { listing: item.url, text: item.text };
}

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
 * POST /v1/verify: every verdict is computed by the SDK's verifier over the current signed
 * snapshot, at the requested `at` (default: now), on every request — nothing is reused across
 * requests except the serialised form of the snapshot's immutable entities (see verdict-json.ts).
 * The answer is compact by default (each entity once, by reference: batch-answer.ts);
 * `?evidence=full` writes evidence inline in every verdict and `?evidence=none` as `{}`.
 */
export function verifyRoutes(service: Pick<RegistryService, 'current'>, maxBytes: number): RouteApp {
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
    const inputs = new Array<VerifyInput>(listings.length);
    for (let i = 0; i < listings.length; i++) inputs[i] = toInput(listings[i]!);
    const verdicts = current.verifier.verifyMany(inputs, at === undefined ? {} : { at });
    const body =
      evidence === 'compact'
        ? compactAnswerBytes(verdicts, current.snapshotJson, new Date(at === undefined ? Date.now() : toEpochMs(at)).toISOString())
        : verifyResponseBytes(verdicts, current.snapshotJson, evidence === 'full');
    return c.body(body as Uint8Array<ArrayBuffer>, 200, JSON_HEADERS);
  }
  return app;
}
