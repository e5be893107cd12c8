import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeltaError, type RegistryDelta, applyDelta, openDelta } from '../src/delta.js';
import { SnapshotError, type SnapshotVerifier, openSnapshot } from '../src/index.js';
import type { Evaluation, ListingBinding, RegistryData, Sanction } from '../src/index.js';
import { encodeDelta, encodeSnapshot, signDelta, stateDigest } from '../src/publisher.js';
import { importSigningKey, generateSigningKey } from '../src/publisher.js';
import { diffDelta } from './delta-helpers.js';
import { FIXTURE_AT, FIXTURE_EXAMPLES, refOf, registryFixture } from './fixtures/registry-fixture.js';
import { EXPIRES, ISSUED, type Signer, newSigner } from './snapshot-helpers.js';

const NOW = () => Date.parse(FIXTURE_AT);
const clone = (d: RegistryData): RegistryData => structuredClone(d);

interface Keys extends Signer {
  key: { privateKey: CryptoKey; kid: string };
}
async function keys(kid: string): Promise<Keys> {
  const k = await generateSigningKey(kid);
  const key = await importSigningKey(k.privateJwk);
  const s = await newSigner(kid);
  return { ...s, publicJwk: k.publicJwk, key, kid };
}

let signer: Keys;
let other: Keys;
let snapshotFile: Uint8Array;
let base: SnapshotVerifier;
const trusted = () => ({ trustedKeys: [signer.publicJwk] });

async function snapshotOf(data: RegistryData, sequence: number, issuedAt = ISSUED, expiresAt = EXPIRES): Promise<Uint8Array> {
  return signDeltaLike(encodeSnapshot(data, { sequence, issuedAt, expiresAt, digest: await stateDigest(data) }));
}
// Snapshots and deltas are signed with the same key; only the body's magic differs.
const { signSnapshot } = await import('../src/publisher.js');
const signDeltaLike = (body: Uint8Array) => signSnapshot(body, signer.key);
const sealed = async (d: RegistryDelta, by = signer) => signDelta(encodeDelta(d), by.key);

/** A status change: suspends the fixture's valid certificate. */
function suspended(data: RegistryData): RegistryData {
  const next = clone(data);
  const e = next.evaluations.find((x) => x.id === 'ZJM-CERT-2025-0001')!;
  e.history.push({ status: 'suspended', at: '2026-05-20T09:00:00+08:00', reason: '监督抽查不合格' });
  return next;
}

beforeAll(async () => {
  signer = await keys('k-2026');
  other = await keys('k-2026');
  snapshotFile = await snapshotOf(registryFixture, 10);
  base = await openSnapshot(snapshotFile, { ...trusted(), now: NOW });
});

