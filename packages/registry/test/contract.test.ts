// Contract (issue 14): the served /openapi.json and the server agree. A client generated from the
// document (openapi-typescript types, openapi-fetch calls) drives every operation on a live
// registry on loopback with valid and invalid inputs (bad parameters and bodies, missing and wrong
// tokens, oversized bodies, methods the path does not have), and every answer is checked against
// the document: status listed, body valid for that status and content type (ajv, JSON Schema
// 2020-12), documented headers present, notable headers documented. The test lists every drift.
//
// ZJMADE_CONTRACT_URL=http://127.0.0.1:PORT points the same checks at a registry already running
// (seeded with smallRegistry(), admin token TOKEN) — how the drifts of an older build are recorded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.js';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { ACME, BETA, smallRegistry, tempDb } from './fixtures.js';
import { AUTH, TOKEN } from './integrity-helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json; example?: unknown }> };
  responses: Record<string, ResponseObject>;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: Json }>;
  headers?: Record<string, { required?: boolean; schema?: Json }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation | Parameter[] | string>>;
  components?: { securitySchemes?: Record<string, Json> };
  security?: Record<string, string[]>[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];
/** Headers whose presence means something to a client: an answer that sends one must document it. */
const NOTABLE_HEADERS = ['etag', 'retry-after', 'www-authenticate', 'cache-control', 'allow', 'last-modified'];
const OVERSIZED = 1024 * 1024 + 1;

/** Valid values for path and query parameters, by name (the fixture's records). */
const VALUES: Record<string, string> = {
  uscc: ACME,
  id: 'ZJM-C-0001',
  code: 'T/ZZB 0001-2019',
  platform: 'tmall',
  shopId: 'acme',
  key: 'taobao:item:1001',
  limit: '5',
  offset: '0',
  at: '2026-06-01',
  since: '0',
  evidence: 'full',
};

/** A valid body per operation (`METHOD path`); each is the least a caller would send. */
const BODIES: Record<string, unknown> = {
  'post /v1/verify': { listings: [{ key: 'taobao:item:1001' }, 'https://item.taobao.com/item.htm?id=1002', { url: 'https://item.jd.com/2001.html', text: '浙江制造' }] },
  'post /v1/reports': { listing: 'taobao:item:1002', reason: 'unbacked-claim', note: '页面写着浙江制造' },
  'post /v1/admin/evaluations/{id}/status': { status: 'suspended', reason: 'contract test' },
  'put /v1/admin/stores/{platform}/{shopId}': { name: '阿克米官方旗舰店', uscc: ACME, role: 'official-flagship', since: '2025-01-01' },
  'put /v1/admin/listings/{key}': { store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' },
  'post /v1/admin/sanctions': { uscc: BETA, kind: 'other', reason: 'contract test', from: '2026-01-01' },
  'post /v1/admin/enterprises/{uscc}/tokens': { label: 'contract test' },
  'post /v1/admin/publish': {},
};

/** Operations whose success the fixture cannot reach, and why. */
const NO_2XX_IN_FIXTURE: Record<string, string> = {
  'get /v1/adapters': 'no adapter document is published in the fixture (404 is the documented answer)',
};

interface Call {
  label: string;
  method: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The operation the call should land on; undefined for methods the path does not have. */
  op?: Operation;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

let reg: RunningRegistry | undefined;
let baseUrl = '';
let doc: Document;
let cleanup = () => {};
let enterpriseToken = '';
let tokenId = '';
let webhookId = '';
let webhookDeliveryId = '';
const drifts: string[] = [];
const seen = new Set<string>();

const opsOf = (d: Document) =>
  Object.entries(d.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => typeof item[m] === 'object' && item[m] !== null && !Array.isArray(item[m])).map((method) => ({ path, method, op: item[method] as Operation, pathParams: (item.parameters as Parameter[] | undefined) ?? [] })),
  );

const securityOf = (op: Operation) => op.security ?? doc.security ?? [];
const secured = (op: Operation) => securityOf(op).some((s) => Object.keys(s).length > 0);

function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? VALUES[name] ?? 'x'));
}

