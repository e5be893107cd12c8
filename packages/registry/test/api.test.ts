import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { ACME, postJson, smallRegistry, type TempDb, tempDb } from './fixtures.js';

let reg: RunningRegistry;
let db: TempDb;

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await startRegistry({ dbPath: db.dbPath, rateLimit: false });
});
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

const problemOf = async (r: Response) => {
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  return (await r.json()) as { type: string; status: number; title: string; detail: string; errors?: { path: string; message: string }[] };
};

describe('public API', () => {
  it('listens on loopback and reports health', async () => {
    expect(reg.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(`${reg.url}/v1/health`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { status: string; snapshot: { sequence: number } };
    expect(body.status).toBe('ok');
    expect(body.snapshot.sequence).toBeGreaterThanOrEqual(1);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('verifies keys and URLs in input order', async () => {
    const r = await postJson(`${reg.url}/v1/verify`, {
      listings: [{ key: 'taobao:item:1001', text: '浙江制造 电热水壶' }, { key: 'taobao:item:1002' }, { key: 'jd:item:2001' }, { key: 'taobao:item:999' }, 'not a url', { key: 'nonsense' }],
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { results: { key: string | null; status: string; claim: string }[]; snapshot: { sequence: number } };
    expect(body.results.map((v) => v.status)).toEqual(['verified', 'store-only', 'verified', 'not-found', 'unknown', 'unknown']);
    expect(body.results[0]!.claim).toBe('backed');
    expect(body.snapshot.sequence).toBeGreaterThanOrEqual(1);
  });

  it('answers for a given time', async () => {
    const r = await postJson(`${reg.url}/v1/verify`, { listings: [{ key: 'taobao:item:1001' }], at: '2024-06-01' });
    const body = (await r.json()) as { results: { status: string }[] };
    // Not issued until 2025: never verified before its issue date.
    expect(body.results[0]!.status).not.toBe('verified');
  });

  it('answers every request for its own time: no verdict is reused across requests', async () => {
    const body = { listings: [{ key: 'taobao:item:1001' }, { key: 'taobao:item:1002' }] };
    const before = Date.now();
    const r = (await (await postJson(`${reg.url}/v1/verify?evidence=full`, body)).json()) as { results: { at: string }[] };
    const after = Date.now();
    for (const v of r.results) {
      expect(Date.parse(v.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(v.at)).toBeLessThanOrEqual(after);
    }
    for (const at of ['2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.001Z', '2030-01-01T00:00:00.000Z']) {
      const v = (await (await postJson(`${reg.url}/v1/verify?evidence=full`, { ...body, at })).json()) as { results: { at: string }[] };
      expect(v.results.map((x) => x.at)).toEqual([at, at]);
    }
  });

  it('leaves the evidence out with ?evidence=none, and rejects other values', async () => {
    const body = { listings: [{ key: 'taobao:item:1001' }, 'https://item.jd.com/2001.html'] };
    const full = (await (await postJson(`${reg.url}/v1/verify?evidence=full`, body)).json()) as { results: { status: string; evidence: { evaluation?: { id: string } } }[] };
    expect(full.results[0]!.evidence.evaluation?.id).toBe('ZJM-C-0001');
    const lean = (await (await postJson(`${reg.url}/v1/verify?evidence=none`, body)).json()) as { results: { status: string; evidence: object }[] };
    expect(lean.results.map((v) => v.status)).toEqual(full.results.map((v) => v.status));
    expect(lean.results.map((v) => v.evidence)).toEqual([{}, {}]);
    const bad = await postJson(`${reg.url}/v1/verify?evidence=some`, body);
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('/evidence');
  });

  it('rejects a verify body over 1 MiB with 413, declared or chunked', async () => {
    const big = JSON.stringify({ listings: ['x'.repeat(1024 * 1024)] });
    const r = await postJson(`${reg.url}/v1/verify`, big);
    expect(r.status).toBe(413);
    expect((await problemOf(r)).type).toBe('https://zjmade.dev/problems/payload-too-large');
    // No Content-Length: the limit holds while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
        for (let i = 0; i < 20; i++) ctl.enqueue(chunk);
        ctl.close();
      },
    });
    const chunked = await fetch(`${reg.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('rejects malformed JSON with 400', async () => {
    const r = await postJson(`${reg.url}/v1/verify`, '{"listings": [');
    expect(r.status).toBe(400);
    const p = await problemOf(r);
    expect(p.type).toBe('https://zjmade.dev/problems/malformed-json');
  });

  it('rejects wrong shapes with 400 and the offending path', async () => {
    const r = await postJson(`${reg.url}/v1/verify`, { listings: ['ok', 42, { key: 'a' }] });
    expect(r.status).toBe(400);
    const p = await problemOf(r);
    expect(p.type).toBe('https://zjmade.dev/problems/invalid-request');
    expect(p.errors?.map((e) => e.path)).toContain('/listings/1');
    const r2 = await postJson(`${reg.url}/v1/verify`, { listings: [], at: 'yesterday' });
    expect((await problemOf(r2)).errors?.[0]?.path).toBe('/at');
    const r3 = await postJson(`${reg.url}/v1/verify`, { items: [] });
    expect(r3.status).toBe(400);
  });

  it('rejects more than 500 listings with 413', async () => {
    const r = await postJson(`${reg.url}/v1/verify`, { listings: Array.from({ length: 501 }, (_, i) => ({ key: `taobao:item:${i}` })) });
    expect(r.status).toBe(413);
    expect((await problemOf(r)).type).toBe('https://zjmade.dev/problems/batch-too-large');
    const ok = await postJson(`${reg.url}/v1/verify`, { listings: Array.from({ length: 500 }, (_, i) => ({ key: `taobao:item:${i}` })) });
    expect(ok.status).toBe(200);
  });

  it('rejects oversized bodies with 413', async () => {
    const r = await postJson(`${reg.url}/v1/reports`, { listing: 'taobao:item:1', reason: 'other', note: 'x'.repeat(9000) });
    expect(r.status).toBe(413);
    expect((await problemOf(r)).type).toBe('https://zjmade.dev/problems/payload-too-large');
  });

  it('serves JWKS and the snapshot with ETag, 304 and gzip', async () => {
    const jwks = (await (await fetch(`${reg.url}/.well-known/jwks.json`)).json()) as { keys: { kty: string; crv: string; kid: string; d?: string }[] };
    expect(jwks.keys.length).toBe(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(jwks.keys[0]!.d).toBeUndefined();

    const r = await fetch(`${reg.url}/v1/snapshot`, { headers: { 'accept-encoding': 'identity' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.zjmade.snapshot');
    expect(r.headers.get('cache-control')).toContain('no-cache');
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"zjm-\d+"$/);
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(0);

    const again = await fetch(`${reg.url}/v1/snapshot`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBeTruthy();

    // Node's fetch asks for gzip and decodes it: same bytes.
    const gz = await fetch(`${reg.url}/v1/snapshot`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(new Uint8Array(await gz.arrayBuffer())).toEqual(bytes);
    const gz304 = await fetch(`${reg.url}/v1/snapshot`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.get('etag')! } });
    expect(gz304.status).toBe(304);
  });

  it('looks up enterprises, evaluations, standards, stores and listings', async () => {
    const e = await fetch(`${reg.url}/v1/enterprises/${ACME}`);
    expect(e.status).toBe(200);
    const eb = (await e.json()) as { enterprise: { name: string }; evaluations: unknown[]; stores: unknown[]; sanctions: unknown[] };
    expect(eb.enterprise.name).toBe('杭州阿克米电器有限公司');
    expect(eb.evaluations).toHaveLength(1);
    expect(eb.stores).toHaveLength(1);
    expect(eb.sanctions).toHaveLength(0);

    const ev = (await (await fetch(`${reg.url}/v1/evaluations/ZJM-C-0001`)).json()) as { evaluation: { id: string }; standard: { code: string }; state: string };
    expect(ev.evaluation.id).toBe('ZJM-C-0001');
    expect(ev.standard.code).toBe('T/ZZB 0001-2019');
    expect(ev.state).toBe('valid');

    const st = await fetch(`${reg.url}/v1/standards/${encodeURIComponent('T/ZZB 1-2019')}`);
    expect(st.status).toBe(200);
    expect(((await st.json()) as { standard: { title: string } }).standard.title).toBe('电热水壶');
    expect((await fetch(`${reg.url}/v1/standards/nonsense`)).status).toBe(400);

    const store = (await (await fetch(`${reg.url}/v1/stores/tmall/acme`)).json()) as { store: { key: string }; listings: number };
    expect(store.store.key).toBe('tmall:shop:acme');
    expect(store.listings).toBe(2);

    const l = (await (await fetch(`${reg.url}/v1/listings/taobao:item:1001`)).json()) as { binding: { evaluationId: string }; verdict: { status: string } };
    expect(l.binding.evaluationId).toBe('ZJM-C-0001');
    expect(l.verdict.status).toBe('verified');
  });

  it('answers 404 problems for unknown things and routes', async () => {
    for (const path of ['/v1/enterprises/913301007161058520', '/v1/evaluations/nope', `/v1/standards/${encodeURIComponent('T/ZZB 9999-2020')}`, '/v1/stores/jd/nope', '/v1/listings/taobao:item:424242', '/v1/nothing']) {
      const r = await fetch(`${reg.url}${path}`);
      expect(r.status, path).toBe(404);
      expect((await problemOf(r)).type).toBe('https://zjmade.dev/problems/not-found');
    }
    expect((await fetch(`${reg.url}/v1/listings/garbage`)).status).toBe(400);
  });

  it('accepts reports and validates them', async () => {
    const r = await postJson(`${reg.url}/v1/reports`, { listing: 'taobao:item:1002', reason: 'unbacked-claim', note: '标题写了浙江制造' });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { id: string }).id).toMatch(/^rpt_/);
    const bad = await postJson(`${reg.url}/v1/reports`, { listing: 'https://example.com/x', reason: 'because' });
    expect(bad.status).toBe(400);
    const paths = (await problemOf(bad)).errors?.map((e) => e.path);
    expect(paths).toContain('/reason');
    const notListing = await postJson(`${reg.url}/v1/reports`, { listing: 'https://example.com/x', reason: 'other' });
    expect((await problemOf(notListing)).errors?.[0]?.path).toBe('/listing');
    const long = await postJson(`${reg.url}/v1/reports`, { listing: 'x'.repeat(2049), reason: 'other' });
    expect((await problemOf(long)).errors?.[0]?.path).toBe('/listing');
  });

  it('answers CORS preflights for public routes, not admin', async () => {
    const r = await fetch(`${reg.url}/v1/verify`, { method: 'OPTIONS', headers: { origin: 'https://detail.tmall.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await fetch(`${reg.url}/v1/snapshot`, { headers: { origin: 'https://item.jd.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
    const admin = await fetch(`${reg.url}/v1/admin/audit`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves an OpenAPI 3.1 document that lists every route', async () => {
    const doc = (await (await fetch(`${reg.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const { createApp } = await import('../src/index.js');
    const app = createApp(reg.service, { adminToken: 'x' });
    const toOpenApi = (p: string) => p.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    // A declared route is one entry per handler (validators, then the handler): count each once.
    // The static web apps (http/static-apps.ts) are pages, not API operations: outside the document.
    const pages = ['/portal/', '/console/'];
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL' && !pages.some((p) => r.path.startsWith(p))).map((r) => `${r.method.toLowerCase()} ${toOpenApi(r.path)}`));
    expect(served.size).toBeGreaterThan(15);
    for (const r of served) {
      const [method, path] = r.split(' ') as [string, string];
      expect(doc.paths[path]?.[method], r).toBeDefined();
    }
    // The document is the app's own, generated from the same declarations.
    expect(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } }).paths).toBeDefined();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'parameters').map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual([...served].sort());
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once the bucket is empty', async () => {
    const d = tempDb(smallRegistry());
    const limited = await startRegistry({ dbPath: d.dbPath, rateLimit: { public: { capacity: 3, refillPerSecond: 0.01 }, reports: { capacity: 1, refillPerSecond: 0.001 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.url}/v1/health`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const r = await fetch(`${limited.url}/v1/health`, { headers: { origin: 'https://a.example' } });
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect((await problemOf(r)).type).toBe('https://zjmade.dev/problems/rate-limited');
    } finally {
      await limited.close();
      d.cleanup();
    }
  });
});
