// Issue 15 #5: the badge element in snapshot mode starts fresh on every page load. It must accept
// only the snapshot a recent signed pointer names, so a replayed older snapshot (from before a
// suspension) never shows "verified".
import type { RegistryData } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signPointer, signSnapshot } from '@zjmade/sdk/publisher';
import { describe, expect, it } from 'vitest';
import { snapshotVerify } from '../src/element/snapshot-mode.js';

const USCC = '91330100716105852F';
const data: RegistryData = {
  meta: { name: 'badge snapshot test', sample: true, generatedAt: '2026-01-01T00:00:00+08:00' },
  enterprises: [{ uscc: USCC, name: '浙江艾克美厨具有限公司', region: '330100' }],
  standards: [{ code: 'T/ZZB 1371-2019', title: '不锈钢真空保温杯', issuer: '浙江省品牌建设联合会', status: 'current' }],
  evaluations: [
    {
      id: 'CN-ZJM-2024-0001',
      route: 'certification',
      brand: 'zhejiang-made',
      uscc: USCC,
      products: [{ name: '不锈钢保温杯' }],
      standard: 'T/ZZB 1371-2019',
      issued: '2024-04-01',
      expires: '2099-03-31',
      history: [],
    },
  ],
  stores: [{ platform: 'tmall', shopId: 'acme', key: 'tmall:shop:acme', name: 'ACME', uscc: USCC, role: 'official-flagship', since: '2020-01-01' }],
  bindings: [{ key: 'taobao:item:1001', store: 'tmall:shop:acme', evaluationId: 'CN-ZJM-2024-0001' }],
  sanctions: [],
};
const suspended: RegistryData = {
  ...data,
  evaluations: data.evaluations.map((e) => ({ ...e, history: [{ status: 'suspended', at: '2025-01-01T00:00:00+08:00' }] })),
};

async function registry() {
  const generated = await generateSigningKey('k1');
  const key = await importSigningKey(generated.privateJwk);
  const now = Date.now();
  const snap = (d: RegistryData, sequence: number) =>
    signSnapshot(encodeSnapshot(d, { sequence, issuedAt: new Date(now - 86_400_000).toISOString(), expiresAt: new Date(now + 86_400_000).toISOString() }), key);
  const served = { snapshot: await snap(data, 1), pointer: '' };
  const seq1 = served.snapshot;
  // What the registry published when seq 1 was current, two hours ago.
  served.pointer = JSON.stringify(await signPointer({ sequence: 1, snapshot: seq1, issuedAt: new Date(now - 2 * 3_600_000) }, key));
  const paths: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    paths.push(path);
    if (path === '/v1/snapshot/latest') return new Response(served.pointer);
    if (path === '/v1/snapshot') return new Response(served.snapshot.slice());
    return new Response('', { status: 404 });
  }) as typeof fetch;
  return { served, key, seq1, snap, fetchImpl, paths, trustedKeys: [generated.publicJwk], now };
}

describe('badge element: snapshot mode', () => {
  it('refuses a replayed snapshot whose pointer is older than an hour, and answers from a fresh one', async () => {
    const r = await registry();
    const verify = snapshotVerify('https://registry.test', r.trustedKeys, r.fetchImpl);
    await expect(verify([{ key: 'taobao:item:1001' }])).rejects.toThrow(/Stale/);

    // The registry's current state: seq 2 (suspended) with a fresh pointer.
    r.served.snapshot = await r.snap(suspended, 2);
    r.served.pointer = JSON.stringify(await signPointer({ sequence: 2, snapshot: r.served.snapshot, issuedAt: new Date(r.now) }, r.key));
    const [verdict] = await verify([{ key: 'taobao:item:1001' }]);
    expect(verdict?.status).toBe('suspended');
    expect(r.paths).toContain('/v1/snapshot/latest');
  });

  it('refuses the old snapshot even beside a fresh pointer for the new one', async () => {
    const r = await registry();
    const seq2 = await r.snap(suspended, 2);
    r.served.pointer = JSON.stringify(await signPointer({ sequence: 2, snapshot: seq2, issuedAt: new Date(r.now) }, r.key));
    const verify = snapshotVerify('https://registry.test', r.trustedKeys, r.fetchImpl);
    await expect(verify([{ key: 'taobao:item:1001' }])).rejects.toThrow(/pointer/);
  });
});
