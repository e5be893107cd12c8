// Issue 10's faults against the lifecycle: whatever the host serves, a client ends each refresh
// with the last good state or a complete new one (never a partial chain, never a wrong verdict),
// and falls back to the full snapshot when the chain cannot be trusted.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryStore, type SnapshotVerifier } from '../src/index.js';
import { itemRef } from './client-support.js';
import {
  AT,
  clock,
  deltaFile,
  EXPECTED,
  linkOf,
  NOW,
  pointerText,
  type Signer,
  signer,
  snapshotFile,
  STATES,
  syncClient,
  useHost,
} from './sync-support.js';

const host = useHost();
let reg: Signer;
let rogue: Signer;
let stranger: Signer;
let snap1: Uint8Array;
let snap3: Uint8Array;
let d12: Uint8Array;
let d23: Uint8Array;

beforeAll(async () => {
  reg = await signer('registry-2026');
  rogue = await signer('registry-2026'); // same kid, other key
  stranger = await signer('unknown-kid');
  snap1 = await snapshotFile(reg, 1);
  snap3 = await snapshotFile(reg, 3);
  d12 = await deltaFile(reg, 1, 2);
  d23 = await deltaFile(reg, 2, 3);
});
beforeEach(() => {
  clock.now = NOW;
});

const statusOf = (v: SnapshotVerifier, id: string) => v.verify(itemRef(id), { at: AT }).status;
/** The state is a whole published one, and its verdicts are that state's. */
function expectWhole(v: SnapshotVerifier | null, sequence: number) {
  expect(v?.info.sequence).toBe(sequence);
  expect(statusOf(v!, '1001')).toBe(EXPECTED[sequence - 1]!['1001']);
  expect(statusOf(v!, '1003')).toBe(EXPECTED[sequence - 1]!['1003']);
}

const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at] = c[at]! ^ 1;
  return c;
};

/**
 * API layout: the client holds seq 1, the registry is at seq 3 (full snapshot 3 at /v1/snapshot,
 * deltas at /v1/deltas/{n}); `fault` changes what is served before the refresh.
 */
async function apiAtThree(fault: (files: typeof host.files) => void | Promise<void>) {
  host.files.set('/v1/snapshot', snap1);
  host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: 1, snapshot: snap1 }));
  const store = memoryStore();
  const client = syncClient([reg.trusted], { store });
  expectWhole(await client.snapshot(), 1);
  host.files.set('/v1/snapshot', snap3);
  host.files.set('/v1/deltas/2', d12);
  host.files.set('/v1/deltas/3', d23);
  host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: 3, snapshot: snap3 }));
  await fault(host.files);
  host.requests.length = 0;
  const v = await client.snapshot();
  return { client, v, store };
}

