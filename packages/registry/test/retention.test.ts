// Issue 10: full snapshots only when the policy says so, every publish a delta, and retention
// bounding what the database keeps; the server's own verifier follows deltas and agrees with a
// full snapshot of the same state, also after a restart.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSnapshot } from '@zjmade/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { keygen } from '../src/keys/keygen.js';
import { publishedChain } from '../src/publish/chain.js';
import { DEFAULT_FULL_POLICY, needsFull } from '../src/publish/full-policy.js';
import { createService, type RegistryService } from '../src/service.js';
import { openDb } from '../src/store/db.js';
import { repositories } from '../src/store/repositories.js';
import { KEEP_FULLS } from '../src/store/snapshots.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';

const KEYS = ['https://item.taobao.com/item.htm?id=1001', 'https://item.taobao.com/item.htm?id=1002', 'https://item.jd.com/2001.html'];
let t: TempDb | undefined;
const services: RegistryService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) {
    s.stop();
    s.repos.db.close();
  }
  t?.cleanup();
});

async function setup(encodeInWorker: boolean, chain = 4) {
  t = tempDb(smallRegistry());
  const keyDir = join(t.dir, 'keys');
  const repos = repositories(openDb(t.dbPath));
  await keygen(repos, keyDir);
  const open = () => {
    const r = services.length ? repositories(openDb(t!.dbPath)) : repos;
    const s = createService(r, { keyDir, watchMs: 0, debounceMs: 0, encodeInWorker, fullPolicy: { chain, everyMs: 1e12, ratio: 1e9 } });
    services.push(s);
    return s;
  };
  return { repos, open };
}

/** The verdicts of the full snapshot of the service's current state, next to its own. */
async function bothVerdicts(service: RegistryService) {
  const file = await service.fullSnapshot();
  const full = await openSnapshot(file!.snapshot.bytes, { trustedKeys: service.jwks().keys });
  const held = service.current()!.verifier;
  return { full: KEYS.map((k) => full.verify(k).status), held: KEYS.map((k) => held.verify(k).status), fullDigest: full.info.digest, heldDigest: held.info.digest, sequence: full.info.sequence };
}

