// Issue 10: the published tree on a plain static host. `zjmade-registry export` writes it; Debian's
// nginx serves it on loopback; the SDK verifies the signed pointer and the snapshot it names.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openPointer, openSnapshot, SnapshotError } from '@zjmade/sdk';
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
  types { application/vnd.zjmade.pointer+json json; application/vnd.zjmade.snapshot zjs; }
  gzip on;
  gzip_types application/vnd.zjmade.snapshot application/vnd.zjmade.pointer+json;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /snapshots/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    location = /latest.json { add_header Cache-Control "no-cache"; }
  }
}
`;

beforeAll(async () => {
  ensureNginx();
  t = tempDb(smallRegistry());
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

  it('after a suspension and a new export, the pointer names the new file; the old one is still served as it was', async () => {
    const before = await openPointer(await (await fetch(`${base}/latest.json`)).text(), reg.jwks.keys);
    const r = await fetch(`${reg.url}/v1/admin/evaluations/ZJM-C-0001/status`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ status: 'suspended', reason: 'audit' }) });
    expect(r.status).toBe(200);
    const exported = spawnSync(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'export', tree, '--db', t.dbPath], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(exported.status, exported.stderr).toBe(0);
    const after = await openPointer(await (await fetch(`${base}/latest.json`)).text(), reg.jwks.keys);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.snapshot).not.toBe(before.snapshot);
    const fresh = await openSnapshot(new Uint8Array(await (await fetch(`${base}/${after.snapshot as string}`)).arrayBuffer()), { trustedKeys: reg.jwks.keys });
    expect(fresh.verify('https://detail.tmall.com/item.htm?id=1001').status).toBe('suspended');
    const old = await fetch(`${base}/${before.snapshot as string}`);
    expect(old.status).toBe(200);
    expect(await snapshotDigest(new Uint8Array(await old.arrayBuffer()))).toBe(before.sha256);
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
