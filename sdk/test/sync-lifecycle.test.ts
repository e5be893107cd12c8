// The SDK's one snapshot lifecycle over both layouts: pointer → deltas or full → verified state,
// kept whole through the store, announced through onChange.
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileStore, memoryStore, type SnapshotVerifier } from '../src/index.js';
import { itemRef } from './client-support.js';
import { AT, clock, deltaFile, EXPECTED, linkOf, NOW, pointerText, type Signer, signer, snapshotFile, syncClient, useHost } from './sync-support.js';

const host = useHost();
let reg: Signer;
let snap1: Uint8Array;
let d12: Uint8Array;
let d23: Uint8Array;

beforeAll(async () => {
  reg = await signer();
  snap1 = await snapshotFile(reg, 1);
  d12 = await deltaFile(reg, 1, 2);
  d23 = await deltaFile(reg, 2, 3);
});
beforeEach(() => {
  clock.now = NOW;
});

const statusOf = (v: SnapshotVerifier, id: string) => v.verify(itemRef(id), { at: AT }).status;
const expectState = (v: SnapshotVerifier, sequence: number) => {
  expect(v.info.sequence).toBe(sequence);
  expect(statusOf(v, '1001')).toBe(EXPECTED[sequence - 1]!['1001']);
  expect(statusOf(v, '1003')).toBe(EXPECTED[sequence - 1]!['1003']);
};

/** Publishes the tree: full snapshot 1 and the deltas up to `head`. */
async function publishTree(head: number) {
  host.files.set('/snapshots/1.zjs', snap1);
  const links = [];
  if (head >= 2) {
    host.files.set('/deltas/2.zjd', d12);
    links.push(await linkOf('deltas/2.zjd', d12, 1, 2));
  }
  if (head >= 3) {
    host.files.set('/deltas/3.zjd', d23);
    links.push(await linkOf('deltas/3.zjd', d23, 2, 3));
  }
  host.files.set('/latest.json', await pointerText(reg, { sequence: 1, snapshot: snap1, path: 'snapshots/1.zjs', deltas: links }));
}

