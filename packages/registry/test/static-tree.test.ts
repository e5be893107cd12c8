// Issue 10: the published tree on a plain static host. `zjmade-registry export` writes it; Debian's
// nginx serves it on loopback; the SDK verifies the signed pointer and the snapshot it names, and a
// client holding a state follows the deltas the pointer lists, from the tree alone.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openPointer, openSnapshot, SnapshotError } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import { snapshotDigest } from '@zjmade/sdk/publisher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRegistry, startReplica } from '../src/index.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, CLI, ROOT, start } from './integrity-helpers.js';

const NGINX = '/usr/sbin/nginx';

/** The test installs nginx itself where it can (CI runs as root); `.ci/run` installs it too. */
function ensureNginx(): void {
  if (existsSync(NGINX)) return;
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'nginx-light'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(NGINX)) throw new Error(`nginx is needed (apt-get install nginx-light): ${r.stderr}`);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let t: TempDb;
let reg: RunningRegistry;
let nginx: ChildProcess;
let base: string;
let tree: string;

// The cache rules a deployment puts in front of the tree: immutable files forever, the pointer never.
const conf = (prefix: string, root: string, port: number) => `
daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types { application/vnd.zjmade.pointer+json json; application/vnd.zjmade.snapshot zjs; application/vnd.zjmade.delta zjd; }
  gzip on;
  gzip_types application/vnd.zjmade.snapshot application/vnd.zjmade.delta application/vnd.zjmade.pointer+json;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location ~ ^/(snapshots|deltas)/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    location = /latest.json { add_header Cache-Control "no-cache"; }
  }
}
`;