describe.each([
  ['in the encode worker', true],
  ['in the main thread', false],
])('publishing %s', (_, inWorker) => {
  it('makes a full snapshot first, then deltas until the chain would outgrow the pointer; retention keeps the tables bounded', async () => {
    const { repos, open } = await setup(inWorker);
    const service = open();
    await service.start();
    const reasons: (string | undefined)[] = [];
    for (let i = 0; i < 14; i++) {
      repos.db.transaction(() => repos.bindings.upsert({ key: `taobao:item:${5000 + i}`, store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' }))();
      const r = await service.publish();
      expect(r.delta?.base).toBe(r.sequence - 1);
      reasons.push(r.fullReason);
      const counts = repos.snapshots.counts();
      expect(counts.fulls).toBeLessThanOrEqual(KEEP_FULLS);
      expect(counts.deltas).toBeLessThanOrEqual(2 * 4);
    }
    // Sequence 1 (start) was the first full snapshot; with a chain of 4, sequences 5, 9 and 13 are full too.
    expect(reasons).toEqual([undefined, undefined, undefined, 'chain', undefined, undefined, undefined, 'chain', undefined, undefined, undefined, 'chain', undefined, undefined]);
    expect(repos.snapshots.counts().fulls).toBe(KEEP_FULLS);
    // The pointer's chain passes through the newest full snapshot and ends at the head.
    const chain = (await publishedChain(repos, 4))!;
    expect(chain.head.sequence).toBe(15);
    expect(chain.full.sequence).toBe(13);
    expect(chain.deltas.map((d) => d.sequence)).toEqual([12, 13, 14, 15]);
    expect(repos.snapshots.oldestDelta()).toBe(12);
    // The server followed every delta; the full snapshot of the head (encoded on request) agrees.
    const v = await bothVerdicts(service);
    expect(v.sequence).toBe(15);
    expect(v.held).toEqual(v.full);
    expect(v.heldDigest).toBe(v.fullDigest);
  });

  it('a renewal with nothing changed is a delta without changes, never a full snapshot', async () => {
    const { open } = await setup(inWorker);
    const service = open();
    await service.start();
    const r = await service.publish();
    expect(r.full).toBeUndefined();
    expect(r.delta?.changes).toBe(0);
    expect(r.delta!.bytes).toBeLessThan(600);
  });
});

it('after a restart the server rebuilds the head from the newest full snapshot and the deltas after it, publishing nothing', async () => {
  const { repos, open } = await setup(false);
  const first = open();
  await first.start();
  repos.db.transaction(() => repos.evaluations.appendStatus('ZJM-C-0001', { status: 'suspended', at: '2026-03-01T00:00:00+08:00', reason: 'audit' }))();
  await first.publish();
  repos.db.transaction(() => repos.bindings.remove('taobao:item:1002'))();
  const last = await first.publish();
  expect(last.full).toBeUndefined();
  const before = await bothVerdicts(first);
  first.stop();
  const second = open();
  await second.start();
  expect(second.current()!.stored.sequence).toBe(last.sequence);
  expect(second.repos.snapshots.lastSequence()).toBe(last.sequence);
  const after = await bothVerdicts(second);
  expect(after.held).toEqual(before.held);
  expect(after.heldDigest).toBe(before.fullDigest);
  expect(after.held).toEqual(['suspended', 'not-found', 'verified']);
});

it('an unlogged write (behind the change log) makes a full snapshot without a delta', async () => {
  const { repos, open } = await setup(true);
  const service = open();
  await service.start();
  repos.db.prepare('DELETE FROM bindings WHERE key = ?').run('taobao:item:1001');
  const r = await service.publish({ fullRead: true });
  expect(r.fullReason).toBe('forced');
  expect(r.delta).toBeUndefined();
  expect(service.current()!.verifier.verify(KEYS[0]!).status).toBe('not-found');
});

describe('full snapshot policy', () => {
  const lastFull = { sequence: 10, issuedAt: '2026-12-01T00:00:00+08:00', size: 10_000, kid: 'k1' };
  const now = Date.parse('2026-12-01T06:00:00+08:00');
  const weigh = (since: { count: number; bytes: number }, extra: object = {}) => ({ policy: DEFAULT_FULL_POLICY, lastFull, since, forceFull: false, ...extra });
  it.each([
    ['a small delta soon after a full snapshot', weigh({ count: 3, bytes: 1000 }), 400, now, undefined],
    ['the first publish', weigh({ count: 0, bytes: 0 }, { lastFull: undefined }), 400, now, 'first'],
    ['a day after the last full snapshot', weigh({ count: 3, bytes: 1000 }), 400, now + 24 * 3600_000, 'period'],
    ['deltas weighing half the full snapshot', weigh({ count: 3, bytes: 4700 }), 400, now, 'weight'],
    ['a chain about to outgrow the pointer', weigh({ count: DEFAULT_FULL_POLICY.chain - 1, bytes: 1000 }), 10, now, 'chain'],
    ['a forced one', weigh({ count: 0, bytes: 0 }, { forceFull: true }), 10, now, 'forced'],
    ['the same key as the last full snapshot', weigh({ count: 3, bytes: 1000 }, { activeKid: 'k1' }), 400, now, undefined],
    ['a key activated since the last full snapshot', weigh({ count: 3, bytes: 1000 }, { activeKid: 'k2' }), 400, now, 'new-key'],
  ])('%s', (_, input, deltaBytes, at, reason) => {
    expect(needsFull(input, deltaBytes, at)).toBe(reason);
  });
});

// Keep the temp dir tidy if a test failed before cleanup.
process.on('exit', () => t && rmSync(t.dir, { recursive: true, force: true }));
