// Contract (issue 14): the served /openapi.json and the server agree. A client generated from the
// document (openapi-typescript types, openapi-fetch calls) drives every operation on a live
// registry on loopback with valid and invalid inputs (bad parameters and bodies, missing and wrong
// tokens, oversized bodies, methods the path does not have), and every answer is checked against
// the document: status listed, body valid for that status and content type (ajv, JSON Schema
// 2020-12), documented headers present, notable headers documented. The test lists every drift.
// The session routes are driven signed in: beforeAll makes accounts and sessions through the real
// invitation, accept and sign-in routes (an ACME user, staff, a reviewer, throwaway sessions for
// sign-out and password), and the records their calls act on (claims with evidence, an approved
// claim, a listing upload, webhook endpoints to a loopback receiver, import dry runs, a report, a
// sanction, standby keys, accounts to disable); each is also called without a session, with a
// forged cookie, without CSRF and with the wrong role.
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
import { inviteAndAccept, PASSWORD, type SignedInClient, signIn } from './account-helpers.js';
import { goodRow, ZH_HEADERS } from './import-helpers.js';
import { AUTH, TOKEN } from './integrity-helpers.js';
import { claimForm, PDF, PNG } from './portal-helpers.js';
import { FAST, type Receiver, receiver } from './webhooks-helpers.js';

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
  body?: string | FormData;
  /** The status this call must get (the session cases: 401 without a session, 403 without CSRF or with the wrong role). */
  expect?: number;
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
  init: { params?: { path?: Record<string, string>; query?: Record<string, string> }; headers?: Record<string, string>; body?: string | FormData; bodySerializer?: (b: unknown) => string | FormData; parseAs: 'text' },
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

