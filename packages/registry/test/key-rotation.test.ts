// Issue 12: a complete key rotation. After standby → activate → retire, a client that trusts only
// the keys published after the retirement verifies everything the registry names — the signed
// pointer, the full snapshot its chain is based on, every delta it lists — through the API, the
// exported static tree and a replica following that tree; and the registry refuses (409) to retire
// a key while anything the pointer names is still signed by it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { createRegistryClient, memoryStore, openPointer, openSnapshot, type TrustedKey } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keygen, type RunningRegistry, startReplica } from '../src/index.js';
import { exportTree } from '../src/publish/export-tree.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, start } from './integrity-helpers.js';

type Jwks = { keys: (TrustedKey & { kid: string })[] };

let t: TempDb;
let reg: RunningRegistry;
let treeServer: Server;
let treeBase: string;

beforeAll(async () => {
  // Enough records that a status change publishes a delta, not a full snapshot: the chain then
  // holds deltas the old key signed when the rotation starts.
  const data = smallRegistry();
  const model = data.evaluations[0]!;
  for (let i = 0; i < 2000; i++) data.evaluations.push({ ...model, id: `ZJM-R-${10000 + i}`, products: [{ name: `电热水壶 ${i}` }] });
  t = tempDb(data);
  reg = await start(t.dbPath);
  // The exported tree, served as a static host serves it (loopback only).
  const root = join(t.dir, 'tree');
  treeServer = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    if (path.startsWith('..')) return void res.writeHead(400).end();
    readFile(join(root, path)).then(
      (b) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(b),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => treeServer.listen(0, '127.0.0.1', r));
  treeBase = `http://127.0.0.1:${(treeServer.address() as AddressInfo).port}/`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => treeServer?.close(r));
  await reg?.close();
  t?.cleanup();
});

