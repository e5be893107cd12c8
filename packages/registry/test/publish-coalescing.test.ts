// Issue 10: a burst of writes publishes once or twice, not once per write, and every write in the
// burst is in the snapshot its answer names.
import { afterEach, expect, it } from 'vitest';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { AUTH, TOKEN } from './integrity-helpers.js';

let t: TempDb | undefined;
let reg: RunningRegistry | undefined;
afterEach(async () => {
  await reg?.close();
  t?.cleanup();
});

it('200 concurrent binding writes share publishes (at least 10 writes per publish; before, one publish each), and each answer names a snapshot holding its write', async () => {
  t = tempDb(smallRegistry());
  const lines: string[] = [];
  reg = await startRegistry({ dbPath: t.dbPath, adminToken: TOKEN, rateLimit: false, log: (m) => lines.push(m) });
  const before = lines.filter((l) => l.startsWith('published ')).length;
  const keys = Array.from({ length: 200 }, (_, i) => `taobao:item:${30000 + i}`);
  const answers = await Promise.all(
    keys.map(async (key) => {
      const r = await fetch(`${reg!.url}/v1/admin/listings/${key}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ store: 'tmall:shop:acme' }) });
      return { key, status: r.status, body: (await r.json()) as { snapshot: { sequence: number } } };
    }),
  );
  expect(answers.every((a) => a.status === 200)).toBe(true);
  const publishes = lines.filter((l) => l.startsWith('published ')).length - before;
  expect(publishes).toBeGreaterThanOrEqual(1);
  // How many depends on how the requests spread over time; one per write is what must not happen.
  expect(publishes).toBeLessThanOrEqual(20);
  const latest = reg.service.current()!;
  for (const a of answers) expect(a.body.snapshot.sequence).toBeLessThanOrEqual(latest.stored.sequence);
  const verify = await fetch(`${reg.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: keys.map((key) => ({ key })) }) });
  const statuses = ((await verify.json()) as { results: { status: string }[] }).results.map((r) => r.status);
  expect(new Set(statuses)).toEqual(new Set(['store-only']));
  console.log(`[registry] 200 concurrent binding writes → ${publishes} publish(es)`);
});
