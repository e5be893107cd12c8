// Issue 15 #5, the registry side: GET /v1/snapshot/latest serves a signed "latest" pointer naming
// the current snapshot, re-signed when stale, which a memoryless SDK client requires.
import { createRegistryClient, openPointer } from '@zjmade/sdk';
import { snapshotDigest } from '@zjmade/sdk/publisher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPointerSigner } from '../src/publish/pointer.js';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';

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

describe('GET /v1/snapshot/latest', () => {
  it('serves a pointer signed with the registry keys that names the snapshot served at /v1/snapshot', async () => {
    const r = await fetch(`${reg.url}/v1/snapshot/latest`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.zjmade.pointer+json');
    expect(r.headers.get('etag')).toBeNull();
    expect(r.headers.get('cache-control')).toContain('no-cache');
    const pointer = await openPointer(await r.text(), reg.jwks.keys);
    const snapshot = new Uint8Array(await (await fetch(`${reg.url}/v1/snapshot`)).arrayBuffer());
    expect(pointer.sequence).toBe(reg.service.current()!.stored.sequence);
    expect(pointer.sha256).toBe(await snapshotDigest(snapshot));
    expect(Math.abs(Date.now() - Date.parse(pointer.issuedAt))).toBeLessThan(60_000);
  });

  it('lets a memoryless SDK client open the snapshot', async () => {
    const client = createRegistryClient({ baseUrl: reg.url, trustedKeys: reg.jwks.keys });
    expect((await client.snapshot()).info.sequence).toBe(reg.service.current()!.stored.sequence);
  });

  it('re-signs when the pointer is older than the re-sign interval or the snapshot changes', async () => {
    const clock = { now: Date.parse('2026-12-01T00:00:00Z') };
    const signer = createPointerSigner(reg.service, { now: () => clock.now });
    const first = await signer.latest();
    clock.now += 9 * 60_000;
    expect(await signer.latest()).toBe(first);
    clock.now += 60_000;
    const second = await signer.latest();
    expect(second).not.toBe(first);
    const p = await openPointer(second, reg.jwks.keys);
    expect(p.issuedAt).toBe(new Date(clock.now).toISOString());
    // A publish is a delta: the pointer keeps naming the full snapshot and lists the new delta.
    await reg.service.publish();
    const third = await openPointer(await signer.latest(), reg.jwks.keys);
    expect(third.sequence).toBe(p.sequence);
    expect(third.head).toBe((p.head ?? p.sequence) + 1);
    expect(third.deltas?.at(-1)).toMatchObject({ base: p.head ?? p.sequence, sequence: third.head, path: `/v1/deltas/${third.head}` });
    // A full one moves `sequence` and `snapshot` on; the chain still passes through it.
    await reg.service.publish({ forceFull: true });
    const fourth = await openPointer(await signer.latest(), reg.jwks.keys);
    expect(fourth.sequence).toBe(third.head! + 1);
    expect(fourth.snapshot).toBe(`/v1/snapshots/${fourth.sequence}`);
    expect(fourth.deltas?.map((d) => d.sequence)).toContain(fourth.sequence);
  });

  it('names files the API serves: the full snapshot at its path, each delta at its path, with the sizes and SHA-256 it gives', async () => {
    await reg.service.publish();
    await reg.service.publish();
    const pointer = await openPointer(await (await fetch(`${reg.url}/v1/snapshot/latest`)).text(), reg.jwks.keys);
    const files = [{ path: pointer.snapshot!, bytes: pointer.bytes!, sha256: pointer.sha256 }, ...(pointer.deltas ?? [])];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = await fetch(new URL(f.path, `${reg.url}/v1/snapshot/latest`), { headers: { 'accept-encoding': 'identity' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toContain('immutable');
      const bytes = new Uint8Array(await r.arrayBuffer());
      expect(bytes.byteLength).toBe(f.bytes);
      expect(await snapshotDigest(bytes)).toBe(f.sha256);
    }
    expect((await fetch(`${reg.url}/v1/snapshots/999999`)).status).toBe(404);
    expect((await fetch(`${reg.url}/v1/snapshots/x`)).status).toBe(400);
  });
});
