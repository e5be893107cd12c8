import { describe, expect, it } from 'vitest';
import { FIXTURE_AT, FIXTURE_EXAMPLES, registryFixture } from './fixtures/registry-fixture.js';
import { ACME, testClient, useMockServer } from './client-support.js';

const mock = useMockServer();

describe('registry client: look-ups', () => {
  it('returns records, and null for what the registry does not know', async () => {
    mock.registry();
    const { client } = testClient();
    expect(await client.enterprise(ACME)).toMatchObject({ uscc: ACME });
    expect(await client.enterprise('91330100MA0000000X')).toBeNull();
    expect(await client.evaluation('CN-ZJM-2024-0001')).toMatchObject({ uscc: ACME });
    expect(await client.standard('T/ZZB 1371-2019')).toMatchObject({ code: 'T/ZZB 1371-2019' });
    expect(await client.store('tmall', 'acme')).toMatchObject({ key: 'tmall:shop:acme' });
    expect(await client.listing('taobao:item:1001')).toMatchObject({ evaluationId: 'CN-ZJM-2024-0001' });
    expect(await client.listing('taobao:item:404')).toBeNull();
  });

  it('retries look-ups on 5xx and rejects with a typed error on 4xx or a bad shape', async () => {
    const registry = mock.registry({ failures: { path: '/v1/enterprises/', status: 502, times: 1 } });
    const { client, waits } = testClient();
    expect(await client.enterprise(ACME)).toMatchObject({ uscc: ACME });
    expect(waits).toHaveLength(1);
    registry.fail({ path: '/v1/standards/', status: 400, times: 1 });
    await expect(client.standard('T/ZZB 1371-2019')).rejects.toMatchObject({ kind: 'http', status: 400 });
    const { client: odd } = testClient({ fetch: async () => Response.json({ name: 'no uscc' }) });
    await expect(odd.enterprise(ACME)).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('mock registry handlers over the shared fixture', () => {
  it('answers every fixture case like the SDK verifier does', async () => {
    mock.registry({ data: registryFixture });
    const { client } = testClient();
    const verdicts = await client.verify(
      FIXTURE_EXAMPLES.map(({ key, text }) => (text ? { key, text } : { key })),
      { at: FIXTURE_AT },
    );
    expect(verdicts.map((v) => [v.key, v.status])).toEqual(FIXTURE_EXAMPLES.map((e) => [e.key, e.status]));
    for (const [i, e] of FIXTURE_EXAMPLES.entries()) {
      if (e.claim) expect(verdicts[i]?.claim, e.key).toBe(e.claim);
    }
  });

  it('serves JWKS and health', async () => {
    mock.registry({ trustedKeys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid: 'k1' }], sequence: 3 });
    expect(await (await fetch('http://registry.test/.well-known/jwks.json')).json()).toEqual({
      keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid: 'k1' }],
    });
    expect(await (await fetch('http://registry.test/v1/health')).json()).toMatchObject({ status: 'ok', sequence: 3 });
  });
});