const post = (path: string, body?: unknown) =>
  fetch(`${reg.url}${path}`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const jwks = async (): Promise<Jwks> => (await (await fetch(`${reg.url}/.well-known/jwks.json`)).json()) as Jwks;
const setStatus = async (id: string, status: string) => expect((await post(`/v1/admin/evaluations/${id}/status`, { status, reason: 'rotation test' })).status).toBe(200);
const verdictOf = async (key: string) => {
  const r = await post('/v1/verify?evidence=none', { listings: [{ key }] });
  return ((await r.json()) as { results: { status: string }[] }).results[0]!.status;
};

/** Opens the pointer, its full snapshot and every delta it lists with `keys` alone; answers the kids seen. */
async function everythingNamedVerifiesWith(keys: readonly TrustedKey[]): Promise<{ full: number; deltas: number[] }> {
  const pointer = await openPointer(await (await fetch(`${reg.url}/v1/snapshot/latest`)).text(), keys);
  await openSnapshot(new Uint8Array(await (await fetch(`${reg.url}/v1/snapshots/${pointer.sequence}`)).arrayBuffer()), { trustedKeys: keys });
  for (const d of pointer.deltas ?? []) await openDelta(new Uint8Array(await (await fetch(`${reg.url}/v1/deltas/${d.sequence}`)).arrayBuffer()), { trustedKeys: keys });
  return { full: pointer.sequence, deltas: (pointer.deltas ?? []).map((d) => d.sequence) };
}

describe('key rotation', () => {
  it('standby → activate → retire through the console: a client trusting only the keys published after it verifies the API, the exported tree and a replica', async () => {
    // Some deltas under the first key, so the pointer's chain holds them when the rotation starts.
    await setStatus('ZJM-C-0001', 'suspended');
    await setStatus('ZJM-C-0001', 'valid');
    const first = await jwks();
    expect(first.keys).toHaveLength(1);
    const oldKid = first.keys[0]!.kid;
    const before = await openPointer(await (await fetch(`${reg.url}/v1/snapshot/latest`)).text(), first.keys);
    expect(before.deltas?.length ?? 0).toBeGreaterThan(0);

    // Step 1: a standby key; a client configured now trusts old + standby.
    const created = await post('/v1/console/keys');
    expect(created.status).toBe(201);
    const { kid: newKid } = (await created.json()) as { kid: string };
    const step1 = await jwks();
    expect(step1.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
    const holder = createRegistryClient({ baseUrl: reg.url, trustedKeys: step1.keys, store: memoryStore(), retries: 0, deltas: { openDelta, applyDelta } });
    const held = await holder.snapshot();
    // The active key cannot retire.
    expect((await post(`/v1/console/keys/${oldKid}/retire`)).status).toBe(409);

    // Step 2: activation publishes a full snapshot signed by the new key.
    const activated = await post(`/v1/console/keys/${newKid}/activate`);
    expect(activated.status).toBe(200);
    const act = (await activated.json()) as { committed: boolean; snapshot: { sequence: number } | null };
    expect(act.snapshot?.sequence).toBeGreaterThan(held.info.sequence);
    const newOnly = step1.keys.filter((k) => k.kid === newKid);
    const named = await everythingNamedVerifiesWith(newOnly);
    expect(named.full).toBe(act.snapshot!.sequence);
    // The old key's deltas up to the new full snapshot left the chain.
    expect(named.deltas.every((s) => s >= named.full)).toBe(true);

    // Step 3: retirement; the JWKS holds the new key alone.
    const retired = await post(`/v1/console/keys/${oldKid}/retire`);
    expect(retired.status).toBe(200);
    const after = await jwks();
    expect(after.keys.map((k) => k.kid)).toEqual([newKid]);

    // A client given only the JWKS published now verifies, and agrees with /v1/verify.
    const fresh = createRegistryClient({ baseUrl: reg.url, trustedKeys: after.keys, store: memoryStore(), retries: 0, deltas: { openDelta, applyDelta } });
    const snap = await fresh.snapshot();
    expect(fresh.lastError).toBeNull();
    expect(snap.verify({ key: 'jd:item:2001' }).status).toBe(await verdictOf('jd:item:2001'));
    // The client configured at step 1 followed across it.
    expect((await holder.snapshot()).info.sequence).toBeGreaterThanOrEqual(snap.info.sequence);
    expect(holder.lastError).toBeNull();

    // A change after the rotation: both clients take it (deltas under the new key).
    await setStatus('ZJM-D-0002', 'withdrawn');
    for (const c of [fresh, holder]) {
      let s = await c.snapshot();
      for (let i = 0; i < 50 && s.verify({ key: 'jd:item:2001' }).status !== 'withdrawn'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        s = await c.snapshot();
      }
      expect(s.verify({ key: 'jd:item:2001' }).status).toBe('withdrawn');
      expect(c.lastError).toBeNull();
    }
    await everythingNamedVerifiesWith(after.keys);

    // The exported static tree: every file it names opens with the new key alone.
    const exported = await exportTree(reg.service.repos, reg.service.keyDir, join(t.dir, 'tree'));
    expect(exported.head).toBe(reg.service.current()!.stored.sequence);
    const treeClient = createRegistryClient({ baseUrl: treeBase, trustedKeys: after.keys, store: memoryStore(), retries: 0, deltas: { openDelta, applyDelta } });
    const fromTree = await treeClient.snapshot();
    expect(fromTree.info.sequence).toBe(exported.head);
    expect(fromTree.verify({ key: 'jd:item:2001' }).status).toBe('withdrawn');
    // A replica (serve --follow) pinned to the new key alone follows the tree.
    const replica = await startReplica({ follow: treeBase, trustedKeys: after.keys, intervalMs: 200, rateLimit: false });
    try {
      expect(replica.follower.health().lastError).toBeNull();
      expect(replica.follower.current()?.stored.sequence).toBe(exported.head);
      const r = await fetch(`${replica.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: [{ key: 'jd:item:2001' }, { key: 'taobao:item:1001' }] }) });
      expect(((await r.json()) as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(['withdrawn', await verdictOf('taobao:item:1001')]);
    } finally {
      await replica.close();
    }
  }, 60_000);

  it('refuses (409) to retire a key while the chain still rests on it; a key activated outside the console gets a full snapshot at the next publish', async () => {
    // A key activated behind the console's back (as `zjmade-registry keys activate` does): no full snapshot under it yet.
    const { repos, keyDir } = reg.service;
    const oldKid = repos.keys.active()!.kid;
    const { kid: next } = await keygen(repos, keyDir, { activate: false });
    expect(repos.keys.activate(next)).toBeTruthy();
    const refused = await post(`/v1/console/keys/${oldKid}/retire`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { detail: string }).detail).toMatch(new RegExp(`${oldKid} signed full snapshot \\d+`));
    // Nothing was retired by the refusal.
    expect((await jwks()).keys.map((k) => k.kid)).toContain(oldKid);
    const audit = (await (await fetch(`${reg.url}/v1/console/audit?target=key:${oldKid}&action=key.retire`, { headers: AUTH })).json()) as { items: unknown[] };
    expect(audit.items).toHaveLength(0);
    // The next publish (any write) is a full snapshot under the active key, never a delta on the
    // old key's base (the full-snapshot policy's 'new-key'); that frees the old key.
    await setStatus('ZJM-C-0001', 'suspended');
    const publishing = (await (await fetch(`${reg.url}/v1/console/publishing`, { headers: AUTH })).json()) as { sequence: number; full: { sequence: number } };
    expect(publishing.sequence).toBe(publishing.full.sequence);
    expect((await post(`/v1/console/keys/${oldKid}/retire`)).status).toBe(200);
    await everythingNamedVerifiesWith((await jwks()).keys);
  }, 60_000);
});