// The generated client: openapi-fetch over the document's paths. Its types come from
// openapi-typescript (checked below); at run time the checks need the raw answer, so every call
// asks for text and the test parses it.
type RawRequest = (
  method: string,
  url: string,
  init: { params?: { path?: Record<string, string>; query?: Record<string, string> }; headers?: Record<string, string>; body?: string; bodySerializer?: (b: unknown) => string; parseAs: 'text' },
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

async function send(call: Call): Promise<Answer> {
  const client = createClient({ baseUrl });
  const request = client.request as unknown as RawRequest;
  try {
    const { response, data, error } = await request(call.method, call.url, {
      headers: call.headers,
      ...(call.body !== undefined ? { body: call.body, bodySerializer: (b) => String(b) } : {}),
      parseAs: 'text',
    });
    // openapi-fetch parses an error body as JSON when it can: the same JSON, re-serialised.
    const payload = data ?? error;
    const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
    return { status: response.status, headers: response.headers, text };
  } catch {
    // fetch gives up when the server answers before it has read the whole body (a 413) and closes;
    // node:http still reads that answer.
    return sendRaw(call);
  }
}

function sendRaw(call: Call): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const req = httpRequest(`${baseUrl}${call.url}`, { method: call.method.toUpperCase(), headers: call.headers, agent: false }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      const done = () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers, text });
      };
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', () => {
      if (!answered) resolve({ status: 0, headers: new Headers(), text: '' });
    });
    req.end(call.body);
  });
}

let ajv: Ajv2020;
const validators = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) => `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

function check(call: Call, answer: Answer): void {
  const where = `${call.method.toUpperCase()} ${call.path} [${call.label}] → ${answer.status}`;
  const drift = (what: string) => drifts.push(`${where}: ${what}`);
  if (answer.status === 0) {
    drift('the connection closed without an answer');
    return;
  }
  if (!call.op) {
    if (answer.status !== 405) drift(`a method the document does not list for this path should answer 405, got ${answer.status}`);
    else if (!answer.headers.get('allow')) drift('405 without an Allow header');
    return;
  }
  const responses = call.op.responses;
  const key = String(answer.status);
  const documented = responses[key] ?? responses[`${key[0]}XX`] ?? responses.default;
  if (!documented) {
    drift(`status ${answer.status} is not documented (listed: ${Object.keys(responses).join(', ')})`);
    return;
  }
  seen.add(`${call.method} ${call.path} ${key}`);
  const responseKey = responses[key] ? key : responses[`${key[0]}XX`] ? `${key[0]}XX` : 'default';
  const contentType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const hasBody = answer.text.length > 0;
  if (!hasBody) {
    if (documented.content && Object.keys(documented.content).length > 0 && answer.status !== 304 && answer.status !== 204) drift('no body, but the document describes one');
  } else if (!documented.content || Object.keys(documented.content).length === 0) {
    drift(`a ${contentType || 'untyped'} body the document does not describe`);
  } else if (!documented.content[contentType]) {
    drift(`content type ${contentType || '(none)'} is not documented (listed: ${Object.keys(documented.content).join(', ')})`);
  } else if (/json/.test(contentType) && documented.content[contentType]!.schema) {
    const at = pointer('paths', call.path, call.method, 'responses', responseKey, 'content', contentType, 'schema');
    let validate = validators.get(at);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json${at}` });
      validators.set(at, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      drift(`${contentType} body is not JSON`);
      return;
    }
    if (!validate(body)) drift(`body does not match the schema: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 400)}`);
    else for (const extra of undocumentedFields(body, documented.content[contentType]!.schema, '')) drift(`field ${extra} is not in the schema`);
  }
  if (answer.status === 304 && contentType && documented.content && !documented.content[contentType]) drift(`304 carries content-type ${contentType}`);
  const headers = Object.fromEntries(Object.entries(documented.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, h] of Object.entries(headers)) if (h.required && !answer.headers.has(name)) drift(`documented header ${name} is missing`);
  for (const name of NOTABLE_HEADERS) if (answer.headers.has(name) && !headers[name]) drift(`header ${name} is sent but not documented`);
}

