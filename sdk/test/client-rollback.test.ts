// Issue 15, defect 5: rollback protection must outlive one client object. A client with a store
// remembers the highest sequence it accepted; a client without memory accepts only the snapshot a
// recent signed "latest" pointer names (window: at most one hour).
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientStore, fileStore, memoryStore, openPointer, openSnapshot, POINTER_WINDOW_MS, type RegistryData } from '../src/index.js';
import { encodeSnapshot, generateSigningKey, importSigningKey, POINTER_DOMAIN, signPointer, signSnapshot, snapshotDigest } from '../src/publisher.js';
import { data, itemRef, testClient, useMockServer } from './client-support.js';

const mock = useMockServer();
const NOW = Date.parse('2026-05-02T00:00:00+08:00');
const HOUR = 3_600_000;

/** Seq 1: item 1001 verified; seq 2: its evaluation suspended. */
const suspended: RegistryData = {
  ...data,
  evaluations: data.evaluations.map((e) => ({ ...e, history: [{ status: 'suspended', at: '2026-04-01T00:00:00+08:00' }] })),
};

async function setup() {
  const generated = await generateSigningKey('registry-2026');
  const key = await importSigningKey(generated.privateJwk);
  const snap = (d: RegistryData, sequence: number) =>
    signSnapshot(encodeSnapshot(d, { sequence, issuedAt: '2026-05-01T00:00:00+08:00', expiresAt: '2026-12-01T00:00:00+08:00' }), key);
  const seq1 = await snap(data, 1);
  const seq2 = await snap(suspended, 2);
  const clock = { now: NOW };
  const registry = mock.registry({ data, snapshot: seq2, pointerKey: key, now: () => clock.now });
  const client = (store?: ClientStore, extra = {}) =>
    testClient({ trustedKeys: [generated.publicJwk], now: () => clock.now, retries: 0, ...(store ? { store } : {}), ...extra }).client;
  return { key, trusted: generated.publicJwk, seq1, seq2, clock, registry, client };
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('registry client: rollback protection across client objects (issue 15 #5)', () => {
  it('a new client object sharing the store refuses a snapshot older than one an earlier client accepted', async () => {
    const { seq1, registry, client } = await setup();
    const store = memoryStore();
    expect((await client(store).snapshot()).info.sequence).toBe(2);
    expect((await store.read())?.sequence).toBe(2);
    // The attacker (or a stale mirror) now serves seq 1, in which item 1001 is still verified.
    registry.setSnapshot(seq1);
    const fresh = client(store);
    // It starts from the stored state (seq 2) and keeps it: the rollback is refused, not installed.
    expect((await fresh.snapshot()).info.sequence).toBe(2);
    expect(fresh.lastError?.message).toMatch(/Rollback: 1 is older than 2/);
    // A store that remembers the sequence but not the bytes: nothing to keep, and still no rollback.
    const memoryOnly = client(memoryStore({ sequence: 2 }));
    await expect(memoryOnly.snapshot()).rejects.toThrow(/Rollback: 1 is older than 2/);
    expect(memoryOnly.currentSnapshot()).toBeNull();
  });

  it('a file store keeps the highest sequence (and the bytes) across a restart', async () => {
    const { seq1, seq2, registry, client } = await setup();
    const dir = await mkdtemp(join(tmpdir(), 'zjmade-store-'));
    dirs.push(dir);
    const fs = { readFile, writeFile, rename };
    const path = join(dir, 'state.json');
    expect(await fileStore(path, fs).read()).toBeNull();
    await client(fileStore(path, fs)).snapshot();
    const saved = await fileStore(path, fs).read();
    expect(saved?.sequence).toBe(2);
    expect(saved?.bytes).toEqual(seq2);
    registry.setSnapshot(seq1);
    const restarted = client(fileStore(path, fs));
    expect((await restarted.snapshot()).info.sequence).toBe(2);
    expect(restarted.lastError?.message).toMatch(/Rollback/);
  });

  it('a memoryless client refuses a replayed old snapshot with its old pointer', async () => {
    const { key, seq1, clock, registry, client } = await setup();
    // What seq 1's pointer said when seq 1 was current, 2 hours ago.
    registry.setPointer(await signPointer({ sequence: 1, snapshot: seq1, issuedAt: new Date(NOW - 2 * HOUR) }, key));
    registry.setSnapshot(seq1);
    await expect(client().snapshot()).rejects.toThrow(/Stale/);
    // Even when the integrator asks for a longer window: the maximum is one hour.
    await expect(client(undefined, { maxPointerAgeMs: 10 * HOUR }).snapshot()).rejects.toThrow(/Stale/);
    expect(POINTER_WINDOW_MS).toBe(HOUR);
    // A pointer dated far in the future proves nothing either.
    registry.setPointer(await signPointer({ sequence: 1, snapshot: seq1, issuedAt: new Date(NOW + 2 * HOUR) }, key));
    await expect(client().snapshot()).rejects.toThrow(/Stale/);
    // Inside the window it is the current snapshot.
    clock.now = NOW + 2 * HOUR - 10 * 60_000;
    expect((await client().snapshot()).info.sequence).toBe(1);
  });

  it('a memoryless client refuses a snapshot that is not the one a fresh pointer names', async () => {
    const { key, seq1, seq2, registry, client } = await setup();
    // Fresh pointer for seq 2; the snapshot served is seq 1.
    registry.setPointer(await signPointer({ sequence: 2, snapshot: seq2, issuedAt: new Date(NOW) }, key));
    registry.setSnapshot(seq1);
    await expect(client().snapshot()).rejects.toThrow(/pointer/);
    // Same sequence, other bytes: the digest decides.
    registry.setPointer(await signPointer({ sequence: 1, snapshot: seq2, issuedAt: new Date(NOW) }, key));
    await expect(client().snapshot()).rejects.toThrow(/pointer/);
    // And the right one verifies the suspension.
    registry.setPointer(undefined);
    registry.setSnapshot(seq2);
    const verifier = await client().snapshot();
    expect(verifier.verify(itemRef('1001'), { at: '2026-05-01' }).status).toBe('suspended');
  });

  it('a snapshot is accepted only when it is the one the pointer names; an unchanged pointer downloads nothing', async () => {
    const { key, seq1, seq2, registry, client } = await setup();
    const c = client();
    await c.snapshot();
    registry.setPointer(await signPointer({ sequence: 3, snapshot: seq1, issuedAt: new Date(NOW) }, key));
    expect((await c.snapshot()).info.sequence).toBe(2);
    expect(c.lastError?.message).toMatch(/pointer/);
    registry.setPointer(undefined);
    expect((await c.snapshot()).info.sequence).toBe(2);
    expect(c.lastError).toBeNull();
    expect(registry.requests.filter((r) => r.path === '/v1/snapshot').length).toBe(2);
    void seq2;
  });
});

describe('signed "latest" pointer', () => {
  it('names the sequence and the SHA-256 of the exact snapshot file, and opens with the snapshot keys', async () => {
    const { key, trusted, seq2 } = await setup();
    const signed = await signPointer({ sequence: 2, snapshot: seq2, issuedAt: new Date(NOW), extra: { deltas: [] } }, key);
    const p = await openPointer(JSON.stringify(signed), [trusted]);
    expect(p).toMatchObject({ type: 'zjmade.latest', v: 1, sequence: 2, issuedAt: new Date(NOW).toISOString(), deltas: [] });
    expect(p.sha256).toBe(await snapshotDigest(seq2));
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects tampering, unknown keys and malformed pointers', async () => {
    const { key, trusted, seq2 } = await setup();
    const signed = await signPointer({ sequence: 2, snapshot: seq2 }, key);
    await expect(openPointer({ ...signed, payload: signed.payload.replace('"sequence":2', '"sequence":9') }, [trusted])).rejects.toMatchObject({
      code: 'bad-signature',
    });
    await expect(openPointer({ ...signed, kid: 'other' }, [trusted])).rejects.toMatchObject({ code: 'unknown-key' });
    for (const bad of ['', '{', '[]', JSON.stringify({ ...signed, sig: 'zz' }), JSON.stringify({ payload: 1 })]) {
      await expect(openPointer(bad, [trusted])).rejects.toMatchObject({ code: 'corrupt' });
    }
  });

  it('is domain-separated from snapshots: neither signature opens the other', async () => {
    const { key, trusted, seq2 } = await setup();
    // A snapshot's signature over its own bytes, presented as a pointer over those bytes.
    const n = seq2.length;
    const signedPart = new TextDecoder('latin1').decode(seq2.subarray(0, n - 68));
    const sigHex = [...seq2.subarray(n - 68, n - 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
    await expect(openPointer({ payload: signedPart, kid: 'registry-2026', sig: sigHex }, [trusted])).rejects.toMatchObject({ code: 'bad-signature' });
    // A pointer's signed bytes (domain tag + payload) with its signature, framed as a snapshot file.
    const signed = await signPointer({ sequence: 2, snapshot: seq2 }, key);
    const body = new TextEncoder().encode(POINTER_DOMAIN + signed.payload);
    const kid = new TextEncoder().encode('registry-2026');
    const file = new Uint8Array(body.length + kid.length + 2 + 64 + 4);
    file.set(body);
    file.set(kid, body.length);
    const dv = new DataView(file.buffer);
    dv.setUint16(body.length + kid.length, kid.length, true);
    file.set(Uint8Array.from(signed.sig.match(/../g)!, (h) => Number.parseInt(h, 16)), body.length + kid.length + 2);
    dv.setUint32(file.length - 4, 0x47534a5a, true);
    await expect(openSnapshot(file, { trustedKeys: [trusted] })).rejects.toMatchObject({ code: 'unsupported-format' });
    expect(POINTER_DOMAIN.startsWith('ZJMS')).toBe(false);
  });
});
