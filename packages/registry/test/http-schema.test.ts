import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { ACME, smallRegistry, type TempDb, tempDb } from './fixtures.js';

type Json = Record<string, unknown>;
const TOKEN = 'http-schema-admin-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };
let reg: RunningRegistry;
let db: TempDb;
let doc: { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> } };

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false });
  doc = (await (await fetch(`${reg.url}/openapi.json`)).json()) as typeof doc;
});
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

const send = (method: string, path: string, body?: unknown) =>
  fetch(`${reg.url}${path}`, { method, headers: { 'content-type': 'application/json', ...AUTH }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const resolve = (s: Json): Json => (typeof s.$ref === 'string' ? doc.components.schemas[s.$ref.split('/').pop()!]! : s);

/** Every string in a schema without a maxLength (enums, consts and formats with their own bound excepted). */
function unbounded(s: Json | undefined, at: string, out: string[], depth = 0): string[] {
  if (!s || depth > 20) return out;
  const o = resolve(s);
  const types = ([] as unknown[]).concat(o.type ?? []);
  if (types.includes('string') && o.maxLength === undefined && !o.enum && o.const === undefined) out.push(at);
  for (const k of ['oneOf', 'anyOf', 'allOf'] as const) for (const [i, x] of ((o[k] as Json[] | undefined) ?? []).entries()) unbounded(x, `${at}/${k}/${i}`, out, depth + 1);
  for (const [k, v] of Object.entries((o.properties as Record<string, Json> | undefined) ?? {})) unbounded(v, `${at}.${k}`, out, depth + 1);
  if (o.items) unbounded(o.items as Json, `${at}[]`, out, depth + 1);
  return out;
}

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

describe('the generated document', () => {
  it('bounds every string a registry route reads (body, path, query)', () => {
    const loose: string[] = [];
    for (const { path, method, op } of operations()) {
      // The accounts and portal sub-apps are documented by their own tests.
      if (/^\/v1\/(auth|portal|calendar)\b|^\/v1\/admin\/(claims|invitations|accounts)\b/.test(path)) continue;
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of (op.parameters as { name: string; in: string; schema: Json }[] | undefined) ?? []) unbounded(p.schema, `${at} ${p.in} ${p.name}`, loose);
      const content = (op.requestBody as { content?: Record<string, { schema: Json }> } | undefined)?.content ?? {};
      for (const m of Object.values(content)) unbounded(m.schema, `${at} body`, loose);
    }
    expect(loose).toEqual([]);
  });

  it('states the limits the server enforces', () => {
    const verify = resolve((doc.paths['/v1/verify']!.post!.requestBody as { content: Record<string, { schema: Json }> }).content['application/json']!.schema);
    expect(((verify.properties as Record<string, Json>).listings as Json).maxItems).toBe(500);
    const limit = (op: Json) => ((op.parameters as { name: string; schema: Json }[]).find((p) => p.name === 'limit')!.schema as Json).maximum;
    expect(limit(doc.paths['/v1/admin/audit']!.get!)).toBe(500);
    expect(limit(doc.paths['/v1/changes']!.get!)).toBe(1000);
    expect(JSON.stringify(doc.paths['/v1/verify']!.post!.responses)).toContain('1048576 bytes');
    expect(JSON.stringify(doc.paths['/v1/reports']!.post!.responses)).toContain('8192 bytes');
  });

  it('takes enums from the SDK constants and types the verdict and coverage down', () => {
    const store = doc.components.schemas.Store!;
    expect((store.properties as Record<string, Json>).platform!.enum).toContain('xiaohongshu');
    const verdict = doc.components.schemas.Verdict!.properties as Record<string, Json>;
    expect(verdict.status!.enum).toContain('store-only');
    expect(JSON.stringify(verdict.source)).toContain('sequence');
    const coverage = doc.components.schemas.CoverageReport!;
    expect(Object.keys(coverage.properties as Json)).toEqual(expect.arrayContaining(['windows', 'source', 'sample', 'unbackedClaims', 'notOurs', 'invalid', 'duplicates', 'shops', 'platforms', 'stores', 'timeline', 'needsAttention', 'limits']));
  });

  it('documents security, summaries, operation ids and error headers', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(expect.arrayContaining(['adminToken', 'cookieAuth', 'enterpriseToken']));
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      if (/^\/v1\/(auth|portal|calendar)\b|^\/v1\/admin\/(claims|invitations|accounts)\b/.test(path)) continue;
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.operationId, `${method} ${path}`).toBeTruthy();
      expect(ids.has(op.operationId as string)).toBe(false);
      ids.add(op.operationId as string);
      expect(op.security, `${method} ${path}`).toBeDefined();
    }
    const coverage = doc.paths['/v1/coverage/{uscc}']!.get!;
    expect(coverage.security).toEqual([{ adminToken: [] }, { enterpriseToken: [] }]);
    const responses = coverage.responses as Record<string, { headers?: Json }>;
    expect(Object.keys(responses['401']!.headers!)).toContain('WWW-Authenticate');
    expect(Object.keys(responses['429']!.headers!)).toContain('Retry-After');
    expect(Object.keys((doc.paths['/v1/snapshot']!.get!.responses as Record<string, { headers?: Json }>)['200']!.headers!)).toContain('ETag');
    expect(Object.keys(doc.paths['/v1/admin/audit']!.get!.responses as Json)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '405', '413', '429', '503', '507']));
  });
});