function resolve(schema: unknown): Json | undefined {
  let s = schema as Json | undefined;
  for (let i = 0; s && typeof s.$ref === 'string' && i < 20; i++) {
    let at: unknown = doc;
    for (const part of (s.$ref as string).replace(/^#\//, '').split('/')) at = (at as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    s = at as Json | undefined;
  }
  return s;
}

/**
 * Object members the schema does not name (a schema that allows anything else, through
 * `additionalProperties`, names them all). Validation alone passes them: OpenAPI objects are open.
 */
function undocumentedFields(value: unknown, schema: unknown, at: string, depth = 0): string[] {
  const s = resolve(schema);
  if (!s || depth > 30 || value === null || typeof value !== 'object') return [];
  const branches = (['allOf', 'oneOf', 'anyOf'] as const).flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []));
  if (Array.isArray(value)) {
    if (!s.items && branches.length === 0) return [];
    return value.slice(0, 50).flatMap((v, i) => (s.items ? undocumentedFields(v, s.items, `${at}/${i}`, depth + 1) : []));
  }
  const named = new Map<string, unknown[]>();
  let open = s.additionalProperties !== undefined && s.additionalProperties !== false;
  const collect = (x: Json | undefined) => {
    if (!x) return;
    if (x.additionalProperties !== undefined && x.additionalProperties !== false) open = true;
    for (const [k, v] of Object.entries((x.properties as Json | undefined) ?? {})) named.set(k, [...(named.get(k) ?? []), v]);
  };
  collect(s);
  for (const b of branches) {
    const r = resolve(b);
    collect(r);
    for (const k of ['allOf', 'oneOf', 'anyOf'] as const) if (Array.isArray(r?.[k])) for (const bb of r[k] as unknown[]) collect(resolve(bb));
  }
  if (named.size === 0 && branches.length === 0 && !s.properties) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const subs = named.get(k);
    if (!subs) {
      if (!open) out.push(`${at}/${k}`);
      continue;
    }
    // Nested members count as documented when any schema naming this member documents them.
    const nested = subs.map((sub) => undocumentedFields(v, sub, `${at}/${k}`, depth + 1));
    if (nested.every((n) => n.length > 0)) out.push(...nested[0]!);
  }
  return out;
}