describe('lifecycle faults: an untrustworthy chain falls back to the full snapshot', () => {
  const cases: Array<[string, (f: typeof host.files) => void | Promise<void>]> = [
    ['tampered delta', (f) => void f.set('/v1/deltas/3', flip(d23, 40))],
    ['truncated delta', (f) => void f.set('/v1/deltas/3', d23.subarray(0, d23.length - 10))],
    ['reordered chain', (f) => {
      f.set('/v1/deltas/2', d23);
      f.set('/v1/deltas/3', d12);
    }],
    ['replayed delta', (f) => void f.set('/v1/deltas/3', d12)],
    ['wrong-base delta', async (f) => void f.set('/v1/deltas/3', await deltaFile(reg, 2, 3, (d) => { d.base = 5; d.sequence = 6; }))],
    ['wrong-key delta', async (f) => void f.set('/v1/deltas/3', await deltaFile(rogue, 2, 3))],
    ['unknown-kid delta', async (f) => void f.set('/v1/deltas/3', await deltaFile(stranger, 2, 3))],
    ['expired delta', async (f) => void f.set('/v1/deltas/3', await deltaFile(reg, 2, 3, (d) => { d.expiresAt = '2026-05-01T12:00:00+08:00'; }))],
    ['digest mismatch', async (f) => void f.set('/v1/deltas/3', await deltaFile(reg, 2, 3, (d) => { d.digest = d.digest.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')); }))],
    ['a delta that leaves out a change (digest catches it)', async (f) => void f.set('/v1/deltas/3', await deltaFile(reg, 2, 3, (d) => { d.upsert = {}; }))],
    ['gap in the chain (the host lost a delta)', (f) => void f.delete('/v1/deltas/2')],
    ['host down mid-chain', (f) => void f.set('/v1/deltas/3', 'down')],
    // Valid, but re-sending every binding: the chain outweighs the snapshot, so the full one is cheaper.
    ['chain heavier than the snapshot', async (f) => void f.set('/v1/deltas/3', await deltaFile(reg, 2, 3, (d) => { d.upsert.bindings = STATES[2]!.bindings; }))],
  ];
  for (const [name, fault] of cases) {
    it(name, async () => {
      const { client, v, store } = await apiAtThree(fault);
      expectWhole(v, 3);
      expect(client.lastError).toBeNull();
      expect(client.lastUpdate).toMatchObject({ kind: 'full', from: 1, sequence: 3 });
      expect(client.lastUpdate?.fallback).toBeTruthy();
      expect(host.requests).toContain('/v1/snapshot');
      expect((await store.read())?.sequence).toBe(3);
      expect((await store.read())?.deltas).toEqual([]);
    });
  }

  it('the heavy chain is refused for its weight, not for a fault', async () => {
    const { client } = await apiAtThree(async (f) => void f.set('/v1/deltas/3', await deltaFile(reg, 2, 3, (d) => { d.upsert.bindings = STATES[2]!.bindings; })));
    expect(client.lastUpdate?.fallback).toMatch(/heavier than the snapshot/);
  });

  it('when the full snapshot fails too, the last good state stays (never the half-applied chain)', async () => {
    const { client, v, store } = await apiAtThree((f) => {
      f.set('/v1/deltas/3', 'down');
      f.set('/v1/snapshot', 'down');
    });
    expectWhole(v, 1);
    expect(client.currentSnapshot()).toBe(v);
    expect(client.lastError).not.toBeNull();
    expect((await store.read())?.sequence).toBe(1);
  });

  it('a full snapshot that is not the pointer\'s is refused', async () => {
    const { client, v } = await apiAtThree((f) => {
      f.delete('/v1/deltas/2');
      f.set('/v1/snapshot', snap1);
    });
    expectWhole(v, 1);
    expect(client.lastError?.message).toMatch(/pointer/);
  });
});

describe('lifecycle faults: pointers', () => {
  async function heldAtOne() {
    host.files.set('/v1/snapshot', snap1);
    host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: 1, snapshot: snap1 }));
    const client = syncClient([reg.trusted], { store: memoryStore() });
    expectWhole(await client.snapshot(), 1);
    host.files.set('/v1/snapshot', snap3);
    host.files.set('/v1/deltas/2', d12);
    host.files.set('/v1/deltas/3', d23);
    host.requests.length = 0;
    return client;
  }
  const signed = (by: Signer, o: Partial<Parameters<typeof pointerText>[1]> = {}) => pointerText(by, { sequence: 3, snapshot: snap3, ...o });
  const cases: Array<[string, () => Promise<string>, RegExp]> = [
    ['tampered pointer', async () => (await signed(reg)).replace('"sequence\\":3', '"sequence\\":4'), /signature/i],
    ['truncated pointer', async () => (await signed(reg)).slice(0, 50), /malformed/i],
    ['wrong-key pointer', () => signed(rogue), /signature/i],
    ['unknown-kid pointer', () => signed(stranger), /untrusted|signature/i],
    ['expired pointer (issued over an hour ago)', () => signed(reg, { issuedAt: NOW - 2 * 3_600_000 }), /stale/i],
    ['replayed old pointer (rollback)', async () => pointerText(reg, { sequence: 1, snapshot: snap1, issuedAt: NOW - 60_000 }), /x^/],
  ];
  for (const [name, pointer, message] of cases) {
    it(name, async () => {
      const client = await heldAtOne();
      host.files.set('/v1/snapshot/latest', await pointer());
      const v = await client.snapshot();
      expectWhole(v, 1);
      // Nothing was downloaded on the word of a pointer that did not verify.
      expect(host.requests).toEqual(['/v1/snapshot/latest']);
      if (name.startsWith('replayed')) expect(client.lastUpdate?.kind).toBe('unchanged');
      else expect(client.lastError?.message).toMatch(message);
    });
  }

  it('a pointer to an older sequence than the one held is a rollback', async () => {
    const client = await heldAtOne();
    host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: 3, snapshot: snap3 }));
    expectWhole(await client.snapshot(), 3);
    host.files.set('/v1/snapshot', snap1);
    host.files.set('/v1/snapshot/latest', await pointerText(reg, { sequence: 1, snapshot: snap1 }));
    expectWhole(await client.snapshot(), 3);
    expect(client.lastError?.message).toMatch(/Rollback: 1 is older than 3/);
  });

  it('a pointer naming files the host does not have: the last good state, or unknown with none', async () => {
    const links = [await linkOf('deltas/2.zjd', d12, 1, 2)];
    host.files.set('/snapshots/1.zjs', snap1);
    host.files.set('/latest.json', await pointerText(reg, { sequence: 1, snapshot: snap1, path: 'snapshots/1.zjs' }));
    const client = syncClient([reg.trusted], { layout: 'tree' });
    expectWhole(await client.snapshot(), 1);
    // The pointer lists delta 2, which the host never got.
    host.files.set('/latest.json', await pointerText(reg, { sequence: 1, snapshot: snap1, path: 'snapshots/1.zjs', deltas: links }));
    expectWhole(await client.snapshot(), 1);
    expect(client.lastError).not.toBeNull();
    // A client with nothing held gets no state at all: every verdict is the caller's `unknown`.
    host.files.delete('/snapshots/1.zjs');
    const fresh = syncClient([reg.trusted], { layout: 'tree' });
    await expect(fresh.snapshot()).rejects.toThrow();
    expect(fresh.currentSnapshot()).toBeNull();
  });

  it('a pointer path that leaves the base URL is not followed', async () => {
    host.files.set('/latest.json', await pointerText(reg, { sequence: 1, snapshot: snap1, path: '../../elsewhere/1.zjs' }));
    const client = syncClient([reg.trusted], { layout: 'tree' });
    await expect(client.snapshot()).rejects.toThrow(/names no snapshot/);
    expect(host.requests).toEqual(['/latest.json']);
  });

  it('a listed delta whose bytes are not the pointer\'s SHA-256 is refused before it is opened', async () => {
    host.files.set('/snapshots/1.zjs', snap1);
    host.files.set('/latest.json', await pointerText(reg, { sequence: 1, snapshot: snap1, path: 'snapshots/1.zjs' }));
    const client = syncClient([reg.trusted], { layout: 'tree' });
    expectWhole(await client.snapshot(), 1);
    const other = await deltaFile(reg, 1, 2, (d) => { d.issuedAt = '2026-05-01T01:00:00+08:00'; });
    host.files.set('/deltas/2.zjd', other);
    host.files.set('/latest.json', await pointerText(reg, { sequence: 1, snapshot: snap1, path: 'snapshots/1.zjs', deltas: [await linkOf('deltas/2.zjd', d12, 1, 2)] }));
    expectWhole(await client.snapshot(), 1);
    expect(client.lastError?.message).toMatch(/pointer's delta/);
  });
});