describe('wrong methods and conditional answers', () => {
  it('answers a known path asked with another method 405, with Allow and a problem', async () => {
    const r = await fetch(`${reg.url}/v1/verify`);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(((await r.json()) as { type: string }).type).toBe('https://zjmade.dev/problems/method-not-allowed');
    const health = await fetch(`${reg.url}/v1/health`, { method: 'DELETE' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD');
    const store = await send('POST', '/v1/admin/stores/tmall/acme', {});
    expect(store.status).toBe(405);
    expect(store.headers.get('allow')).toBe('DELETE, PUT');
    // A path with a slash in its parameter is still known.
    expect((await fetch(`${reg.url}/v1/standards/T/ZZB%200001-2019`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${reg.url}/v1/nothing-here`)).status).toBe(404);
  });

  it('sends no Content-Type with a 304', async () => {
    const first = await fetch(`${reg.url}/v1/snapshot`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const again = await fetch(`${reg.url}/v1/snapshot`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-type')).toBeNull();
  });
});

describe('free text that must say something', () => {
  const pathsOf = async (r: Response) => {
    expect(r.status).toBe(400);
    return ((await r.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
  };
  for (const blank of ['   ', '\t\n', '\u3000']) {
    it(`refuses ${JSON.stringify(blank)} as a status change reason, a sanction reason, a store name and a report listing`, async () => {
      expect(await pathsOf(await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'suspended', reason: blank }))).toContain('/reason');
      expect(await pathsOf(await send('POST', '/v1/admin/sanctions', { uscc: ACME, kind: 'other', reason: blank, from: '2025-01-01' }))).toContain('/reason');
      expect(await pathsOf(await send('PUT', '/v1/admin/stores/tmall/acme', { uscc: ACME, name: blank, role: 'official-flagship', since: '2025-01-01' }))).toContain('/name');
      expect(await pathsOf(await send('POST', '/v1/reports', { listing: blank, reason: 'other' }))).toContain('/listing');
    });
  }

  it('nothing refused was written', async () => {
    const audit = (await (await send('GET', '/v1/admin/audit')).json()) as { items: { action: string }[] };
    expect(audit.items.map((e) => e.action).filter((a) => /^(evaluation|sanction|store)\./.test(a))).toEqual([]);
    const reports = (await (await send('GET', '/v1/admin/reports')).json()) as { total: number };
    expect(reports.total).toBe(0);
  });

  it('still takes real text', async () => {
    const r = await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'suspended', reason: ' 抽检不合格 ' });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { committed: boolean }).committed).toBe(true);
  });
});