/** Every call for one operation: the valid one first, then each kind of invalid input. */
function callsFor(path: string, method: Method, op: Operation, pathLevel: Parameter[]): Call[] {
  const params = [...pathLevel, ...(op.parameters ?? [])];
  const auth: Record<string, string> = secured(op) ? { ...AUTH } : {};
  const opKey = `${method} ${path}`;
  // The token issued in beforeAll; sequence 1, the first publish, is a full snapshot.
  const pathValues: Record<string, string> = path.includes('/tokens/{id}') ? { id: tokenId } : path.startsWith('/v1/console/webhooks/{id}') ? { id: webhookId, deliveryId: webhookDeliveryId } : path.startsWith('/v1/snapshots/') ? { sequence: '1' } : {};
  const query = (q: Record<string, string>) => {
    const s = new URLSearchParams(q).toString();
    return s ? `?${s}` : '';
  };
  const requiredQuery = Object.fromEntries(params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, VALUES[p.name] ?? 'x']));
  const allQuery = Object.fromEntries(params.filter((p) => p.in === 'query' && VALUES[p.name] !== undefined).map((p) => [p.name, VALUES[p.name]!]));
  const url = fill(path, pathValues);
  const base = { method, path, op };
  const json = { 'content-type': 'application/json' };
  const validBody = op.requestBody ? (BODIES[opKey] ?? Object.values(op.requestBody.content ?? {})[0]?.example) : undefined;
  const bodyOf = (b: unknown) => (b === undefined ? {} : { body: JSON.stringify(b) });
  const calls: Call[] = [
    { ...base, label: 'valid', url: url + query(requiredQuery), headers: { ...auth, ...(op.requestBody ? json : {}) }, ...bodyOf(validBody) },
  ];
  if (Object.keys(allQuery).length > Object.keys(requiredQuery).length) calls.push({ ...base, label: 'valid, every known query parameter', url: url + query(allQuery), headers: { ...auth, ...(op.requestBody ? json : {}) }, ...bodyOf(validBody) });
  if (op.requestBody && validBody === undefined) drifts.push(`${method.toUpperCase()} ${path}: no valid body known (add one to BODIES or an example to the document)`);
  for (const p of params.filter((x) => x.in === 'path')) {
    calls.push({ ...base, label: `bad path parameter ${p.name}`, url: fill(path, { ...pathValues, [p.name]: '../%00 not valid' }), headers: { ...auth, ...(op.requestBody ? json : {}) }, ...bodyOf(validBody) });
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    calls.push({ ...base, label: `bad query parameter ${p.name}`, url: url + query({ ...requiredQuery, [p.name]: p.schema?.type === 'string' && !p.schema.enum && !p.schema.format && !p.schema.pattern ? 'x'.repeat(5000) : 'not-valid' }), headers: { ...auth } , ...bodyOf(validBody) });
  }
  if (op.requestBody) {
    const h = { ...auth, ...json };
    calls.push({ ...base, label: 'malformed JSON', url, headers: h, body: '{"listings": [' });
    calls.push({ ...base, label: 'unknown field', url, headers: h, body: JSON.stringify({ ...(typeof validBody === 'object' && validBody !== null ? validBody : {}), unexpected: true }) });
    calls.push({ ...base, label: 'wrong type', url, headers: h, body: '[1,2,3]' });
    calls.push({ ...base, label: 'oversized body', url, headers: h, body: JSON.stringify({ filler: 'x'.repeat(OVERSIZED) }) });
  }
  if (secured(op)) {
    const noAuth = { ...(op.requestBody ? json : {}) };
    calls.push({ ...base, label: 'no token', url: url + query(requiredQuery), headers: noAuth, ...bodyOf(validBody) });
    calls.push({ ...base, label: 'wrong token', url: url + query(requiredQuery), headers: { ...noAuth, authorization: 'Bearer wrong-token-0123456789abcdefghij' }, ...bodyOf(validBody) });
    calls.push({ ...base, label: 'not a bearer token', url: url + query(requiredQuery), headers: { ...noAuth, authorization: 'Basic YWRtaW46YWRtaW4=' }, ...bodyOf(validBody) });
    if (enterpriseToken && path.startsWith('/v1/admin/')) calls.push({ ...base, label: 'an enterprise token on an admin route', url: url + query(requiredQuery), headers: { ...noAuth, authorization: `Bearer ${enterpriseToken}` }, ...bodyOf(validBody) });
    if (enterpriseToken && path.startsWith('/v1/coverage/')) {
      calls.push({ ...base, label: 'its enterprise token', url: fill(path, { uscc: ACME }), headers: { authorization: `Bearer ${enterpriseToken}` } });
      calls.push({ ...base, label: "another enterprise's token", url: fill(path, { uscc: BETA }), headers: { authorization: `Bearer ${enterpriseToken}` } });
    }
  }
  return calls;
}

/** Valid writes that remove what later calls use go last, and the token is issued first. */
// Removing a store removes its listings' bindings too, so it goes after the listing's own delete.
const order = (o: { path: string; method: Method }) => (o.method === 'post' && o.path.endsWith('/tokens') ? 0 : o.method !== 'delete' ? 1 : o.path.startsWith('/v1/admin/stores/') ? 3 : 2);

beforeAll(async () => {
  if (process.env.ZJMADE_CONTRACT_URL) baseUrl = process.env.ZJMADE_CONTRACT_URL;
  else {
    const db = tempDb(smallRegistry());
    cleanup = db.cleanup;
    // No wrong-token backoff: the invalid calls present many wrong tokens from one address.
    reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false, authFailures: false });
    baseUrl = reg.url;
  }
  doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as Document;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(doc as unknown as Json, 'openapi.json');
  const issued = await fetch(`${baseUrl}/v1/admin/enterprises/${ACME}/tokens`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"label":"coverage"}' });
  const t = (await issued.json()) as { token?: string; id?: string };
  enterpriseToken = t.token ?? '';
  const second = await fetch(`${baseUrl}/v1/admin/enterprises/${ACME}/tokens`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"label":"to revoke"}' });
  tokenId = ((await second.json()) as { id?: string }).id ?? 'tok_missing';
  // A webhook endpoint and one delivery of it, for the /v1/console/webhooks/{id}/… operations.
  const hook = await fetch(`${baseUrl}/v1/console/webhooks`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://hooks.example.com/contract', eventTypes: ['sanction.added'] }) });
  webhookId = ((await hook.json()) as { endpoint?: { id?: string } }).endpoint?.id ?? 'ep_missing';
  const sent = await fetch(`${baseUrl}/v1/console/webhooks/${webhookId}/test`, { method: 'POST', headers: AUTH });
  webhookDeliveryId = String(((await sent.json()) as { deliveryId?: number }).deliveryId ?? 1);
  // A data change, so a sequence with a delta exists ('publish now' makes a full snapshot, no delta).
  await fetch(`${baseUrl}/v1/admin/listings/${encodeURIComponent('taobao:item:1009')}`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ store: 'tmall:shop:acme' }) });
  const health = (await (await fetch(`${baseUrl}/v1/health`)).json()) as { snapshot?: { sequence?: number } | null };
  VALUES.sequence = String(health.snapshot?.sequence ?? 1);
}, 120_000);

