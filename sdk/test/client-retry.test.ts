import { describe, expect, it } from 'vitest';
import { RegistryError } from '../src/index.js';
import { itemRef, testClient, useMockServer, verifyCalls } from './client-support.js';

const mock = useMockServer();

async function strictError(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe('registry client: retries', () => {
  it.each([
    ['503', { status: 503 }],
    ['500', { status: 500 }],
    ['a network error', { networkError: true }],
  ])('retries after %s, then succeeds', async (_name, failure) => {
    const registry = mock.registry({ failures: { path: '/v1/verify', times: 2, ...failure } });
    const { client, waits } = testClient();
    const [v] = await client.verify([itemRef('1001')]);
    expect(v?.status).toBe('verified');
    expect(verifyCalls(registry.requests)).toBe(3);
    // Full jitter (random 0.5) over exponential backoff 200·2^n.
    expect(waits).toEqual([100, 200]);
  });

  it('retries after a timeout, then succeeds', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', times: 1, delayMs: 2_000 } });
    const { client } = testClient({ timeoutMs: 50 });
    const [v] = await client.verify([itemRef('1001')]);
    expect(v?.status).toBe('verified');
    expect(verifyCalls(registry.requests)).toBe(2);
  });

  it('gives up after `retries` and degrades to unknown (unreachable)', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', status: 503 } });
    const { client, waits } = testClient({ retries: 2 });
    const verdicts = await client.verify([itemRef('1001'), 'taobao:item:9']);
    expect(verdicts.map((v) => [v.key, v.status, v.reason])).toEqual([
      ['taobao:item:1001', 'unknown', 'unreachable'],
      ['taobao:item:9', 'unknown', 'unreachable'],
    ]);
    expect(verdicts[0]?.source).toEqual({ kind: 'none' });
    expect(verdicts[0]?.ref).toEqual(itemRef('1001'));
    expect(verifyCalls(registry.requests)).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it.each([400, 404, 413, 422])('never retries HTTP %i', async (status) => {
    const registry = mock.registry({ failures: { path: '/v1/verify', status } });
    const { client, waits } = testClient();
    const [v] = await client.verify([itemRef('1001')]);
    expect(v).toMatchObject({ status: 'unknown', reason: 'error' });
    expect(verifyCalls(registry.requests)).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gets a 413 problem from the mock for batches over its maximum', async () => {
    const registry = mock.registry({ maxBatch: 2 });
    const { client } = testClient({ maxBatch: 3 });
    const e = await strictError(client.verifyStrict(['taobao:item:1', 'taobao:item:2', 'taobao:item:3']));
    expect(e).toMatchObject({ kind: 'http', status: 413 });
    expect(e.problem).toMatchObject({ type: 'https://zjmade.dev/problems/batch-too-large', status: 413 });
    expect(verifyCalls(registry.requests)).toBe(1);
  });

  it('honours Retry-After in seconds on 503', async () => {
    mock.registry({ failures: { path: '/v1/verify', status: 503, retryAfter: '7', times: 1 } });
    const { client, waits } = testClient();
    const [v] = await client.verify([itemRef('1001')]);
    expect(v?.status).toBe('verified');
    expect(waits).toEqual([7_000]);
  });

  it('honours Retry-After as an HTTP date on 429', async () => {
    const clock = Date.parse('2026-05-01T00:00:00Z');
    mock.registry({ failures: { path: '/v1/verify', status: 429, retryAfter: 'Fri, 01 May 2026 00:00:12 GMT', times: 1 } });
    const { client, waits } = testClient({ now: () => clock });
    const [v] = await client.verify([itemRef('1001')], { at: clock });
    expect(v?.status).toBe('verified');
    expect(waits).toEqual([12_000]);
  });

  it('does not retry 429 without Retry-After, nor a Retry-After longer than the limit', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', status: 429, times: 1 } });
    const { client, waits } = testClient();
    const e = await strictError(client.verifyStrict([itemRef('1001')]));
    expect(e).toMatchObject({ kind: 'http', status: 429 });
    expect(e.retryAfterMs).toBeUndefined();

    registry.fail({ path: '/v1/verify', status: 503, retryAfter: '3600', times: 1 });
    const [v] = await client.verify([itemRef('1001')]);
    expect(v).toMatchObject({ status: 'unknown', reason: 'unreachable' });
    expect(verifyCalls(registry.requests)).toBe(2);
    expect(waits).toEqual([]);
  });

  it('verifyStrict rejects with typed errors: network, timeout, http with the problem', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', networkError: true, times: 1 } });
    const { client } = testClient({ retries: 0, timeoutMs: 50 });
    expect(await strictError(client.verifyStrict([itemRef('1001')]))).toMatchObject({ kind: 'network' });
    registry.fail({ path: '/v1/verify', delayMs: 2_000, times: 1 });
    expect(await strictError(client.verifyStrict([itemRef('1001')]))).toMatchObject({ kind: 'timeout' });
    registry.fail({ path: '/v1/verify', status: 400, times: 1 });
    const e = await strictError(client.verifyStrict([itemRef('1001')]));
    expect(e.problem?.type).toBe('https://zjmade.dev/problems/simulated-failure');
  });

  it('rejects malformed responses as validation errors and never trusts them', async () => {
    const { client } = testClient({
      fetch: async () => Response.json({ results: [{ key: 'taobao:item:1001', status: 'verified' }] }),
    });
    expect(await strictError(client.verifyStrict([itemRef('1001')]))).toMatchObject({ kind: 'validation' });
    const [v] = await client.verify([itemRef('1001')]);
    expect(v).toMatchObject({ status: 'unknown', reason: 'error' });

    const { client: wrongKey } = testClient({
      fetch: async () => Response.json({ results: [{ key: 'taobao:item:2', status: 'verified', at: '', evidence: {}, source: {} }] }),
    });
    expect((await wrongKey.verify([itemRef('1001')]))[0]?.status).toBe('unknown');
  });
});