async function send(call: Call): Promise<Answer> {
  const client = createClient({ baseUrl });
  const request = client.request as unknown as RawRequest;
  try {
    const { response, data, error } = await request(call.method, call.url, {
      headers: call.headers,
      ...(call.body !== undefined ? { body: call.body, bodySerializer: (b) => (b instanceof FormData ? b : String(b)) } : {}),
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

async function sendRaw(call: Call): Promise<Answer> {
  if (call.body instanceof FormData) {
    // node:http writes bytes: the multipart encoding fetch would have sent, with its boundary.
    const encoded = new Request('http://127.0.0.1/', { method: 'POST', body: call.body });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    return sendBytes(call, { ...call.headers, 'content-type': encoded.headers.get('content-type') ?? '' }, bytes);
  }
  return sendBytes(call, call.headers, call.body);
}

function sendBytes(call: Call, headers: Record<string, string>, body: string | Buffer | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const req = httpRequest(`${baseUrl}${call.url}`, { method: call.method.toUpperCase(), headers, agent: false }, (res) => {
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
    req.end(body);
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
  if (call.expect !== undefined && answer.status !== call.expect) drift(`expected ${call.expect}`);
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

/** The signed-in sessions, made through the real invitation, accept and sign-in routes in beforeAll. */
const S = {} as Record<'enterprise' | 'staff' | 'reviewer' | 'signOut' | 'password', SignedInClient>;
/** Ids the fixtures created, by what they are. */
const F: Record<string, string> = {};
let hooks: Receiver | undefined;

const sessionHeaders = (c: SignedInClient, csrf = true): Record<string, string> => ({ cookie: c.cookie, origin: baseUrl, ...(csrf ? { 'x-csrf-token': c.csrf } : {}) });
const schemesOf = (op: Operation) => new Set(securityOf(op).flatMap((s) => Object.keys(s)));
const unsafe = (m: string) => m !== 'get';

/** The session a cookie-only operation needs: its prefix says whose (portal and auth: the enterprise user). */
function sessionFor(path: string, method: Method): SignedInClient {
  if (path === '/v1/auth/sign-out') return S.signOut;
  if (path === '/v1/auth/password') return S.password;
  if (path.startsWith('/v1/console/') || path.startsWith('/v1/admin/')) return S.staff;
  void method;
  return S.enterprise;
}

/** A signed-in account the operation refuses (403), or undefined when every role may call it. */
function wrongRole(path: string, op: Operation & { 'x-roles'?: string[] }): SignedInClient | undefined {
  if (path.startsWith('/v1/auth/')) return undefined;
  if (path.startsWith('/v1/portal/')) return S.staff;
  const roles = op['x-roles'];
  if (path.startsWith('/v1/console/') && roles && !roles.includes('reviewer')) return S.reviewer;
  return S.enterprise;
}

/** Path values by operation: `id` is a claim, a webhook, an import, a report, a sanction or an account depending on the path. */
function pathValuesFor(path: string, method: Method): Record<string, string> {
  if (path.includes('/tokens/{id}')) return { id: tokenId };
  if (path.startsWith('/v1/console/webhooks/{id}')) return { id: webhookId, deliveryId: webhookDeliveryId };
  if (path.startsWith('/v1/portal/webhooks/{id}')) return { id: F.portalWebhook!, deliveryId: F.portalDelivery! };
  if (path.startsWith('/v1/snapshots/')) return { sequence: F.fullSequence ?? '1' };
  if (path === '/v1/admin/claims/{id}/approve') return { id: F.claimAdminApprove! };
  if (path === '/v1/admin/claims/{id}/reject') return { id: F.claimAdminReject! };
  if (path === '/v1/console/claims/{id}/approve') return { id: F.claimConsoleApprove! };
  if (path === '/v1/console/claims/{id}/reject') return { id: F.claimConsoleReject! };
  if (path === '/v1/portal/claims/{id}' && method === 'delete') return { id: F.claimWithdraw! };
  if (/\/claims\/\{id\}/.test(path)) return { id: F.claimApproved! };
  if (path === '/v1/console/imports/{id}' && method === 'delete') return { id: F.importDelete! };
  if (path.startsWith('/v1/console/imports/{id}')) return { id: F.importCommit! };
  if (path.startsWith('/v1/console/reports/{id}')) return { id: F.report! };
  if (path.startsWith('/v1/console/sanctions/{id}')) return { id: F.sanction! };
  if (path === '/v1/console/keys/{kid}/activate') return { kid: F.keyActivate! };
  if (path === '/v1/console/keys/{kid}/retire') return { kid: F.keyRetire! };
  if (path === '/v1/console/people/{id}/disable') return { id: F.personDisable! };
  if (path === '/v1/console/people/{id}/enable') return { id: F.personEnable! };
  if (path === '/v1/admin/accounts/{id}/disable') return { id: F.accountDisable! };
  if (path === '/v1/console/evaluations/{id}/status') return { id: 'ZJM-D-0002' };
  if (path === '/v1/calendar/{file}') return { file: F.calendarFile! };
  return {};
}

let invitationCount = 0;
/** A valid body per operation, made when asked (a multipart body is a fresh FormData; an invitation a fresh address). */
function validBodyFor(opKey: string, op: Operation): unknown {
  switch (opKey) {
    case 'post /v1/auth/sign-in':
      return { email: S.enterprise.account.email, password: PASSWORD };
    case 'post /v1/auth/accept':
      return { token: F.acceptToken, password: PASSWORD };
    case 'post /v1/auth/password':
      return { currentPassword: PASSWORD, newPassword: 'another correct horse staple' };
    case 'post /v1/admin/invitations':
      return { email: `invited-${++invitationCount}@registry.example`, role: 'reviewer' };
    case 'post /v1/console/people/invitations':
      return { email: `people-${++invitationCount}@registry.example`, role: 'reviewer' };
    case 'post /v1/admin/claims/{id}/approve':
    case 'post /v1/admin/claims/{id}/reject':
    case 'post /v1/console/claims/{id}/approve':
    case 'post /v1/console/claims/{id}/reject':
      return { reason: 'contract test' };
    case 'post /v1/portal/claims':
      return claimForm({ url: 'https://acme-new.tmall.com/', name: '阿克米新店' });
    case 'post /v1/portal/listings/upload':
      return listingForm();
    case 'post /v1/portal/bindings':
      return { bindings: [{ key: 'taobao:item:1003', store: 'tmall:shop:acme' }] };
    case 'delete /v1/portal/bindings':
      return { keys: ['taobao:item:1003'] };
    case 'post /v1/console/imports':
      return importForm();
    case 'post /v1/console/evaluations/{id}/status':
      return { action: 'suspend', reason: 'contract test' };
    case 'post /v1/console/reports/triage':
      return { ids: [F.report], state: 'investigating', note: 'contract test' };
    case 'post /v1/console/sanctions':
      return { uscc: BETA, kind: 'other', reason: 'contract test', from: '2026-01-01' };
    case 'post /v1/console/sanctions/{id}/lift':
      return { until: '2026-12-31', reason: 'contract test' };
    case 'post /v1/portal/webhooks':
    case 'post /v1/console/webhooks':
      return { url: hooks!.url, eventTypes: ['sanction.added'] };
    case 'post /v1/portal/webhooks/{id}/replay':
    case 'post /v1/console/webhooks/{id}/replay':
      return { since: '2026-01-01T00:00:00Z' };
    default:
      return BODIES[opKey] ?? Object.values(op.requestBody?.content ?? {})[0]?.example;
  }
}

const CSV_EXPORT = '商品编号,商品名称,店铺\n1003,阿克米 电热水壶 K-1,阿克米官方旗舰店\n';
function listingForm(file: Blob = new Blob([CSV_EXPORT], { type: 'text/csv' }), name = 'export.csv'): FormData {
  const f = new FormData();
  f.set('file', file, name);
  f.set('platform', 'taobao');
  return f;
}
const importCsv = () => `\uFEFF${[ZH_HEADERS, goodRow(1), goodRow(2)].map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).join(',')).join('\n')}\n`;
function importForm(file: Blob = new Blob([importCsv()], { type: 'text/csv' }), name = 'list.csv'): FormData {
  const f = new FormData();
  f.set('file', file, name);
  return f;
}
/** Multipart bodies a caller gets wrong: a file of the wrong type, an oversized file, no fields at all. */
function badForms(opKey: string): { label: string; body: FormData }[] {
  const exe = new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], { type: 'application/x-msdownload' });
  const big = (type: string) => new Blob([new Uint8Array(12 * 1024 * 1024 + 1)], { type });
  const empty = { label: 'multipart without its fields', body: new FormData() };
  if (opKey === 'post /v1/portal/claims')
    return [
      empty,
      { label: 'evidence of a wrong file type', body: claimForm({ url: 'https://acme-bad.tmall.com/' }, { bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]), name: 'x.exe', type: 'application/x-msdownload' }) },
      { label: 'oversized evidence', body: claimForm({ url: 'https://acme-big.tmall.com/' }, { bytes: new Uint8Array(12 * 1024 * 1024 + 1), name: 'big.png', type: 'image/png' }) },
    ];
  if (opKey === 'post /v1/portal/listings/upload') return [empty, { label: 'a file of a wrong type', body: listingForm(exe, 'x.exe') }, { label: 'oversized file', body: listingForm(big('text/csv'), 'big.csv') }];
  if (opKey === 'post /v1/console/imports') return [empty, { label: 'a file of a wrong type', body: importForm(exe, 'x.exe') }, { label: 'oversized file', body: importForm(big('text/csv'), 'big.csv') }];
  return [empty];
}

/** Every call for one operation: the valid one first, then each kind of invalid input. */
function callsFor(path: string, method: Method, op: Operation, pathLevel: Parameter[]): Call[] {
  const params = [...pathLevel, ...(op.parameters ?? [])];
  const schemes = schemesOf(op);
  const cookieOnly = schemes.has('cookieAuth') && !schemes.has('adminToken');
  // Unsecured writes (sign-in, accept) come from the registry's own pages: same Origin.
  const auth: Record<string, string> = cookieOnly ? sessionHeaders(sessionFor(path, method)) : secured(op) ? { ...AUTH } : unsafe(method) ? { origin: baseUrl } : {};
  const opKey = `${method} ${path}`;
  const pathValues = pathValuesFor(path, method);
  const query = (q: Record<string, string>) => {
    const s = new URLSearchParams(q).toString();
    return s ? `?${s}` : '';
  };
  const requiredQuery = Object.fromEntries(params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, VALUES[p.name] ?? 'x']));
  const allQuery = Object.fromEntries(params.filter((p) => p.in === 'query' && VALUES[p.name] !== undefined).map((p) => [p.name, VALUES[p.name]!]));
  const url = fill(path, pathValues);
  const base = { method, path, op };
  const multipart = Object.keys(op.requestBody?.content ?? {})[0] === 'multipart/form-data';
  const json: Record<string, string> = op.requestBody && !multipart ? { 'content-type': 'application/json' } : {};
  const validBody = () => (op.requestBody ? validBodyFor(opKey, op) : undefined);
  const bodyOf = (b: unknown) => (b === undefined ? {} : { body: b instanceof FormData ? b : JSON.stringify(b) });
  const calls: Call[] = [{ ...base, label: 'valid', url: url + query(requiredQuery), headers: { ...auth, ...json }, ...bodyOf(validBody()) }];
  if (Object.keys(allQuery).length > Object.keys(requiredQuery).length) calls.push({ ...base, label: 'valid, every known query parameter', url: url + query(allQuery), headers: { ...auth, ...json }, ...bodyOf(validBody()) });
  if (op.requestBody && validBody() === undefined) drifts.push(`${method.toUpperCase()} ${path}: no valid body known (add one to BODIES or an example to the document)`);
  if (schemes.has('cookieAuth') && schemes.has('adminToken')) calls.push({ ...base, label: 'valid, staff session', url: url + query(requiredQuery), headers: { ...sessionHeaders(S.staff), ...json }, ...bodyOf(validBody()) });
  for (const p of params.filter((x) => x.in === 'path')) {
    calls.push({ ...base, label: `bad path parameter ${p.name}`, url: fill(path, { ...pathValues, [p.name]: '../%00 not valid' }), headers: { ...auth, ...json }, ...bodyOf(validBody()) });
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    calls.push({ ...base, label: `bad query parameter ${p.name}`, url: url + query({ ...requiredQuery, [p.name]: p.schema?.type === 'string' && !p.schema.enum && !p.schema.format && !p.schema.pattern ? 'x'.repeat(5000) : 'not-valid' }), headers: { ...auth }, ...bodyOf(validBody()) });
  }
  if (op.requestBody && multipart) {
    for (const bad of badForms(opKey)) calls.push({ ...base, label: bad.label, url, headers: { ...auth }, body: bad.body });
  } else if (op.requestBody) {
    const h = { ...auth, 'content-type': 'application/json' };
    const valid = validBody();
    calls.push({ ...base, label: 'malformed JSON', url, headers: h, body: '{"listings": [' });
    calls.push({ ...base, label: 'unknown field', url, headers: h, body: JSON.stringify({ ...(typeof valid === 'object' && valid !== null ? valid : {}), unexpected: true }) });
    calls.push({ ...base, label: 'wrong type', url, headers: h, body: '[1,2,3]' });
    calls.push({ ...base, label: 'oversized body', url, headers: h, body: JSON.stringify({ filler: 'x'.repeat(OVERSIZED) }) });
  }
  if (secured(op)) {
    const noAuth = { ...json, ...(unsafe(method) ? { origin: baseUrl } : {}) };
    const target = url + query(requiredQuery);
    calls.push({ ...base, label: 'no token', url: target, headers: noAuth, ...bodyOf(validBody()) });
    calls.push({ ...base, label: 'wrong token', url: target, headers: { ...noAuth, authorization: 'Bearer wrong-token-0123456789abcdefghij' }, ...bodyOf(validBody()) });
    calls.push({ ...base, label: 'not a bearer token', url: target, headers: { ...noAuth, authorization: 'Basic YWRtaW46YWRtaW4=' }, ...bodyOf(validBody()) });
    if (enterpriseToken && path.startsWith('/v1/admin/')) calls.push({ ...base, label: 'an enterprise token on an admin route', url: target, headers: { ...noAuth, authorization: `Bearer ${enterpriseToken}` }, ...bodyOf(validBody()) });
    if (enterpriseToken && path.startsWith('/v1/coverage/')) {
      calls.push({ ...base, label: 'its enterprise token', url: fill(path, { uscc: ACME }), headers: { authorization: `Bearer ${enterpriseToken}` } });
      calls.push({ ...base, label: "another enterprise's token", url: fill(path, { uscc: BETA }), headers: { authorization: `Bearer ${enterpriseToken}` } });
    }
  }
  if (schemes.has('cookieAuth')) {
    const target = url + query(requiredQuery);
    const noSession = { ...json, origin: baseUrl };
    calls.push({ ...base, label: 'no session cookie', url: target, headers: noSession, ...bodyOf(validBody()), expect: 401 });
    calls.push({ ...base, label: 'a forged session cookie', url: target, headers: { ...noSession, cookie: 'zj_session=forged0123456789abcdefghijklmnopqrstuv', 'x-csrf-token': 'forged' }, ...bodyOf(validBody()), expect: 401 });
    const own = cookieOnly ? sessionFor(path, method) : S.staff;
    // The sign-out and password sessions are spent by their valid calls: the CSRF case uses a live one.
    const live = own === S.signOut || own === S.password ? S.enterprise : own;
    if (unsafe(method)) calls.push({ ...base, label: 'the session without CSRF', url: target, headers: { ...sessionHeaders(live, false), ...json }, ...bodyOf(validBody()), expect: 403 });
    const wrong = wrongRole(path, op);
    if (wrong) calls.push({ ...base, label: 'a session of the wrong role', url: target, headers: { ...sessionHeaders(wrong), ...json }, ...bodyOf(validBody()), expect: 403 });
  }
  return calls;
}

/** Valid writes that remove what later calls use go last, and the token is issued first. */
// Removing a store removes its listings' bindings too, so it goes after the listing's own delete.
// Sign-out, disabling, retiring, rejecting and deleting come after every call that reads what they end.
const DESTRUCTIVE = /\/(sign-out|disable|retire|reject)$/;
const order = (o: { path: string; method: Method }) =>
  o.method === 'post' && o.path.endsWith('/tokens') ? 0 : o.method === 'delete' ? (o.path.startsWith('/v1/admin/stores/') ? 4 : 3) : DESTRUCTIVE.test(o.path) ? 2 : 1;

async function must(res: Response | Promise<Response>, what: string): Promise<Json> {
  const r = await res;
  const text = await r.text();
  if (!r.ok) throw new Error(`fixture ${what} answered ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as Json;
}
const idIn = (body: Json, ...keys: string[]): string => {
  for (const k of keys) {
    const v = k.split('.').reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Json)[p] : undefined), body);
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  throw new Error(`no ${keys.join(' / ')} in ${JSON.stringify(body).slice(0, 300)}`);
};

/** Accounts, sessions and the records the session operations act on, all through the real routes. */
async function sessionFixtures(): Promise<void> {
  const admin = (path: string, body?: unknown, method = 'POST') => fetch(`${baseUrl}${path}`, { method, headers: { ...AUTH, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  S.enterprise = await inviteAndAccept(baseUrl, { email: 'ops@acme.example', uscc: ACME });
  S.staff = await inviteAndAccept(baseUrl, { email: 'staff@registry.example', role: 'staff' });
  S.reviewer = await inviteAndAccept(baseUrl, { email: 'reviewer@registry.example', role: 'reviewer' });
  S.signOut = await signIn(baseUrl, 'ops@acme.example');
  S.password = await inviteAndAccept(baseUrl, { email: 'password@acme.example', uscc: ACME });
  F.acceptToken = ((await must(admin('/v1/admin/invitations', { email: 'accept@acme.example', uscc: ACME }), 'invite')).link as string).split('#')[1]!;
  for (const [key, email] of [['personDisable', 'p1'], ['personEnable', 'p2'], ['accountDisable', 'p3']] as const) {
    F[key] = (await inviteAndAccept(baseUrl, { email: `${email}@registry.example`, role: 'reviewer' })).account.id;
  }
  await must(S.staff.fetch(`/v1/console/people/${F.personEnable}/disable`, { method: 'POST' }), 'disable a person');
  // Claims: one approved, and one pending claim for each approve, reject and withdraw call.
  const claim = async (shop: string) => idIn(await must(S.enterprise.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: `https://${shop}.tmall.com/`, name: `阿克米${shop}` }, { bytes: PDF, name: '授权书.pdf', type: 'application/pdf' }) }), 'claim'), 'id', 'claim.id');
  F.claimApproved = await claim('acme-approved');
  await must(admin(`/v1/admin/claims/${F.claimApproved}/approve`, { reason: 'contract fixture' }), 'approve a claim');
  for (const k of ['claimAdminApprove', 'claimAdminReject', 'claimConsoleApprove', 'claimConsoleReject', 'claimWithdraw']) F[k] = await claim(k.toLowerCase());
  void PNG;
  await must(S.enterprise.fetch('/v1/portal/listings/upload', { method: 'POST', body: listingForm() }), 'listing upload');
  // Webhook endpoints (portal and console) to a receiver on loopback, and a delivery of each.
  const portalHook = await must(S.enterprise.fetch('/v1/portal/webhooks', { method: 'POST', json: { url: hooks!.url, eventTypes: ['sanction.added'] } }), 'portal webhook');
  F.portalWebhook = idIn(portalHook, 'endpoint.id');
  F.portalDelivery = idIn(await must(S.enterprise.fetch(`/v1/portal/webhooks/${F.portalWebhook}/test`, { method: 'POST' }), 'portal webhook test'), 'deliveryId');
  // Two import dry runs: one to commit, one to delete.
  F.importCommit = idIn(await must(S.staff.fetch('/v1/console/imports', { method: 'POST', body: importForm() }), 'import'), 'id', 'job.id');
  F.importDelete = idIn(await must(S.staff.fetch('/v1/console/imports', { method: 'POST', body: importForm() }), 'import'), 'id', 'job.id');
  for (const id of [F.importCommit, F.importDelete]) {
    for (let i = 0; i < 200; i++) {
      const job = await must(S.staff.fetch(`/v1/console/imports/${id}`), 'import state');
      if (job.state !== 'reading') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  F.report = idIn(await must(fetch(`${baseUrl}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listing: 'taobao:item:1001', reason: 'unbacked-claim', note: 'fixture' }) }), 'report'), 'id');
  F.sanction = idIn(await must(S.staff.fetch('/v1/console/sanctions', { method: 'POST', json: { uscc: BETA, kind: 'other', reason: 'contract fixture', from: '2026-01-01' } }), 'sanction'), 'id', 'sanction.id');
  const kidOf = (b: Json) => idIn(b, 'kid', 'key.kid');
  F.keyActivate = kidOf(await must(S.staff.fetch('/v1/console/keys', { method: 'POST' }), 'standby key'));
  F.keyRetire = kidOf(await must(S.staff.fetch('/v1/console/keys', { method: 'POST' }), 'standby key'));
  noteCalendar(await (await S.enterprise.fetch('/v1/portal/calendar/rotate', { method: 'POST' })).text());
}

/** The feed's file name from an answer naming its URL (a rotation makes a new one). */
const noteCalendar = (text: string) => {
  const file = /\/v1\/calendar\/([^"?#\s]+)/.exec(text)?.[1];
  if (file) F.calendarFile = file;
};

beforeAll(async () => {
  // Every webhook endpoint the run makes points at this receiver on loopback (a registry under
  // ZJMADE_CONTRACT_URL must allow loopback webhooks for its deliveries to land).
  hooks = await receiver();
  if (process.env.ZJMADE_CONTRACT_URL) baseUrl = process.env.ZJMADE_CONTRACT_URL;
  else {
    const db = tempDb(smallRegistry());
    cleanup = db.cleanup;
    // No wrong-token backoff: the invalid calls present many wrong tokens from one address.
    reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false, authFailures: false, webhooks: FAST });
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
  const hook = await fetch(`${baseUrl}/v1/console/webhooks`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ url: hooks.url, eventTypes: ['sanction.added'] }) });
  webhookId = ((await hook.json()) as { endpoint?: { id?: string } }).endpoint?.id ?? 'ep_missing';
  const sent = await fetch(`${baseUrl}/v1/console/webhooks/${webhookId}/test`, { method: 'POST', headers: AUTH });
  webhookDeliveryId = String(((await sent.json()) as { deliveryId?: number }).deliveryId ?? 1);
  // A data change, so a sequence with a delta exists ('publish now' makes a full snapshot, no delta).
  await fetch(`${baseUrl}/v1/admin/listings/${encodeURIComponent('taobao:item:1009')}`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ store: 'tmall:shop:acme' }) });
  await sessionFixtures();
  const health = (await (await fetch(`${baseUrl}/v1/health`)).json()) as { snapshot?: { sequence?: number } | null };
  VALUES.sequence = String(health.snapshot?.sequence ?? 1);
}, 180_000);

afterAll(async () => {
  await reg?.close();
  await hooks?.close();
  cleanup();
});

/**
 * Answers still documented in words (a `loose` object whose members are not typed yet): the portal,
 * claims and console answers of issues 11 and 12. Each one listed here is a known gap, not a pass;
 * give the answer a zod schema in its route file and remove it from the list (the test fails for
 * an entry that is typed by then, so the list cannot go stale).
 */
const UNTYPED_ANSWERS = new Set<string>([
]);
/** The static web apps (http/static-apps.ts): pages for a browser, not API operations, so not in the document. */
const STATIC_PAGES = ['/portal/', '/console/'];
const untypedAnswer = (line: string) => /^(\S+ \S+ \d{3}) application\/json\{\}: no type$/.exec(line)?.[1];

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
    const found = loose.filter((l) => !l.startsWith('GET /openapi.json'));
    expect(found.filter((l) => !UNTYPED_ANSWERS.has(untypedAnswer(l) ?? ''))).toEqual([]);
    // An answer typed since it was listed: take it off the list.
    expect([...UNTYPED_ANSWERS].filter((a) => !found.some((l) => untypedAnswer(l) === a))).toEqual([]);
  });

  it('every operation has a summary, and every secured one names a declared scheme', () => {
    const missing: string[] = [];
    const schemes = doc.components?.securitySchemes ?? {};
    for (const { path, method, op } of opsOf(doc)) {
      if (!op.summary) missing.push(`${method.toUpperCase()} ${path}: no summary`);
      if (!op.operationId) missing.push(`${method.toUpperCase()} ${path}: no operationId`);
      for (const s of securityOf(op)) for (const name of Object.keys(s)) if (!schemes[name]) missing.push(`${method.toUpperCase()} ${path}: security ${name} is not declared`);
    }
    expect(missing).toEqual([]);
  });

  it.skipIf(!!process.env.ZJMADE_CONTRACT_URL)('every route the server serves is in the document', () => {
    if (!reg) throw new Error('no registry');
    const app = createApp(reg.service, { adminToken: TOKEN });
    const documented = new Set(opsOf(doc).map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && r.method !== 'HEAD' && !STATIC_PAGES.some((p) => r.path.startsWith(p)))
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
      // Writes publish as the run goes: the kept full snapshot is the one the latest pointer names now.
      if (path === '/v1/snapshots/{sequence}') {
        const pointer = (await (await fetch(`${baseUrl}/v1/snapshot/latest`)).json()) as { payload?: string };
        F.fullSequence = String((JSON.parse(pointer.payload ?? '{}') as { sequence?: number }).sequence ?? 1);
      }
      for (const call of callsFor(path, method, op, pathParams)) {
        const answer = await send(call);
        check(call, answer);
        if (call.path === '/v1/portal/calendar/rotate' && answer.status === 200) noteCalendar(answer.text);
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
    expect(drifts).toEqual([]);
  }, 180_000);

});