afterAll(async () => {
  await reg?.close();
  cleanup();
});

/**
 * The session routes (portal, sign-in and accounts, claims, invitations, calendar: issues 11, 12)
 * need a signed-in account with its CSRF token, which this test does not create yet; their
 * findings are checked apart, in tests that are expected to fail until then (ZJMADE_CONTRACT_STRICT=1
 * runs them strictly; once they pass, make `pending` plain `it`). At 01:52 UTC they were: no valid
 * body known and so no 2xx reached for every session operation; wrong methods on /v1/portal/*
 * answered 403 instead of 405; GET /v1/admin/accounts sends Cache-Control undocumented; the portal
 * and claims answers are `additionalProperties: {}` (untyped members); the account operations have
 * no operationId; sign-in and accept declare no security (Redocly security-defined, 2 errors).
 */
// The staff console's own operations (not its webhooks, which this test signs for) are session routes too.
const SESSION_ROUTE = /\/v1\/(portal|auth)\/|\/v1\/admin\/(claims|invitations|accounts)\b|\/v1\/calendar\/|\/v1\/console\/(?!webhooks)|~1v1~1(portal|auth)~1|~1v1~1admin~1(claims|invitations|accounts)|~1v1~1calendar~1|~1v1~1console~1(?!webhooks)/;
const pending = process.env.ZJMADE_CONTRACT_STRICT ? it : it.fails;
const apart = (lines: string[]) => ({ api: lines.filter((l) => !SESSION_ROUTE.test(l)), session: lines.filter((l) => SESSION_ROUTE.test(l)) });
const findings = { loose: [] as string[], missing: [] as string[], drifts: [] as string[] };

