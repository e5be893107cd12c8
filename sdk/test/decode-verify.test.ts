import { describe, expect, it } from 'vitest';
import { decodeVerifyAnswer } from '../src/client/decode-verify.js';
import { refFromKey } from '../src/listing-key.js';
import { createMemoryView } from '../src/memory-view.js';
import { verifyAnswer } from '../src/testing/compact-answer.js';
import type { RegistryData } from '../src/model.js';
import { verifyListing } from '../src/verify-listing.js';

const USCC = '91330100MA2B3C4D5E';
const data: RegistryData = {
  meta: { name: 'decode test', sample: true, generatedAt: '2026-01-01T00:00:00Z' },
  enterprises: [{ uscc: USCC, name: '杭州某某电器有限公司', region: '330100' }],
  standards: [{ code: 'T/ZZB 0001-2020', title: '电热水壶', issuer: '浙江省品牌建设联合会', status: 'current' }],
  evaluations: [
    { id: 'E1', route: 'certification', brand: 'zhejiang-made', uscc: USCC, products: [{ name: '电热水壶' }], standard: 'T/ZZB 0001-2020', issued: '2024-01-01', expires: '2027-01-01', history: [] },
  ],
  stores: [{ platform: 'jd', shopId: '1000', key: 'jd:shop:1000', name: '某某电器京东自营', uscc: USCC, role: 'official-flagship', since: '2024-01-01' }],
  bindings: [1, 2, 3, 4].map((n) => ({ key: `jd:item:${n}`, store: 'jd:shop:1000', evaluationId: 'E1' })),
  sanctions: [],
};
const view = createMemoryView(data);
const verdicts = [1, 2, 3, 4, 5].map((n) => verifyListing(`https://item.jd.com/${n}.html`, view, { at: '2026-06-01' }));
verdicts.push(verifyListing('not a listing', view, { at: '2026-06-01' }));
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const snapshot = { sequence: 3, issuedAt: '2026-01-01T00:00:00Z' };

describe('decodeVerifyAnswer', () => {
  it('rebuilds the verdicts from the compact form, each entity written once', () => {
    const compact = asJson(verifyAnswer(verdicts, snapshot, 'compact', '2026-06-01T00:00:00.000Z')) as {
      entities: Record<string, Record<string, unknown>>;
      results: Array<{ evidence: Record<string, unknown> }>;
    };
    expect(Object.keys(compact.entities.enterprises!)).toEqual([USCC]);
    expect(compact.results[0]!.evidence).toEqual({ enterprise: USCC, evaluation: 'E1', standard: 'T/ZZB 0001-2020', store: 'jd:shop:1000' });
    expect(JSON.stringify(compact).split('杭州某某电器有限公司').length - 1).toBe(1);
    expect(decodeVerifyAnswer(compact)).toStrictEqual(asJson(verdicts));
  });

  it('reads the full and none forms too, and checks keys when given', () => {
    const full = asJson(verifyAnswer(verdicts, snapshot, 'full', ''));
    expect(decodeVerifyAnswer(full)).toStrictEqual(asJson(verdicts));
    const none = asJson(verifyAnswer(verdicts, snapshot, 'none', '')) as { results: Array<{ evidence: object }> };
    expect(decodeVerifyAnswer(none).map((v) => v.evidence)).toEqual(verdicts.map(() => ({})));
    const keys = verdicts.map((v) => v.key ?? 'x');
    expect(decodeVerifyAnswer(full, keys)).toHaveLength(verdicts.length);
    expect(() => decodeVerifyAnswer(full, [...keys].reverse())).toThrow('Invalid response');
    expect(() => decodeVerifyAnswer(full, keys.slice(1))).toThrow('Invalid response');
  });

  it('refuses malformed answers and references to entities the answer does not hold', () => {
    const compact = asJson(verifyAnswer(verdicts, snapshot, 'compact', '')) as { entities: { evaluations: Record<string, unknown> } };
    const missing = structuredClone(compact);
    missing.entities.evaluations = {};
    expect(() => decodeVerifyAnswer(missing)).toThrow('Invalid response');
    const inherited = structuredClone(compact) as unknown as { results: Array<{ evidence: Record<string, unknown> }> };
    inherited.results[0]!.evidence.evaluation = 'constructor';
    expect(() => decodeVerifyAnswer(inherited)).toThrow('Invalid response');
    for (const bad of [null, [], { results: {} }, { results: [{ status: 'maybe', evidence: {}, at: 'x', source: {} }] }, { results: [{ status: 'verified', evidence: {}, source: {} }] }]) {
      expect(() => decodeVerifyAnswer(bad), JSON.stringify(bad)).toThrow('Invalid response');
    }
  });

  it('leaves out what an identity gives back (entity identity members, a key’s own ref, no claim) and restores it exactly', () => {
    const byKey = [
      verifyListing(refFromKey('jd:item:1')!, view, { at: '2026-06-01' }),
      verifyListing(refFromKey('jd:item:2')!, view, { at: '2026-06-01', text: '浙江制造 品字标' }),
      verifyListing(refFromKey('jd:item:9')!, view, { at: '2026-06-01' }),
      ...verdicts,
    ];
    expect(byKey[1]!.claims.length).toBeGreaterThan(0);
    const compact = asJson(verifyAnswer(byKey, snapshot, 'compact', '')) as {
      entities: Record<string, Record<string, Record<string, unknown>>>;
      results: Array<Record<string, unknown>>;
    };
    expect(compact.entities.stores!['jd:shop:1000']).not.toHaveProperty('platform');
    expect(compact.entities.stores!['jd:shop:1000']).not.toHaveProperty('key');
    expect(compact.entities.enterprises![USCC]).not.toHaveProperty('uscc');
    expect(compact.entities.evaluations!.E1).not.toHaveProperty('id');
    expect(compact.results[0]).not.toHaveProperty('ref');
    expect(compact.results[0]).not.toHaveProperty('claims');
    expect(compact.results[1]).toHaveProperty('claims');
    // A listing asked for by URL keeps its ref (the URL is not the key's own).
    expect(compact.results[3]).toHaveProperty('ref');
    const decoded = decodeVerifyAnswer(compact);
    expect(decoded).toStrictEqual(asJson(byKey));
    expect(decoded[0]!.evidence.store).toBe(decoded[1]!.evidence.store);
    // A store whose key is not `{platform}:shop:{id}` cannot lose those members; a result without a ref needs a key.
    const badStore = structuredClone(compact);
    badStore.entities.stores = { 'jd-1000': compact.entities.stores!['jd:shop:1000']! };
    badStore.results.forEach((r) => {
      if (r.evidence && (r.evidence as Record<string, unknown>).store) (r.evidence as Record<string, unknown>).store = 'jd-1000';
    });
    expect(() => decodeVerifyAnswer(badStore)).toThrow('Invalid response');
    const badKey = structuredClone(compact);
    badKey.results[0]!.key = 'jd1';
    expect(() => decodeVerifyAnswer(badKey)).toThrow('Invalid response');
  });
});