describe('delta round trip', () => {
  it('opens what it encodes', async () => {
    const after = suspended(registryFixture);
    const d = await diffDelta(registryFixture, after, 10, 11, ISSUED, EXPIRES);
    expect(d.upsert.evaluations).toHaveLength(1);
    const opened = await openDelta(await sealed(d), trusted());
    expect(opened).toEqual(d);
  });

  it('applies a status change: new verifier, old one untouched, verdicts and info as a full snapshot of the same state', async () => {
    const after = suspended(registryFixture);
    const d = await openDelta(await sealed(await diffDelta(registryFixture, after, 10, 11, ISSUED, EXPIRES)), trusted());
    const next = await applyDelta(base, d, { now: NOW });
    const full = await openSnapshot(await snapshotOf(after, 11), { ...trusted(), now: NOW });
    expect(next.info).toEqual(full.info ? { ...full.info, bytes: base.info.bytes } : undefined);
    for (const { key } of FIXTURE_EXAMPLES) expect(next.verify(refOf(key))).toEqual(full.verify(refOf(key)));
    const key = FIXTURE_EXAMPLES.find((x) => x.status === 'verified')!.key;
    expect(base.verify(refOf(key)).status).toBe('verified');
    expect(next.verify(refOf(key)).status).toBe('suspended');
    expect(full.verify(refOf(key)).status).toBe('suspended');
    expect(base.info.sequence).toBe(10);
    expect(next.evaluationsOf('91330100716105852F')).toEqual(full.evaluationsOf('91330100716105852F'));
  });

  it('renews freshness with an empty delta, and chains', async () => {
    const later = '2027-01-01T00:00:00+08:00';
    const d1 = await openDelta(await sealed({ base: 10, sequence: 11, issuedAt: ISSUED, expiresAt: later, digest: base.info.digest!, upsert: {}, remove: {} }), trusted());
    const file = await sealed(d1);
    expect(file.length).toBeLessThan(300);
    const t = Date.parse('2026-12-15T00:00:00+08:00');
    const r1 = await applyDelta(base, d1, { now: NOW });
    expect(r1.info.expiresAt).toBe(later);
    expect(base.isStale(t)).toBe(true);
    expect(r1.isStale(t)).toBe(false);
    const after = suspended(registryFixture);
    const d2 = await diffDelta(registryFixture, after, 11, 12, ISSUED, later);
    const r2 = await applyDelta(r1, d2, { now: NOW });
    expect(r2.info.sequence).toBe(12);
    expect(r2.info.digest).toBe(await stateDigest(after));
    const d3 = await diffDelta(after, registryFixture, 12, 13, ISSUED, later);
    const r3 = await applyDelta(r2, d3, { now: NOW });
    expect(r3.info.digest).toBe(base.info.digest);
  });

  it('replaces the meta (the registry default meta, dated 1970, included)', async () => {
    const after = clone(registryFixture);
    after.meta = { name: 'zjmade registry', sample: false, generatedAt: '1970-01-01T00:00:00Z' };
    const d = await diffDelta(registryFixture, after, 10, 11, ISSUED, EXPIRES);
    expect(d.meta).toEqual(after.meta);
    const next = await applyDelta(base, await openDelta(await sealed(d), trusted()), { now: NOW });
    const full = await openSnapshot(await snapshotOf(after, 11), { ...trusted(), now: NOW });
    expect(next.info.meta).toEqual(after.meta);
    expect(next.info.digest).toBe(full.info.digest);
    expect(next.verify(refOf(FIXTURE_EXAMPLES[0]!.key))).toEqual(full.verify(refOf(FIXTURE_EXAMPLES[0]!.key)));
  });

  it('removes and adds bindings and sanctions', async () => {
    const after = clone(registryFixture);
    const gone = after.bindings.shift()!;
    const added: ListingBinding = { key: 'jd:item:777', store: after.stores[0]!.key, evaluationId: 'ZJM-CERT-2025-0001' };
    after.bindings.push(added);
    const s: Sanction = { id: 'S-NEW', uscc: '91330100716105852F', kind: 'mark-misuse', from: '2026-01-01' };
    after.sanctions.push(s);
    const d = await diffDelta(registryFixture, after, 10, 11, ISSUED, EXPIRES);
    const next = await applyDelta(base, d, { now: NOW });
    const full = await openSnapshot(await snapshotOf(after, 11), { ...trusted(), now: NOW });
    expect(next.view.binding(gone.key)).toBeUndefined();
    expect(next.view.binding(added.key)).toEqual(added);
    expect(next.sanctionsOf(s.uscc)).toEqual(full.sanctionsOf(s.uscc));
    for (const k of [gone.key, added.key, ...FIXTURE_EXAMPLES.map((x) => x.key)]) expect(next.verify(refOf(k))).toEqual(full.verify(refOf(k)));
    expect(next.verify(refOf(added.key)).status).toBe(full.verify(refOf(added.key)).status);
    expect(next.verify(refOf(added.key)).status).not.toBe('unknown');
    expect(next.info.counts).toEqual(full.info.counts);
  });
});

