// Issue 10: a process killed while it publishes leaves no half-published sequence, and the next
// start continues the sequence and publishes what was committed.
import { spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { postJson, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, CLI, eventually, ROOT, TOKEN } from './integrity-helpers.js';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

/** `serve` in a child process on a free port; resolves with its URL once it listens. */
function serve(dbPath: string) {
  const child = spawn(process.execPath, ['--conditions=zjmade-source', '--import', 'tsx', CLI, 'serve', '--db', dbPath, '--port', '0', '--no-rate-limit'], {
    cwd: ROOT,
    env: { ...process.env, ZJMADE_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`serve exited: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, url, exited, log: () => out };
}

const sequences = (dbPath: string): number[] => {
  const db = openDb(dbPath);
  try {
    return db.prepare('SELECT sequence FROM snapshots UNION SELECT sequence FROM deltas ORDER BY sequence').pluck().all() as number[];
  } finally {
    db.close();
  }
};

it('SIGKILL right after a committed change, while its publish runs: restart continues the sequence and publishes the change', async () => {
  // Enough evaluations that a publish takes a moment.
  const data = smallRegistry();
  const base = data.evaluations[0]!;
  for (let i = 0; i < 3000; i++) data.evaluations.push({ ...base, id: `ZJM-C-${10000 + i}`, products: [{ name: `电热水壶 ${i}` }] });
  t = tempDb(data);
  const first = serve(t.dbPath);
  const url = await first.url;
  const before = sequences(t.dbPath);
  // Commit, then kill without waiting for the answer (which comes after the publish).
  const answer = fetch(`${url}/v1/admin/evaluations/ZJM-C-0001/status`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ status: 'suspended', reason: 'crash test' }) }).catch(() => null);
  const db = openDb(t.dbPath);
  const committed = await eventually(async () => (db.prepare("SELECT COUNT(*) FROM evaluation_status WHERE evaluation_id = 'ZJM-C-0001'").pluck().get() as number) > 0, 10_000);
  db.close();
  first.child.kill('SIGKILL');
  await first.exited;
  await answer;
  expect(committed).toBe(true);
  const afterKill = sequences(t.dbPath);
  // Either the publish had finished (one new sequence) or nothing of it was stored.
  expect(afterKill.length - before.length).toBeLessThanOrEqual(1);
  expect(afterKill).toEqual([...new Set(afterKill)].sort((a, b) => a - b));

  const second = serve(t.dbPath);
  try {
    const url2 = await second.url;
    const r = await postJson(`${url2}/v1/verify`, { listings: [{ key: 'taobao:item:1001' }] });
    expect(((await r.json()) as { results: { status: string }[] }).results[0]!.status).toBe('suspended');
    const all = sequences(t.dbPath);
    // Contiguous from the first stored sequence on: no gap, no duplicate, the latest is served.
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => all[0]! + i));
    const health = (await (await fetch(`${url2}/v1/health`)).json()) as { snapshot: { sequence: number } };
    expect(health.snapshot.sequence).toBe(all.at(-1));
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
}, 60_000);
