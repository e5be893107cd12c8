import { createRegistryClient, type RegistryData, type TrustedKey } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signPointer, signSnapshot } from '@zjmade/sdk/publisher';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifySnapshotError, problemLine, type SnapshotProblemCode, problemText } from '../src/shared/snapshot-problem.js';

/**
 * The popup's and Options' status text per failure, from the errors the real SDK client raises
 * against a registry served from memory (real signed pointers and snapshots, an injected fetch).
 */
type Signer = { privateKey: CryptoKey; kid: string };
let registryKey: { signer: Signer; jwk: TrustedKey };
let otherKey: { signer: Signer; jwk: TrustedKey };
const META = { name: 'problem-test', sample: true, generatedAt: '2026-01-01T00:00:00Z' };
/** An empty registry: what is checked here is the envelope, not the records. */
const data: RegistryData = { meta: META, enterprises: [], standards: [], evaluations: [], stores: [], bindings: [], sanctions: [] };

async function key(kid: string) {
  const k = await generateSigningKey(kid);
  return { signer: await importSigningKey(k.privateJwk), jwk: k.publicJwk };
}

async function published(sequence: number, signer: Signer, opts: { pointerIssuedAt?: Date } = {}) {
  const now = Date.now();
  const file = await signSnapshot(encodeSnapshot(data, { sequence, issuedAt: new Date(now - 60_000), expiresAt: new Date(now + 86_400_000) }), signer);
  const pointer = await signPointer({ sequence, snapshot: file, ...(opts.pointerIssuedAt ? { issuedAt: opts.pointerIssuedAt } : {}) }, signer);
  return { file, pointer: JSON.stringify(pointer) };
}

/** A registry API in memory: `/v1/snapshot/latest` and `/v1/snapshot`. */
function serve(state: { file: Uint8Array; pointer: string } | { status: number } | 'down'): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    if (state === 'down') throw new TypeError('fetch failed');
    if ('status' in state) return new Response('{}', { status: state.status, headers: { 'content-type': 'application/problem+json' } });
    const path = new URL(String(input)).pathname;
    if (path === '/v1/snapshot/latest') return new Response(state.pointer, { headers: { 'content-type': 'application/json' } });
    if (path === '/v1/snapshot') return new Response(new Uint8Array(state.file), { headers: { 'content-type': 'application/octet-stream' } });
    return new Response('', { status: 404 });
  }) as typeof fetch;
}

/** What one refresh of a real client against `serve(...)` fails with, classified. */
async function failureOf(fetchFn: typeof fetch, trusted: TrustedKey[], before?: typeof fetch) {
  let current = before ?? fetchFn;
  const client = createRegistryClient({ baseUrl: 'https://registry.test', trustedKeys: trusted, fetch: (i, init) => current(i, init), retries: 0 });
  if (before) {
    await client.snapshot();
    expect(client.lastError).toBeNull();
    current = fetchFn;
  }
  await client.snapshot().catch(() => undefined);
  expect(client.lastError).not.toBeNull();
  return classifySnapshotError(client.lastError);
}

beforeAll(async () => {
  registryKey = await key('registry-2026');
  otherKey = await key('registry-2027');
});

describe('snapshot problems: one code and one text per cause', () => {
  it('a pointer signed by a key that is not a trust anchor is "untrusted key", not "bad signature" (the SDK message says "Bad signature.")', async () => {
    const p = await failureOf(serve(await published(1, otherKey.signer)), [registryKey.jwk]);
    expect(p.code).toBe('untrusted-key');
    expect(p.detail).toBe('Bad signature.');
    expect(problemText('en', p)).toMatch(/does not trust/);
    expect(problemText('en', p)).not.toMatch(/bad signature/i);
    expect(problemText('zh-CN', p)).toContain('未信任的密钥');
  });

  it('a pointer whose signature does not match a trusted key is "bad signature"', async () => {
    const good = await published(1, registryKey.signer);
    const o = JSON.parse(good.pointer) as { sig: string };
    o.sig = (o.sig[0] === '0' ? '1' : '0') + o.sig.slice(1);
    const p = await failureOf(serve({ ...good, pointer: JSON.stringify(o) }), [registryKey.jwk]);
    expect(p.code).toBe('bad-signature');
    expect(problemText('en', p)).toMatch(/^Bad signature/);
    expect(problemText('zh-CN', p)).toContain('签名无效');
  });

  it('a pointer older than the freshness window is "expired"', async () => {
    const p = await failureOf(serve(await published(1, registryKey.signer, { pointerIssuedAt: new Date(Date.now() - 3 * 3_600_000) })), [registryKey.jwk]);
    expect(p.code).toBe('expired');
    expect(problemText('en', p)).toMatch(/out of date/);
    expect(problemText('zh-CN', p)).toContain('已过期');
  });

  it('a registry that offers an older sequence than the one held is "rollback", and the last good data stays', async () => {
    const p = await failureOf(serve(await published(3, registryKey.signer)), [registryKey.jwk], serve(await published(7, registryKey.signer)));
    expect(p.code).toBe('rollback');
    expect(problemText('en', p)).toMatch(/rollback/);
    expect(problemLine('en', { ...p, keptLastGood: true })).toMatch(/last good data stays in use/);
    expect(problemLine('zh-CN', { ...p, keptLastGood: true })).toContain('回滚');
  });

  it('a registry that cannot be reached is "unreachable"; one that answers 503 says its status', async () => {
    const down = await failureOf(serve('down'), [registryKey.jwk]);
    expect(down.code).toBe('unreachable');
    expect(problemText('zh-CN', down)).toContain('无法连接');
    const busy = await failureOf(serve({ status: 503 }), [registryKey.jwk]);
    expect(busy).toMatchObject({ code: 'http', status: 503 });
    expect(problemText('en', busy)).toContain('HTTP 503');
  });

  it('no trusted keys at all says so (the SDK fails the pointer as an unknown key first)', async () => {
    const client = createRegistryClient({ baseUrl: 'https://registry.test', trustedKeys: [], fetch: serve(await published(1, registryKey.signer)), retries: 0 });
    await client.snapshot().catch(() => undefined);
    expect(classifySnapshotError(client.lastError).code).toBe('untrusted-key');
    const p = classifySnapshotError(client.lastError, { trustedKeys: 0 });
    expect(p.code).toBe('no-trusted-keys');
    expect(problemText('en', p)).toMatch(/No trusted keys/);
  });

  it('every code has its own sentence in both languages', () => {
    const codes: SnapshotProblemCode[] = ['untrusted-key', 'bad-signature', 'no-trusted-keys', 'expired', 'rollback', 'unreachable', 'http', 'corrupt', 'invalid'];
    for (const locale of ['en', 'zh-CN'] as const) {
      const texts = codes.map((code) => problemText(locale, { code, status: 500 }));
      expect(new Set(texts).size).toBe(codes.length);
    }
  });
});