describe('bad deltas', () => {
  let d11: RegistryDelta;
  let file11: Uint8Array;
  beforeAll(async () => {
    d11 = await diffDelta(registryFixture, suspended(registryFixture), 10, 11, ISSUED, EXPIRES);
    file11 = await sealed(d11);
  });
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'accepted';
    } catch (e) {
      expect(e instanceof DeltaError || e instanceof SnapshotError).toBe(true);
      return (e as DeltaError).code;
    }
  };

  it('a flipped byte anywhere is refused', async () => {
    for (let i = 0; i < file11.length; i += Math.max(1, file11.length >> 7)) {
      const bad = file11.slice();
      bad[i]! ^= 0x01;
      expect(['bad-signature', 'unknown-key', 'corrupt', 'unsupported-format']).toContain(await code(openDelta(bad, trusted())));
    }
  });

  it('truncated files are refused', async () => {
    for (const n of [0, 4, 7, 8, 40, file11.length - 70, file11.length - 1]) {
      expect(['corrupt', 'unknown-key', 'bad-signature']).toContain(await code(openDelta(file11.subarray(0, n), trusted())));
    }
  });

  it('wrong key, unknown kid, no keys', async () => {
    expect(await code(openDelta(await sealed(d11, other), trusted()))).toBe('bad-signature');
    const stranger = await keys('k-other');
    expect(await code(openDelta(await sealed(d11, stranger), trusted()))).toBe('unknown-key');
    expect(await code(openDelta(file11, { trustedKeys: [] }))).toBe('no-trusted-keys');
    // Rotation: a trusted set with the old and the new key accepts either.
    expect((await openDelta(await sealed(d11, stranger), { trustedKeys: [signer.publicJwk, stranger.publicJwk] })).sequence).toBe(11);
  });

  it('domain separation: a snapshot never opens as a delta and a delta never as a snapshot', async () => {
    expect(await code(openDelta(snapshotFile, trusted()))).toBe('unsupported-format');
    expect(await code(openSnapshot(file11, trusted()))).toBe('unsupported-format');
    // Same signer, same bytes after the magic: still refused by each.
    const body = encodeDelta(d11);
    new DataView(body.buffer).setUint32(0, 0x534d4a5a, true);
    await expect(signDelta(body, signer.key)).rejects.toThrow(TypeError);
  });

  it('wrong base, reordered and replayed deltas are a gap', async () => {
    const d12 = await diffDelta(suspended(registryFixture), registryFixture, 11, 12, ISSUED, EXPIRES);
    expect(await code(applyDelta(base, d12, { now: NOW }))).toBe('gap'); // reordered / skipped
    const r11 = await applyDelta(base, d11, { now: NOW });
    expect(await code(applyDelta(r11, d11, { now: NOW }))).toBe('gap'); // replayed
    expect(await code(applyDelta(base, { ...d11, base: 9, sequence: 11 }, { now: NOW }))).toBe('gap');
  });

  it('expired deltas are stale', async () => {
    const d = { ...d11, issuedAt: '2026-01-01T00:00:00+08:00', expiresAt: '2026-02-01T00:00:00+08:00' };
    expect(await code(applyDelta(base, await openDelta(await sealed(d), trusted()), { now: NOW }))).toBe('stale');
  });

  it('a digest mismatch is refused, and so is a base without a digest', async () => {
    const wrong = { ...d11, digest: base.info.digest! };
    expect(await code(applyDelta(base, await openDelta(await sealed(wrong), trusted()), { now: NOW }))).toBe('digest-mismatch');
    // A record changed on the way (signed, but not the state the digest names).
    const e = { ...d11.upsert.evaluations![0]!, expires: '2030-01-01' } as Evaluation;
    expect(await code(applyDelta(base, { ...d11, upsert: { evaluations: [e] } }, { now: NOW }))).toBe('digest-mismatch');
    const old = await openSnapshot(await signSnapshot(encodeSnapshot(registryFixture, { sequence: 10, issuedAt: ISSUED, expiresAt: EXPIRES }), signer.key), { ...trusted(), now: NOW });
    expect(await code(applyDelta(old, d11, { now: NOW }))).toBe('no-digest');
  });

  it('strict parsing: unknown fields, wrong types, sequence <= base, bad instants', async () => {
    const cases: unknown[] = [
      { ...d11, extra: 1 },
      { ...d11, sequence: 10 },
      { ...d11, sequence: '11' },
      { ...d11, issuedAt: '2026-02-30T00:00:00Z' },
      { ...d11, expiresAt: 'tomorrow' },
      { ...d11, digest: 'abc' },
      { ...d11, upsert: { listings: [] } },
      { ...d11, upsert: { evaluations: [{ ...d11.upsert.evaluations![0]!, secret: 1 }] } },
      { ...d11, upsert: { bindings: [{ key: 'k' }] } },
      { ...d11, remove: { bindings: [1] } },
      { ...d11, upsert: { ...d11.upsert }, remove: { evaluations: ['ZJM-CERT-2025-0001'] } },
      { ...d11, upsert: null },
      [],
    ];
    for (const c of cases) {
      expect(() => encodeDelta(c as RegistryDelta)).toThrow(TypeError);
      // Signed anyway (a faulty publisher): the client refuses it after the signature check.
      const json = new TextEncoder().encode(JSON.stringify(c));
      const body = new Uint8Array(8 + json.length);
      body.set(encodeDelta(d11).subarray(0, 8));
      body.set(json, 8);
      expect(await code(openDelta(await signDelta(body, signer.key), trusted()))).toBe('corrupt');
    }
  });
});

