import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SnapshotVerifier, type Verdict, createMemoryView, openSnapshot, readSnapshotInfo, verifyListing } from '../src/index.js';
import type { ListingBinding, RegistryData } from '../src/index.js';
import { encodeSnapshot } from '../src/publisher.js';
import { FIXTURE_AT, FIXTURE_EXAMPLES, refOf, registryFixture } from './fixtures/registry-fixture.js';
import { EXPIRES, ISSUED, type Signer, newSigner, signedSnapshot } from './snapshot-helpers.js';

const NOW = () => Date.parse(FIXTURE_AT);
const withoutSource = ({ source: _s, ...rest }: Verdict) => rest;

let signer: Signer;
let file: Uint8Array;
let verifier: SnapshotVerifier;

beforeAll(async () => {
  signer = await newSigner('test-2026');
  file = await signedSnapshot(registryFixture, signer);
  verifier = await openSnapshot(file, { trustedKeys: [signer.publicJwk], now: NOW });
});

describe('snapshot round trip', () => {
  it('carries the header', () => {
    expect(verifier.info).toEqual({
      formatVersion: 2,
      sequence: 7,
      issuedAt: ISSUED,
      expiresAt: EXPIRES,
      keyId: 'test-2026',
      meta: registryFixture.meta,
      bytes: file.length,
      counts: { enterprises: 4, standards: 4, evaluations: 6, stores: 7, bindings: 16, sanctions: 2 },
    });
    expect(readSnapshotInfo(file)).toEqual(verifier.info);
    expect(readSnapshotInfo(file.slice().buffer)).toEqual(verifier.info);
  });

  it('decodes every entity equal to the input', () => {
    const d = registryFixture;
    for (const e of d.enterprises) expect(verifier.enterprise(e.uscc)).toEqual(e);
    for (const s of d.standards) expect(verifier.standard(s.code)).toEqual(s);
    for (const e of d.evaluations) expect(verifier.evaluation(e.id)).toEqual(e);
    for (const s of d.stores) {
      expect(verifier.store(s.key)).toEqual(s);
      expect(verifier.store(s.platform, s.shopId)).toEqual(s);
    }
    for (const b of d.bindings) expect(verifier.view.binding(b.key)).toEqual(b);
    const memory = createMemoryView(d);
    for (const e of d.enterprises) {
      expect(verifier.evaluationsOf(e.uscc)).toEqual(memory.evaluationsOf(e.uscc));
      expect(verifier.sanctionsOf(e.uscc)).toEqual(memory.sanctionsOf(e.uscc));
    }
    expect(verifier.enterprise('91330100000000000X')).toBeUndefined();
    expect(verifier.evaluation('nope')).toBeUndefined();
    expect(verifier.standard('T/ZZB 9999-2099')).toBeUndefined();
    expect(verifier.store('tmall', 'nope')).toBeUndefined();
    expect(verifier.evaluationsOf('nope')).toEqual([]);
    expect(verifier.view.binding('taobao:item:123')).toBeUndefined();
    expect(verifier.view.binding('taobao:item:123x')).toBeUndefined();
  });

  it('memoises entities: repeated look-ups return the same objects', () => {
    const b = verifier.view.binding('taobao:item:612345678901');
    expect(verifier.view.binding('taobao:item:612345678901')).toBe(b);
    expect(verifier.evaluation('ZJM-CERT-2025-0001')).toBe(verifier.evaluation('ZJM-CERT-2025-0001'));
    expect(verifier.evaluationsOf(registryFixture.enterprises[0]!.uscc)).toBe(verifier.evaluationsOf(registryFixture.enterprises[0]!.uscc));
  });

  it('gives every fixture case its status, claim and snapshot source', () => {
    for (const ex of FIXTURE_EXAMPLES) {
      const v = verifier.verify(refOf(ex.key), ex.text === undefined ? { at: FIXTURE_AT } : { at: FIXTURE_AT, text: ex.text });
      expect({ key: ex.key, status: v.status }).toEqual({ key: ex.key, status: ex.status });
      if (ex.claim) expect(v.claim).toBe(ex.claim);
      expect(v.source).toEqual({ kind: 'snapshot', sequence: 7, issuedAt: ISSUED, expiresAt: EXPIRES, sample: true });
    }
  });

  it('uses its clock when no time is given', () => {
    expect(verifier.verify(refOf('taobao:item:612345678901')).at).toBe(new Date(NOW()).toISOString());
  });

  it('verifies many, with per-listing text', () => {
    const out = verifier.verifyMany(
      [refOf('taobao:item:612345678901'), { listing: refOf('taobao:item:600000000004'), text: '浙江制造' }, 'not a url'],
      { at: FIXTURE_AT },
    );
    expect(out.map((v) => [v.status, v.claim])).toEqual([
      ['verified', 'none'],
      ['withdrawn', 'unbacked'],
      ['unknown', 'none'],
    ]);
  });

  it('answers like the memory view for every known key, at many times', () => {
    const memory = createMemoryView(registryFixture);
    const keys = [
      ...registryFixture.bindings.map((b) => b.key),
      ...registryFixture.stores.map((s) => s.key),
      ...FIXTURE_EXAMPLES.map((e) => e.key),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.integer({ min: Date.parse('2019-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') }),
        fc.constantFrom(undefined, '浙江制造 电热水壶', '普通商品'),
        (key, at, text) => {
          const o = { at, text };
          expect(withoutSource(verifier.verify(refOf(key), o))).toEqual(withoutSource(verifyListing(refOf(key), memory, o)));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('verdicts cached per interval', () => {
  it('answer like a fresh view at every time, whatever was asked before', () => {
    const keys = [...registryFixture.bindings.map((b) => b.key), ...registryFixture.stores.map((s) => s.key)];
    const long = createMemoryView(registryFixture);
    const time = fc.integer({ min: Date.parse('2019-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') });
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.array(time, { minLength: 1, maxLength: 6 }), (key, times) => {
        for (const at of times) {
          const cached = verifyListing(refOf(key), long, { at });
          const fresh = verifyListing(refOf(key), createMemoryView(registryFixture), { at });
          expect(cached).toEqual(fresh);
          expect(verifier.verify(refOf(key), { at }).status).toBe(fresh.status);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('snapshot encoding of unconventional entities', () => {
  it('keeps dangling references, odd keys and fields it cannot derive', async () => {
    const f = registryFixture;
    const data: RegistryData = {
      ...f,
      enterprises: [...f.enterprises, { uscc: '91330100MA27UNUS0Q', name: '区划不同有限公司', region: '330200' }, { uscc: '91330100MA27EMPT0R', name: '无区划', region: '' }],
      standards: [...f.standards, { code: 'T/ZZB 9000-2024', title: '无后继', issuer: '某协会', status: 'superseded', successor: 'T/ZZB 9999-2099' }],
      evaluations: [
        ...f.evaluations,
        {
          id: 'ZJM-ODD-1',
          route: 'self-declaration',
          brand: 'zhejiang-service',
          uscc: '91330100MA27GONE0X',
          products: [{ name: '别名产品' }, { name: '别名产品', category: '其他' }],
          standard: 'T/ZZB 8888-2020',
          issued: '2024-02-29',
          expires: '2027-02-28',
          coMarks: ['IQNet', 'x'],
          history: [{ status: 'suspended', at: '2025-01-01T09:00:00+08:00' }],
        },
      ],
      stores: [
        ...f.stores,
        { platform: 'jd', shopId: '1234', key: 'jd:shop:01234', name: '键不规范店', url: 'https://example.com/\u0001/1234', uscc: '91330100MA27GONE0X', role: 'authorised', since: '2020-01-01', until: '2030-12-31' },
        { platform: 'vip', shopId: '77', key: 'vip:shop:77', name: '无链接店', url: 'https://vip.example/shop', uscc: f.enterprises[0]!.uscc, role: 'authorised', since: '2021-05-05' },
      ],
    };
    const v = await openSnapshot(await signedSnapshot(data, signer), { trustedKeys: [signer.publicJwk], now: NOW });
    for (const e of data.enterprises) expect(v.enterprise(e.uscc)).toEqual(e);
    for (const s of data.standards) expect(v.standard(s.code)).toEqual(s);
    for (const e of data.evaluations) expect(v.evaluation(e.id)).toEqual(e);
    for (const s of data.stores) expect(v.store(s.key)).toEqual(s);
    for (const b of data.bindings) expect(v.view.binding(b.key)).toEqual(b);
    const memory = createMemoryView(data);
    for (const u of ['91330100MA27GONE0X', '91330100MA27UNUS0Q', ...f.enterprises.map((e) => e.uscc)]) {
      expect(v.evaluationsOf(u)).toEqual(memory.evaluationsOf(u));
    }
  });
});

describe('snapshot encoding of arbitrary bindings', () => {
  const digits = fc.stringMatching(/^[0-9]{1,19}$/);
  const hex = fc.stringMatching(/^[0-9a-f]{24}$/);
  const space = fc.constantFrom('taobao:item:', 'jd:item:', 'xiaohongshu:item:', 'suning:item:', 'a:b:item:', 'a:');
  const binding: fc.Arbitrary<ListingBinding> = fc.record(
    {
      key: fc.tuple(space, fc.oneof(digits, hex, fc.constantFrom('0', '00', '9007199254740993', '123/456'))).map(([s, id]) => s + id),
      store: fc.constantFrom(...registryFixture.stores.map((s) => s.key), 'gone:shop:1'),
      evaluationId: fc.constantFrom(...registryFixture.evaluations.map((e) => e.id), 'gone'),
      since: fc.constantFrom('1990-01-01', '2025-02-28', '2199-12-31'),
      until: fc.constantFrom('2024-02-29', '2099-12-31'),
    },
    { requiredKeys: ['key', 'store'] },
  );

  it('finds every binding and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(binding, { maxLength: 60 }), fc.array(fc.tuple(space, digits).map(([s, d]) => s + d), { maxLength: 20 }), async (bindings, probes) => {
        const data: RegistryData = { ...registryFixture, bindings };
        const v = await openSnapshot(await signedSnapshot(data, signer), { trustedKeys: [signer.publicJwk], now: NOW });
        const expected = new Map(bindings.map((b) => [b.key, b]));
        for (const [key, b] of expected) expect(v.view.binding(key)).toEqual(b);
        for (const key of probes) expect(v.view.binding(key)).toEqual(expected.get(key));
        expect(v.info.counts.bindings).toBe(expected.size);
      }),
      { numRuns: 60 },
    );
  });

  it('does not take a longer id for a shorter one with the same low 15 digits', async () => {
    const data: RegistryData = { ...registryFixture, bindings: ['1', '2', '3', '4'].map((id) => ({ key: `taobao:item:${id}`, store: 's' })) };
    const v = await openSnapshot(await signedSnapshot(data, signer), { trustedKeys: [signer.publicJwk], now: NOW });
    expect(v.view.binding('taobao:item:1')?.key).toBe('taobao:item:1');
    expect(v.view.binding('taobao:item:1000000000000001')).toBeUndefined();
  });

  it('rejects what it cannot encode faithfully', () => {
    const bad = (b: ListingBinding) => encodeSnapshot({ ...registryFixture, bindings: [b] }, { sequence: 1, issuedAt: ISSUED, expiresAt: EXPIRES });
    expect(() => bad({ key: 'taobao:item:1', store: 's', since: '2026-02-30' })).toThrow(/invalid date/);
    // Exactly the registry's date domain (registry-dates.ts), which every entry point also checks.
    for (const since of ['1989-12-31', '1970-01-01', '1969-12-31', '2200-01-01', '2026-13-01', '2026-04-31']) expect(() => bad({ key: 'taobao:item:1', store: 's', since })).toThrow(/invalid date/);
    for (const since of ['1990-01-01', '2199-12-31']) expect(() => bad({ key: 'taobao:item:1', store: 's', since })).not.toThrow();
    const withHistory = (at: string) => ({ ...registryFixture, evaluations: registryFixture.evaluations.map((e, i) => (i ? e : { ...e, history: [{ status: 'suspended' as const, at }] })) });
    for (const at of ['2026-02-30T00:00:00+08:00', '1969-12-31T00:00:00Z', 'soon', '2026-11-01']) expect(() => encodeSnapshot(withHistory(at), { sequence: 1, issuedAt: ISSUED, expiresAt: EXPIRES })).toThrow(/status time/);
    expect(() => encodeSnapshot(withHistory('2026-11-01T09:30:00+08:00'), { sequence: 1, issuedAt: ISSUED, expiresAt: EXPIRES })).not.toThrow();
    expect(() => bad({ key: 'taobao:item:1\n2', store: 's' })).toThrow(/line break/);
    expect(() => encodeSnapshot(registryFixture, { sequence: -1, issuedAt: ISSUED, expiresAt: EXPIRES })).toThrow(/sequence/);
    expect(() => encodeSnapshot(registryFixture, { sequence: 1, issuedAt: 'soon', expiresAt: EXPIRES })).toThrow(/issuedAt/);
  });
});

describe('staleness', () => {
  const expires = Date.parse(EXPIRES);
  const open = (now: number) => openSnapshot(file, { trustedKeys: [signer.publicJwk], now: () => now });

  it('answers until just before expires-at', async () => {
    const v = await open(expires - 1);
    expect(v.isStale()).toBe(false);
    expect(v.verify(refOf('taobao:item:612345678901')).status).toBe('verified');
  });

  it('answers unknown (stale) for every listing from expires-at on, even for past times', async () => {
    for (const now of [expires, expires + 86_400_000]) {
      const v = await open(now);
      expect(v.isStale()).toBe(true);
      for (const ex of FIXTURE_EXAMPLES) {
        const verdict = v.verify(refOf(ex.key), { at: FIXTURE_AT, text: ex.text });
        expect(verdict.status).toBe('unknown');
        expect(verdict.reason).toBe('stale');
        expect(verdict.key).toBe(ex.key);
        expect(verdict.evidence).toEqual({});
        expect(verdict.claim).toBe(ex.text ? 'unbacked' : 'none');
      }
      expect(v.verifyMany([refOf('jd:item:100012345678')]).map((x) => x.reason)).toEqual(['stale']);
    }
  });

  it('isStale takes an explicit time', () => {
    expect(verifier.isStale(expires - 1)).toBe(false);
    expect(verifier.isStale(expires)).toBe(true);
  });
});

describe('key rotation', () => {
  it('opens a snapshot signed by the second of two trusted keys', async () => {
    const next = await newSigner();
    expect(next.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rotated = await signedSnapshot(registryFixture, next, 8);
    const v = await openSnapshot(rotated, { trustedKeys: [signer.publicJwk, next.publicJwk], now: NOW });
    expect(v.info.keyId).toBe(next.kid);
    expect(v.info.sequence).toBe(8);
    expect(v.verify(refOf('jd:item:100012345678')).status).toBe('verified');
  });
});