describe('snapshot lifecycle: a published tree (static host)', () => {
  it('starts from the full snapshot and its chain, then follows by deltas alone; onChange on each change', async () => {
    await publishTree(2);
    const store = memoryStore();
    const client = syncClient([reg.trusted], { store });
    const changes: number[] = [];
    client.onChange((v, u) => changes.push(v.info.sequence * 10 + (u.kind === 'delta' ? 1 : 0)));
    expectState(await client.snapshot(), 2);
    expect(client.lastUpdate).toMatchObject({ kind: 'full', sequence: 2, from: null, deltas: 1 });
    // The API path answered 404, so the client found the tree's pointer and kept to that layout.
    expect(host.requests).toEqual(['/v1/snapshot/latest', '/latest.json', '/snapshots/1.zjs', '/deltas/2.zjd']);

    await publishTree(3);
    host.requests.length = 0;
    expectState(await client.snapshot(), 3);
    expect(host.requests).toEqual(['/latest.json', '/deltas/3.zjd']);
    expect(client.lastUpdate).toMatchObject({ kind: 'delta', sequence: 3, from: 2, deltas: 1 });
    expect(client.lastUpdate!.bytes).toBeLessThan(d23.length + 2000);
    expect(changes).toEqual([20, 31]);

    // Unchanged: the pointer only, no listener call.
    host.requests.length = 0;
    expectState(await client.snapshot(), 3);
    expect(host.requests).toEqual(['/latest.json']);
    expect(changes).toHaveLength(2);

    // The store holds the state whole: the full snapshot and both deltas, at sequence 3.
    const saved = await store.read();
    expect(saved?.sequence).toBe(3);
    expect(saved?.bytes).toEqual(snap1);
    expect(saved?.deltas).toEqual([d12, d23]);
  });

  it('a restart starts from the stored state and downloads only the pointer', async () => {
    await publishTree(3);
    const store = memoryStore();
    await syncClient([reg.trusted], { store, layout: 'tree' }).snapshot();
    host.requests.length = 0;
    const restarted = syncClient([reg.trusted], { store, layout: 'tree' });
    expectState(await restarted.snapshot(), 3);
    expect(host.requests).toEqual(['/latest.json']);
    expect(restarted.lastUpdate?.kind).toBe('unchanged');
  });

  it('a file store keeps the snapshot and its deltas across a restart', async () => {
    await publishTree(3);
    const dir = await mkdtemp(join(tmpdir(), 'zjmade-sync-'));
    try {
      const fs = { readFile, writeFile, rename };
      const path = join(dir, 'state.json');
      await syncClient([reg.trusted], { store: fileStore(path, fs), layout: 'tree' }).snapshot();
      const saved = await fileStore(path, fs).read();
      expect(saved?.sequence).toBe(3);
      expect(saved?.deltas).toEqual([d12, d23]);
      host.requests.length = 0;
      expectState(await syncClient([reg.trusted], { store: fileStore(path, fs), layout: 'tree' }).snapshot(), 3);
      expect(host.requests).toEqual(['/latest.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a stored state past its expiry restores, and answers unknown (stale) while the host is down', async () => {
    await publishTree(3);
    const store = memoryStore();
    await syncClient([reg.trusted], { store, layout: 'tree' }).snapshot();
    clock.now = Date.parse('2027-01-01T00:00:00+08:00');
    host.files.set('/latest.json', 'down');
    const later = syncClient([reg.trusted], { store, layout: 'tree' });
    const v = await later.snapshot();
    expect(v.info.sequence).toBe(3);
    expect(later.lastError).not.toBeNull();
    expect(v.verify(itemRef('1001')).status).toBe('unknown');
    expect(v.verify(itemRef('1001')).reason).toBe('stale');
  });

  it('two concurrent refreshes share one fetch chain', async () => {
    await publishTree(3);
    const client = syncClient([reg.trusted], { layout: 'tree' });
    const [a, b] = await Promise.all([client.snapshot(), client.snapshot()]);
    expect(a).toBe(b);
    expect(host.requests).toEqual(['/latest.json', '/snapshots/1.zjs', '/deltas/2.zjd', '/deltas/3.zjd']);
  });

  it('without delta support it refuses a state it cannot reach rather than holding an older one', async () => {
    await publishTree(2);
    const client = syncClient([reg.trusted], { layout: 'tree', deltas: false });
    await expect(client.snapshot()).rejects.toThrow(/needs deltas/);
    expect(client.currentSnapshot()).toBeNull();
  });
});

describe('snapshot lifecycle: the registry API', () => {
  /** The API before pointers listed chains: every publish is a full snapshot, deltas at /v1/deltas/{n}. */
  async function publishApi(current: number) {
    const full = await snapshotFile(reg, current);
    host.files.set('/v1/snapshot', full);
    host.files.set('/v1/deltas/2', d12);
    host.files.set('/v1/deltas/3', d23);
    host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: current, snapshot: full }));
  }

  it('follows /v1/deltas/{n} from the held sequence when the pointer lists no chain', async () => {
    await publishApi(1);
    const client = syncClient([reg.trusted]);
    expectState(await client.snapshot(), 1);
    await publishApi(3);
    host.requests.length = 0;
    expectState(await client.snapshot(), 3);
    expect(host.requests).toEqual(['/v1/snapshot/latest', '/v1/deltas/2', '/v1/deltas/3']);
    expect(client.lastUpdate).toMatchObject({ kind: 'delta', from: 1, sequence: 3, deltas: 2 });
  });

  it("reads the API's own paths (/v1/…) under a base URL with a path prefix", async () => {
    host.files.set('/v1/snapshots/1', snap1);
    host.files.set('/v1/deltas/2', d12);
    const links = [await linkOf('/v1/deltas/2', d12, 1, 2)];
    host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: 1, snapshot: snap1, path: '/v1/snapshots/1', deltas: links }));
    const client = syncClient([reg.trusted]);
    expectState(await client.snapshot(), 2);
    expect(host.requests).toEqual(['/v1/snapshot/latest', '/v1/snapshots/1', '/v1/deltas/2']);
  });
});