describe('deltas against full snapshots (property)', () => {
  type Op = (d: RegistryData, r: () => number) => void;
  const pick = <T>(xs: readonly T[], r: () => number) => xs[Math.floor(r() * xs.length)];
  const day = (r: () => number) => `20${22 + Math.floor(r() * 8)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
  const ops: Op[] = [
    (d, r) => {
      const b = pick(d.bindings, r);
      const e = pick(d.evaluations, r);
      if (b) Object.assign(b, { evaluationId: r() < 0.2 ? undefined : e?.id, since: r() < 0.5 ? undefined : day(r) });
    },
    (d, r) => {
      const s = pick(d.stores, r);
      const e = pick(d.evaluations, r);
      if (s) d.bindings.push({ key: `jd:item:${Math.floor(r() * 1e9)}`, store: s.key, ...(e && r() < 0.8 ? { evaluationId: e.id } : {}) });
    },
    (d, r) => {
      if (d.bindings.length) d.bindings.splice(Math.floor(r() * d.bindings.length), 1);
    },
    (d, r) => {
      const e = pick(d.evaluations, r);
      if (e) e.history.push({ status: pick(['valid', 'suspended', 'withdrawn', 'cancelled'] as const, r)!, at: `${day(r)}T10:00:00+08:00`, reason: r() < 0.5 ? '抽查' : undefined } as Evaluation['history'][0]);
      if (e) e.history.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      if (e) e.history = JSON.parse(JSON.stringify(e.history));
    },
    (d, r) => {
      const e = pick(d.evaluations, r);
      if (e) e.expires = day(r);
    },
    (d, r) => {
      const e = pick(d.enterprises, r);
      if (e) d.sanctions.push({ id: `S-${Math.floor(r() * 1e9)}`, uscc: e.uscc, kind: 'quality-dishonesty-blacklist', from: day(r), ...(r() < 0.5 ? { until: '2031-01-01' } : {}) });
    },
    (d, r) => {
      if (d.sanctions.length) d.sanctions.splice(Math.floor(r() * d.sanctions.length), 1);
    },
    (d, r) => {
      const s = pick(d.stores, r);
      if (s) s.until = r() < 0.5 ? undefined : day(r);
      if (s && s.until === undefined) delete s.until;
    },
    (d, r) => {
      if (d.evaluations.length && r() < 0.3) d.evaluations.splice(Math.floor(r() * d.evaluations.length), 1);
    },
    (d, r) => {
      if (r() < 0.2) d.meta = { ...d.meta, generatedAt: `${day(r)}T00:00:00Z` };
    },
  ];
  const mulberry = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const clean = (d: RegistryData): RegistryData => JSON.parse(JSON.stringify(d));
  /** A random registry: the fixture (every verdict case) plus random enterprises, evaluations, stores and bindings. */
  const randomRegistry = (seed: number): RegistryData => {
    const r = mulberry(seed);
    const d = clone(registryFixture);
    const n = 3 + Math.floor(r() * 12);
    for (let i = 0; i < n; i++) {
      const uscc = `9133${String(seed % 1e6).padStart(6, '0')}MA${String(i).padStart(6, '0')}`;
      d.enterprises.push({ uscc, name: `随机企业${i}`, region: uscc.slice(2, 8), ...(r() < 0.3 ? { nameEn: `Random ${i}` } : {}) });
      const std = pick(d.standards, r)!;
      const id = `ZJM-R-${seed}-${i}`;
      d.evaluations.push({
        id,
        route: r() < 0.7 ? 'certification' : 'self-declaration',
        brand: 'zhejiang-made',
        uscc,
        products: [{ name: r() < 0.5 ? std.title : `产品${i}`, ...(r() < 0.5 ? { model: `M-${i}` } : {}) }],
        standard: std.code,
        issued: day(r),
        expires: day(r),
        history: r() < 0.3 ? [{ status: 'suspended', at: `${day(r)}T08:00:00+08:00` }] : [],
      });
      const key = `tmall:shop:r${seed}x${i}`;
      d.stores.push({ platform: 'tmall', shopId: `r${seed}x${i}`, key, name: `店${i}`, uscc, role: 'official-flagship', since: '2020-01-01', url: `https://r${seed}x${i}.tmall.com` });
      for (let j = 0; j < 1 + r() * 6; j++) d.bindings.push({ key: `taobao:item:${seed}${i}${j}`, store: key, ...(r() < 0.8 ? { evaluationId: r() < 0.8 ? id : pick(d.evaluations, r)!.id } : {}) });
    }
    return clean(d);
  };

  it('random registries and random changes, applied as deltas, give the verdicts and digest of a full snapshot of the final state', async () => {
    const times = ['2023-06-01T00:00:00+08:00', FIXTURE_AT, '2028-03-01T12:00:00+08:00'];
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.array(fc.integer({ min: 0, max: ops.length - 1 }), { maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.integer(), async (seed, steps, rs) => {
        const r = mulberry(rs);
        let state = randomRegistry(seed);
        const start = state;
        let verifier = await openSnapshot(await snapshotOf(start, 100), { ...trusted(), now: NOW });
        const probes = new Set<string>(start.bindings.slice(0, 40).map((b) => b.key));
        for (const [i, step] of steps.entries()) {
          const next = clean(state);
          for (const op of step) ops[op]!(next, r);
          const tidy = clean(next);
          for (const b of tidy.bindings.slice(-5)) probes.add(b.key);
          const d = await diffDelta(state, tidy, 100 + i, 101 + i, ISSUED, EXPIRES);
          verifier = await applyDelta(verifier, await openDelta(await sealed(d), trusted()), { now: NOW });
          for (const b of d.upsert.bindings ?? []) probes.add(b.key);
          for (const k of d.remove.bindings ?? []) probes.add(k);
          state = tidy;
        }
        for (const s of state.stores.slice(0, 10)) probes.add(s.key);
        probes.add('jd:item:1');
        const full = await openSnapshot(await snapshotOf(state, 100 + steps.length), { ...trusted(), now: NOW });
        expect(verifier.info.digest).toBe(full.info.digest);
        expect(verifier.info.digest).toBe(await stateDigest(state));
        expect(verifier.info.counts).toEqual(full.info.counts);
        const statuses = new Set<string>();
        for (const key of probes) {
          for (const at of times) {
            const v = verifier.verify(refOf(key), { at });
            statuses.add(v.status);
            seen.add(v.status);
            expect(v).toEqual(full.verify(refOf(key), { at }));
          }
        }
        expect(statuses.has('unknown')).toBe(false);
        for (const e of state.enterprises.slice(0, 10)) {
          expect(verifier.evaluationsOf(e.uscc)).toEqual(full.evaluationsOf(e.uscc));
          expect(verifier.sanctionsOf(e.uscc)).toEqual(full.sanctionsOf(e.uscc));
        }
      }),
      { numRuns: 25 },
    );
    // The runs reach the interesting verdicts, not only not-found.
    for (const s of ['verified', 'store-only', 'not-found', 'expired']) expect(seen).toContain(s);
  }, 120_000);
});
