// Issue 10, property: any sequence of random writes (bindings, stores, status changes, sanctions,
// removals), published under the full/delta policy and followed by a client that only applies the
// deltas, gives the verdicts — and the state digest — of a full snapshot of the same database.
import { join } from 'node:path';
import { openSnapshot, type SnapshotVerifier } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import { stateDigest } from '@zjmade/sdk/publisher';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { publishableData } from '../src/domain/publishable.js';
import { keygen } from '../src/keys/keygen.js';
import { createService } from '../src/service.js';
import { openDb } from '../src/store/db.js';
import { loadRegistryData, type Repositories, repositories } from '../src/store/repositories.js';
import { ACME, BETA, smallRegistry, tempDb } from './fixtures.js';

const ITEMS = ['taobao:item:1001', 'taobao:item:1002', 'taobao:item:1003', 'jd:item:2001', 'jd:item:2002'];
const STORES = ['tmall:shop:acme', 'jd:shop:1000001', 'tmall:shop:gamma'];
const EVALUATIONS = ['ZJM-C-0001', 'ZJM-D-0002'];
const AT = { at: '2026-03-01T12:00:00+08:00' };
const urlOf = (key: string) => (key.startsWith('jd:') ? `https://item.jd.com/${key.split(':')[2]}.html` : `https://item.taobao.com/item.htm?id=${key.split(':')[2]}`);

type Write =
  | { kind: 'bind'; item: string; store: string; evaluation?: string }
  | { kind: 'unbind'; item: string }
  | { kind: 'store'; store: string; uscc: string; until?: string }
  | { kind: 'unstore'; store: string }
  | { kind: 'status'; evaluation: string; status: 'valid' | 'suspended' | 'withdrawn'; day: number }
  | { kind: 'sanction'; id: number; uscc: string; until?: string };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('bind' as const), item: fc.constantFrom(...ITEMS), store: fc.constantFrom(...STORES), evaluation: fc.option(fc.constantFrom(...EVALUATIONS), { nil: undefined }) }),
  fc.record({ kind: fc.constant('unbind' as const), item: fc.constantFrom(...ITEMS) }),
  fc.record({ kind: fc.constant('store' as const), store: fc.constantFrom(...STORES), uscc: fc.constantFrom(ACME, BETA), until: fc.option(fc.constant('2025-06-01'), { nil: undefined }) }),
  fc.record({ kind: fc.constant('unstore' as const), store: fc.constantFrom(...STORES) }),
  fc.record({ kind: fc.constant('status' as const), evaluation: fc.constantFrom(...EVALUATIONS), status: fc.constantFrom('valid' as const, 'suspended' as const, 'withdrawn' as const), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('sanction' as const), id: fc.integer({ min: 1, max: 3 }), uscc: fc.constantFrom(ACME, BETA), until: fc.option(fc.constant('2026-01-31'), { nil: undefined }) }),
);

function apply(repos: Repositories, w: Write): void {
  repos.db.transaction(() => {
    switch (w.kind) {
      case 'bind':
        if (repos.stores.all().some((s) => s.key === w.store)) repos.bindings.upsert({ key: w.item, store: w.store, ...(w.evaluation ? { evaluationId: w.evaluation } : {}) });
        return;
      case 'unbind':
        repos.bindings.remove(w.item);
        return;
      case 'store': {
        const [platform, , shopId] = w.store.split(':') as ['tmall' | 'jd', string, string];
        repos.stores.upsert({ platform, shopId, key: w.store, name: `店 ${shopId}`, uscc: w.uscc, role: 'authorised', since: '2025-01-01', ...(w.until ? { until: w.until } : {}) });
        return;
      }
      case 'unstore':
        // A store with listings stays (the domain refuses it); only an empty one goes.
        if (!repos.bindings.all().some((b) => b.store === w.store)) repos.stores.remove(w.store);
        return;
      case 'status':
        repos.evaluations.appendStatus(w.evaluation, { status: w.status, at: `2026-02-${String(w.day).padStart(2, '0')}T08:00:00+08:00`, reason: 'property' });
        return;
      case 'sanction':
        repos.sanctions.upsert({ id: `S-${w.id}`, uscc: w.uscc, kind: 'other', reason: 'property', from: '2026-01-01', ...(w.until ? { until: w.until } : {}) });
        return;
    }
  })();
}

it('random writes, published as deltas (and full snapshots when the policy says), applied by a client = a full snapshot of the database', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(write, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 5 }), async (batches, chain) => {
      const t = tempDb(smallRegistry());
      const repos = repositories(openDb(t.dbPath));
      const service = createService(repos, { keyDir: join(t.dir, 'keys'), watchMs: 0, debounceMs: 0, encodeInWorker: false, fullPolicy: { chain, everyMs: 1e12, ratio: 1e9 } });
      try {
        await keygen(repos, join(t.dir, 'keys'));
        await service.start();
        const keys = service.jwks().keys;
        let client: SnapshotVerifier = await openSnapshot(repos.snapshots.latest()!.bytes, { trustedKeys: keys });
        for (const batch of batches) {
          for (const w of batch) apply(repos, w);
          const r = await service.publish();
          expect(r.delta?.base).toBe(client.info.sequence);
          client = await applyDelta(client, await openDelta(repos.snapshots.delta(r.sequence)!.bytes, { trustedKeys: keys }));
          // The truth: every record of the database, hashed whole, and its full snapshot.
          const truth = publishableData(loadRegistryData(repos)).data;
          expect(client.info.digest).toBe(await stateDigest(truth));
          const full = await openSnapshot((await service.fullSnapshot())!.snapshot.bytes, { trustedKeys: keys });
          expect(full.info.sequence).toBe(client.info.sequence);
          for (const k of ITEMS) expect(client.verify(urlOf(k), AT), k).toEqual(full.verify(urlOf(k), AT));
          for (const k of ITEMS) expect(service.current()!.verifier.verify(urlOf(k), AT), k).toEqual(full.verify(urlOf(k), AT));
        }
      } finally {
        service.stop();
        repos.db.close();
        t.cleanup();
      }
    }),
    { numRuns: 25 },
  );
}, 120_000);
