import { describe, expect, it } from 'vitest';
import { onlineVerify } from '../src/element/online.js';

const enterprise = { uscc: '91330100MA2B3C4D5E', name: '杭州某某电器有限公司', region: '330100' };
const evaluation = {
  id: 'E1',
  route: 'certification',
  brand: 'zhejiang-made',
  uscc: enterprise.uscc,
  products: [{ name: '电热水壶' }],
  standard: 'T/ZZB 0001-2020',
  issued: '2024-01-01',
  expires: '2027-01-01',
  history: [],
};
const result = (id: string) => ({
  key: `jd:item:${id}`,
  ref: { platform: 'jd', kind: 'item', id, key: `jd:item:${id}`, url: `https://item.jd.com/${id}.html` },
  status: 'verified',
  claim: 'none',
  claims: [],
  evidence: { enterprise: enterprise.uscc, evaluation: 'E1' },
});
const answer = {
  results: [result('1'), result('2')],
  at: '2026-06-01T00:00:00.000Z',
  source: { kind: 'snapshot', sequence: 1, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-03T00:00:00Z', sample: true },
  entities: { enterprises: { [enterprise.uscc]: enterprise }, evaluations: { E1: evaluation }, standards: {}, stores: {}, sanctions: {} },
  snapshot: { sequence: 1, issuedAt: '2026-01-01T00:00:00Z' },
};
const stub = (body: unknown) => (async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

describe('online mode reads the compact answer', () => {
  it('rebuilds each verdict with its evidence, at and source', async () => {
    const verdicts = await onlineVerify('http://127.0.0.1:9', stub(answer))([{ key: 'jd:item:1' }, { key: 'jd:item:2' }]);
    expect(verdicts.map((v) => v.status)).toEqual(['verified', 'verified']);
    expect(verdicts[1]!.evidence.enterprise).toEqual(enterprise);
    expect(verdicts[1]!.evidence.evaluation).toEqual(evaluation);
    expect(verdicts[0]!.at).toBe(answer.at);
    expect(verdicts[0]!.source).toEqual(answer.source);
  });

  it('answers unknown (error) when a reference has no entity in the answer', async () => {
    const broken = { ...answer, entities: { ...answer.entities, evaluations: {} } };
    const verdicts = await onlineVerify('http://127.0.0.1:9', stub(broken))([{ key: 'jd:item:1' }, { key: 'jd:item:2' }]);
    expect(verdicts.map((v) => [v.status, v.reason])).toEqual([
      ['unknown', 'error'],
      ['unknown', 'error'],
    ]);
  });
});