beforeAll(async () => {
  ensureNginx();
  // Enough records that a status change's delta weighs far less than the full snapshot (with the
  // five-record registry every publish would be a full one: its deltas outweigh half of it).
  const data = smallRegistry();
  const model = data.evaluations[0]!;
  for (let i = 0; i < 2000; i++) data.evaluations.push({ ...model, id: `ZJM-C-${10000 + i}`, products: [{ name: `电热水壶 ${i}` }] });
  t = tempDb(data);
  reg = await start(t.dbPath);
  tree = join(t.dir, 'tree');
  const exported = spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'export', tree, '--db', t.dbPath], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(exported.status, exported.stderr).toBe(0);
  const prefix = join(t.dir, 'nginx');
  mkdirSync(prefix, { recursive: true });
  const port = await freePort();
  writeFileSync(join(prefix, 'nginx.conf'), conf(prefix, tree, port));
  nginx = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf')], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${base}/latest.json`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}, 120_000);
afterAll(async () => {
  nginx?.kill('SIGTERM');
  await reg?.close();
  t?.cleanup();
});

describe('the published tree on nginx', () => {
  it('serves a signed pointer the SDK verifies, naming a snapshot file whose digest and signature check out', async () => {
    const res = await fetch(`${base}/latest.json`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const pointer = await openPointer(await res.text(), reg.jwks.keys);
    expect(pointer.sequence).toBe(reg.service.current()!.stored.sequence);
    expect(Date.now() - Date.parse(pointer.issuedAt)).toBeLessThan(60_000);
    const file = await fetch(`${base}/${pointer.snapshot as string}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('etag')).toBeTruthy();
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(await snapshotDigest(bytes)).toBe(pointer.sha256);
    const verifier = await openSnapshot(bytes, { trustedKeys: reg.jwks.keys });
    expect(verifier.info.sequence).toBe(pointer.sequence);
    expect(verifier.verify('https://detail.tmall.com/item.htm?id=1001').status).toBe('verified');
    // A conditional request for the unchanged file costs a 304.
    const again = await fetch(`${base}/${pointer.snapshot as string}`, { headers: { 'if-none-match': file.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('after a suspension and a new export, the pointer lists the delta: a client holding the full snapshot follows it from the tree alone', async () => {
    const before = await openPointer(await (await fetch(`${base}/latest.json`)).text(), reg.jwks.keys);
    let held = await openSnapshot(new Uint8Array(await (await fetch(`${base}/${before.snapshot as string}`)).arrayBuffer()), { trustedKeys: reg.jwks.keys });
    const r = await fetch(`${reg.url}/v1/admin/evaluations/ZJM-C-0001/status`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ status: 'suspended', reason: 'audit' }) });
    expect(r.status).toBe(200);
    const exported = spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'export', tree, '--db', t.dbPath], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(exported.status, exported.stderr).toBe(0);
    const after = await openPointer(await (await fetch(`${base}/latest.json`)).text(), reg.jwks.keys);
    // No new full snapshot for one status change: the same file, and a chain one longer.
    expect(after.sequence).toBe(before.sequence);
    expect(after.snapshot).toBe(before.snapshot);
    expect(after.head).toBe(reg.service.current()!.stored.sequence);
    expect(after.head).toBeGreaterThan(before.head ?? before.sequence);
    let fetched = 0;
    for (const d of (after.deltas ?? []).filter((x) => x.sequence > held.info.sequence)) {
      expect(d.path).toMatch(new RegExp(`^deltas/${d.base}-${d.sequence}-[0-9a-f]{16}\\.zjd$`));
      const res = await fetch(`${base}/${d.path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.byteLength).toBe(d.bytes);
      expect(await snapshotDigest(bytes)).toBe(d.sha256);
      held = await applyDelta(held, await openDelta(bytes, { trustedKeys: reg.jwks.keys }));
      fetched += bytes.byteLength;
    }
    expect(held.info.sequence).toBe(after.head);
    expect(held.verify('https://detail.tmall.com/item.htm?id=1001').status).toBe('suspended');
    // What the chain led to is what the registry's own full snapshot of the head holds.
    const full = await openSnapshot(new Uint8Array(await (await fetch(`${reg.url}/v1/snapshot`)).arrayBuffer()), { trustedKeys: reg.jwks.keys });
    expect(full.info.sequence).toBe(held.info.sequence);
    expect(held.info.digest).toBe(full.info.digest);
    expect(fetched).toBeLessThan(2048);
    console.log(`[static tree] one status change from the tree: ${fetched} bytes of deltas (full snapshot ${after.bytes} bytes)`);
  });

  it('a read-only replica (no database) follows the tree: answers /v1/verify, picks up a new export, keeps its last good snapshot through a bad pointer', async () => {
    const replica = await startReplica({ follow: `${base}/`, trustedKeys: reg.jwks.keys, intervalMs: 200, rateLimit: false });
    const verify = async () => {
      const r = await fetch(`${replica.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: [{ key: 'taobao:item:1001' }, { key: 'jd:item:2001' }] }) });
      return ((await r.json()) as { results: { status: string }[] }).results.map((x) => x.status);
    };
    try {
      const primary = reg.service.current()!.stored.sequence;
      expect(replica.follower.current()?.stored.sequence).toBe(primary);
      expect(await verify()).toEqual(['suspended', 'verified']);
      // A change on the primary, exported: the replica follows within its interval.
      const r = await fetch(`${reg.url}/v1/admin/evaluations/ZJM-D-0002/status`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ status: 'withdrawn', reason: 'audit' }) });
      expect(r.status).toBe(200);
      expect(spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'export', tree, '--db', t.dbPath], { cwd: ROOT, timeout: 60_000 }).status).toBe(0);
      let seen: string[] = [];
      for (let i = 0; i < 100 && seen[1] !== 'withdrawn'; i++) {
        await new Promise((res) => setTimeout(res, 100));
        seen = await verify();
      }
      expect(seen).toEqual(['suspended', 'withdrawn']);
      // It followed by deltas, not the full snapshot.
      expect(replica.follower.health().lastUpdate).toMatchObject({ via: 'deltas' });
      expect(replica.follower.health().lastUpdate!.bytes).toBeLessThan(2048);
      const held = replica.follower.current()!.stored.sequence;
      // A pointer that fails its signature: the replica says so in health and keeps answering.
      const good = readFileSync(join(tree, 'latest.json'), 'utf8');
      writeFileSync(join(tree, 'latest.json'), good.replace(/"sig":"[0-9a-f]{8}/, '"sig":"00000000'));
      await new Promise((res) => setTimeout(res, 600));
      const health = (await (await fetch(`${replica.url}/v1/health`)).json()) as { status: string; follow: { lastError: string | null } };
      expect(health.status).toBe('degraded');
      expect(health.follow.lastError).toMatch(/signature/i);
      expect(replica.follower.current()!.stored.sequence).toBe(held);
      expect(await verify()).toEqual(['suspended', 'withdrawn']);
      writeFileSync(join(tree, 'latest.json'), good);
      expect((await fetch(`${replica.url}/v1/admin/publish`, { method: 'POST' })).status).toBe(404);
    } finally {
      await replica.close();
    }
  });

  it('a tampered file in the tree fails its digest and its signature; a tampered pointer fails its signature', async () => {
    const pointerText = readFileSync(join(tree, 'latest.json'), 'utf8');
    const pointer = await openPointer(pointerText, reg.jwks.keys);
    const path = join(tree, pointer.snapshot as string);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 1;
    writeFileSync(path, bytes);
    const served = new Uint8Array(await (await fetch(`${base}/${pointer.snapshot as string}`)).arrayBuffer());
    expect(await snapshotDigest(served)).not.toBe(pointer.sha256);
    await expect(openSnapshot(served, { trustedKeys: reg.jwks.keys })).rejects.toBeInstanceOf(SnapshotError);
    const forged = JSON.parse(pointerText) as { payload: string };
    forged.payload = forged.payload.replace(/"sequence":\d+/, '"sequence":999999');
    writeFileSync(join(tree, 'latest.json'), JSON.stringify(forged));
    await expect(openPointer(await (await fetch(`${base}/latest.json`)).text(), reg.jwks.keys)).rejects.toBeInstanceOf(SnapshotError);
  });
});
