import { describe, expect, it } from 'vitest';
import { RegistryError, SnapshotError, type TrustedKey } from '../src/index.js';
import { encodeSnapshot, generateSigningKey, importSigningKey } from '../src/publisher.js';
import { signSnapshot } from '../src/publisher.js';
import { FIXTURE_AT, refOf, registryFixture } from './fixtures/registry-fixture.js';
import { testClient, useMockServer } from './client-support.js';

const mock = useMockServer();

const ISSUED = '2026-05-01T00:00:00+08:00';
const EXPIRES = '2026-12-01T00:00:00+08:00';

async function signer(kid: string) {
  const generated = await generateSigningKey(kid);
  const key = await importSigningKey(generated.privateJwk);
  return {
    key,
    trusted: generated.publicJwk,
    sign: (sequence: number, issuedAt = ISSUED) =>
      signSnapshot(encodeSnapshot(registryFixture, { sequence, issuedAt, expiresAt: EXPIRES }), key),
  };
}

async function setup() {
  const good = await signer('registry-2026');
  const clock = { now: Date.parse('2026-05-02T00:00:00+08:00') };
  // The client has no store: every snapshot() first asks for the signed pointer, fresh by this clock.
  const registry = mock.registry({ data: registryFixture, snapshot: await good.sign(7), pointerKey: good.key, now: () => clock.now });
  const trustedKeys: TrustedKey[] = [good.trusted];
  const { client } = testClient({ trustedKeys, now: () => clock.now });
  return { good, clock, registry, client };
}

describe('registry client: snapshots', () => {
  it('downloads, verifies and exposes the snapshot and its age', async () => {
    const { client, clock } = await setup();
    expect(client.currentSnapshot()).toBeNull();
    expect(client.snapshotAge()).toBeNull();
    const verifier = await client.snapshot();
    expect(verifier.info.sequence).toBe(7);
    expect(client.currentSnapshot()).toBe(verifier);
    expect(client.snapshotAge()).toBe(clock.now - Date.parse(ISSUED));
    expect(verifier.verify(refOf('taobao:item:612345678901'), { at: FIXTURE_AT }).status).toBe('verified');
    expect(client.lastError).toBeNull();
  });

  it('downloads nothing but the pointer when it names the snapshot held', async () => {
    const { client, registry } = await setup();
    const first = await client.snapshot();
    const second = await client.snapshot();
    expect(second).toBe(first);
    expect(registry.requests.filter((r) => r.path === '/v1/snapshot')).toHaveLength(1);
    expect(registry.requests.filter((r) => r.path === '/v1/snapshot/latest')).toHaveLength(2);
    expect(client.lastUpdate).toMatchObject({ kind: 'unchanged', sequence: 7, deltas: 0 });
  });

  it('keeps the last good snapshot when a new one is tampered, and reports why', async () => {
    const { client, registry, good } = await setup();
    const first = await client.snapshot();
    const tampered = await good.sign(8);
    const i = Math.floor(tampered.length / 2);
    tampered[i] = (tampered[i] ?? 0) ^ 0x01;
    registry.setSnapshot(tampered);
    const after = await client.snapshot();
    expect(after).toBe(first);
    expect(client.currentSnapshot()?.info.sequence).toBe(7);
    expect(client.lastError).toBeInstanceOf(SnapshotError);

    // A good newer one replaces it, and clears the error.
    registry.setSnapshot(await good.sign(8, '2026-05-01T12:00:00+08:00'));
    expect((await client.snapshot()).info.sequence).toBe(8);
    expect(client.lastError).toBeNull();
  });

  it('keeps the last good snapshot when a new one is signed by an untrusted key', async () => {
    const { client, registry } = await setup();
    await client.snapshot();
    const stranger = await signer('stranger');
    registry.setSnapshot(await stranger.sign(9));
    expect((await client.snapshot()).info.sequence).toBe(7);
    expect(client.lastError).toMatchObject({ name: 'SnapshotError', code: 'unknown-key' });
  });

  it('rejects a rollback to a lower sequence', async () => {
    const { client, registry, good } = await setup();
    await client.snapshot();
    registry.setSnapshot(await good.sign(6));
    expect((await client.snapshot()).info.sequence).toBe(7);
    expect(client.lastError).toBeInstanceOf(RegistryError);
    expect(client.lastError?.message).toContain('older');
  });

  it('keeps the last good snapshot when the registry is unreachable', async () => {
    const { client, registry } = await setup();
    await client.snapshot();
    registry.fail({ path: '/v1/snapshot', networkError: true });
    expect((await client.snapshot()).info.sequence).toBe(7);
    expect(client.lastError).toMatchObject({ kind: 'network' });
  });

  it('rejects when there is no good snapshot at all', async () => {
    const { client, registry } = await setup();
    const stranger = await signer('stranger');
    registry.setSnapshot(await stranger.sign(9));
    await expect(client.snapshot()).rejects.toBeInstanceOf(SnapshotError);
    expect(client.currentSnapshot()).toBeNull();
    registry.setSnapshot(undefined);
    await expect(client.snapshot()).rejects.toMatchObject({ kind: 'http', status: 404 });
  });
});