describe('registry client: offline, timeouts and cancellation', () => {
  it('offline: every listing is unknown (unreachable), never not-found or verified', async () => {
    mock.registry({ failures: { networkError: true } });
    const { client } = testClient();
    const verdicts = await client.verify([itemRef('1001'), 'taobao:item:1002', { key: 'tmall:shop:acme' }, 'x']);
    expect(verdicts.map((v) => v.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(verdicts.map((v) => v.reason)).toEqual(['unreachable', 'unreachable', 'unreachable', 'invalid-listing']);
  });

  it('a timed-out registry degrades to unknown after the retries', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', delayMs: 2_000 } });
    const { client } = testClient({ timeoutMs: 30, retries: 1 });
    const [v] = await client.verify([itemRef('1001')]);
    expect(v).toMatchObject({ status: 'unknown', reason: 'unreachable' });
    expect(v?.detail).toContain('30 ms');
    expect(verifyCalls(registry.requests)).toBe(2);
  });

  it('the client signal cancels requests in flight and later calls', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', delayMs: 2_000 } });
    const ctl = new AbortController();
    const { client } = testClient({ signal: ctl.signal });
    const pending = client.verifyStrict([itemRef('1001')]);
    const soft = client.verify(['taobao:item:2']);
    await new Promise((r) => setTimeout(r, 5));
    ctl.abort();
    expect(await strictError(pending)).toMatchObject({ kind: 'aborted' });
    expect((await soft)[0]).toMatchObject({ status: 'unknown', reason: 'error' });
    expect(await strictError(client.verifyStrict([itemRef('1002')]))).toMatchObject({ kind: 'aborted' });
    expect(await strictError(client.enterprise('91330100716105852F'))).toMatchObject({ kind: 'aborted' });
    expect(verifyCalls(registry.requests)).toBe(1);
  });

  it('a per-call signal cancels that call; the request stops when nobody waits for it', async () => {
    const registry = mock.registry({ failures: { path: '/v1/verify', delayMs: 2_000, times: 1 } });
    let observed: AbortSignal | undefined;
    const { client } = testClient({
      fetch: (input, init) => {
        observed = init?.signal ?? undefined;
        return fetch(input, init);
      },
    });
    const ctl = new AbortController();
    const call = client.verifyStrict([itemRef('1001')], { signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 5));
    ctl.abort();
    expect(await strictError(call)).toMatchObject({ kind: 'aborted' });
    expect(observed?.aborted).toBe(true);
    // The client still works for other calls.
    const [v] = await client.verify([itemRef('1001')]);
    expect(v?.status).toBe('verified');
    expect(verifyCalls(registry.requests)).toBe(2);
  });

  it('a per-call abort leaves a shared request running for the other caller', async () => {
    mock.registry({ failures: { path: '/v1/verify', delayMs: 30, times: 1 } });
    let observed: AbortSignal | undefined;
    const { client } = testClient({
      fetch: (input, init) => {
        observed = init?.signal ?? undefined;
        return fetch(input, init);
      },
    });
    const ctl = new AbortController();
    const quitter = client.verify([itemRef('1001')], { signal: ctl.signal });
    const stayer = client.verify([itemRef('1001')]);
    await new Promise((r) => setTimeout(r, 5));
    ctl.abort();
    expect((await quitter)[0]).toMatchObject({ status: 'unknown', reason: 'error' });
    expect((await stayer)[0]?.status).toBe('verified');
    expect(observed?.aborted).toBe(false);
  });

  it('aborting during a backoff wait clears it', async () => {
    mock.registry({ failures: { path: '/v1/verify', status: 503, retryAfter: '25' } });
    const ctl = new AbortController();
    // The real sleep: a 25 s wait that the abort must cut short.
    const { createRegistryClient } = await import('../src/index.js');
    const client = createRegistryClient({ baseUrl: 'http://registry.test', trustedKeys: [], signal: ctl.signal });
    const call = client.verifyStrict([itemRef('1001')]);
    await new Promise((r) => setTimeout(r, 20));
    ctl.abort();
    expect(await strictError(call)).toMatchObject({ kind: 'aborted' });
  });
});