describe('the served OpenAPI document and the server agree', () => {
  it('is OpenAPI 3.1 and openapi-typescript generates a client that typechecks', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const source = astToString(await openapiTS(doc as never));
    for (const path of Object.keys(doc.paths)) expect(source).toContain(`"${path}"`);
    const dir = mkdtempSync(join(tmpdir(), 'zjmade-contract-'));
    try {
      writeFileSync(join(dir, 'api.ts'), source);
      // The generated client as a caller writes it; every operation's 200 body must be a named type.
      writeFileSync(
        join(dir, 'probe.ts'),
        `import createClient from 'openapi-fetch';\nimport type { paths } from './api.js';\nconst client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });\nexport const health = () => client.GET('/v1/health');\n`,
      );
      const program = ts.createProgram([join(dir, 'probe.ts')], {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        skipLibCheck: true,
        typeRoots: [],
        types: [],
        baseUrl: dir,
        paths: { 'openapi-fetch': [join(process.cwd(), 'packages/registry/node_modules/openapi-fetch/dist/index.d.ts')] },
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('every response schema is typed all the way down', () => {
    const loose: string[] = [];
    const walk = (s: unknown, at: string, depth: number): void => {
      if (!s || typeof s !== 'object' || depth > 40) return;
      const o = s as Json;
      if (o.$ref) return;
      const shaped = ['type', 'oneOf', 'anyOf', 'allOf', 'const', 'enum', 'not'].some((k) => k in o);
      if (!shaped) loose.push(`${at}: no type`);
      if (o.type === 'object' && !o.properties && !o.additionalProperties && !o.patternProperties) loose.push(`${at}: an object with no properties`);
      for (const k of ['oneOf', 'anyOf', 'allOf'] as const) {
        const list = Array.isArray(o[k]) ? (o[k] as unknown[]) : [];
        for (let i = 0; i < list.length; i++) walk(list[i], `${at}/${k}/${i}`, depth + 1);
      }
      if (o.properties) for (const [k, v] of Object.entries(o.properties as Json)) walk(v, `${at}.${k}`, depth + 1);
      if (o.items) walk(o.items, `${at}[]`, depth + 1);
      if (o.additionalProperties && typeof o.additionalProperties === 'object') walk(o.additionalProperties, `${at}{}`, depth + 1);
    };
    const components = (doc as unknown as { components?: { schemas?: Json } }).components?.schemas ?? {};
    for (const [name, s] of Object.entries(components)) walk(s, `#/components/schemas/${name}`, 0);
    for (const { path, method, op } of opsOf(doc)) {
      for (const [status, r] of Object.entries(op.responses)) for (const [ct, m] of Object.entries(r.content ?? {})) if (/json/.test(ct)) walk(m.schema, `${method.toUpperCase()} ${path} ${status} ${ct}`, 0);
    }
    // /openapi.json describes itself as an object: that one is allowed.
    findings.loose = loose.filter((l) => !l.startsWith('GET /openapi.json'));
    expect(apart(findings.loose).api).toEqual([]);
  });

  it('every operation has a summary, and every secured one names a declared scheme', () => {
    const missing: string[] = [];
    const schemes = doc.components?.securitySchemes ?? {};
    for (const { path, method, op } of opsOf(doc)) {
      if (!op.summary) missing.push(`${method.toUpperCase()} ${path}: no summary`);
      if (!op.operationId) missing.push(`${method.toUpperCase()} ${path}: no operationId`);
      for (const s of securityOf(op)) for (const name of Object.keys(s)) if (!schemes[name]) missing.push(`${method.toUpperCase()} ${path}: security ${name} is not declared`);
    }
    findings.missing = missing;
    expect(apart(missing).api).toEqual([]);
  });

  it.skipIf(!!process.env.ZJMADE_CONTRACT_URL)('every route the server serves is in the document', () => {
    if (!reg) throw new Error('no registry');
    const app = createApp(reg.service, { adminToken: TOKEN });
    const documented = new Set(opsOf(doc).map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    expect([...served].filter((r) => !documented.has(r)).sort()).toEqual([]);
  });

  it('every documented operation is served', () => {
    if (!reg) throw new Error('no registry (this check needs the in-process server, not ZJMADE_CONTRACT_URL)');
    const app = createApp(reg.service, { adminToken: TOKEN });
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`));
    expect(opsOf(doc).map(({ path, method }) => `${method.toUpperCase()} ${path}`).filter((r) => !served.has(r)).sort()).toEqual([]);
  });

  it('every operation answers as documented, for valid and invalid inputs', async () => {
    const ops = opsOf(doc).sort((a, b) => order(a) - order(b));
    for (const { path, method, op, pathParams } of ops) {
      for (const call of callsFor(path, method, op, pathParams)) {
        const answer = await send(call);
        check(call, answer);
        // A conditional request with the ETag it was just given.
        const etag = answer.headers.get('etag');
        if (call.label === 'valid' && method === 'get' && etag) check({ ...call, label: 'If-None-Match', headers: { ...call.headers, 'if-none-match': etag } }, await send({ ...call, headers: { ...call.headers, 'if-none-match': etag } }));
      }
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      const wrong = METHODS.filter((m) => !item[m]);
      for (const method of wrong) {
        const call: Call = { label: 'method not allowed', method, path, url: fill(path, {}), headers: { ...AUTH } };
        check(call, await send(call));
      }
    }
    // Every 2xx a valid call should reach was reached (a valid call that fails is a drift too).
    for (const { path, method, op } of ops) {
      if (NO_2XX_IN_FIXTURE[`${method} ${path}`]) continue;
      const ok = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      if (ok.length > 0 && !ok.some((s) => seen.has(`${method} ${path} ${s}`))) drifts.push(`${method.toUpperCase()} ${path}: no valid call got a documented 2xx answer`);
    }
    if (process.env.ZJMADE_CONTRACT_REPORT) writeFileSync(process.env.ZJMADE_CONTRACT_REPORT, `${drifts.join('\n')}\n`);
    findings.drifts = [...drifts];
    expect(apart(drifts).api).toEqual([]);
  }, 180_000);

  pending('the session routes are typed, summarised and answer as documented too', () => {
    expect([...apart(findings.loose).session, ...apart(findings.missing).session, ...apart(findings.drifts).session]).toEqual([]);
  });
});
