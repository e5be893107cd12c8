import { type RegistryData, unknownVerdict, type Verdict } from '@zjmade/sdk';
import { createRegistryHandlers } from '@zjmade/sdk/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillOnline, resolveBatch } from '../src/background/verify-batch.js';
import type { Settings } from '../src/shared/settings.js';

const USCC = '91330100716105852F';
const data: RegistryData = {
  meta: { name: 'online lookup test', sample: true, generatedAt: '2026-01-01T00:00:00Z' },
  enterprises: [{ uscc: USCC, name: '浙江测试电器有限公司', region: '330100' }],
  standards: [{ code: 'T/ZZB 1371-2019', title: '电热水壶', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' }],
  evaluations: [
    {
      id: 'C-1',
      route: 'certification',
      brand: 'zhejiang-made',
      uscc: USCC,
      products: [{ name: '电热水壶' }],
      standard: 'T/ZZB 1371-2019',
      issued: '2024-01-01',
      expires: '2099-12-31',
      history: [],
    },
  ],
  stores: [{ platform: 'tmall', shopId: 'test', key: 'tmall:shop:test', name: '测试旗舰店', uscc: USCC, role: 'official-flagship', since: '2020-01-01' }],
  bindings: [{ key: 'taobao:item:7001', store: 'tmall:shop:test', evaluationId: 'C-1' }],
  sanctions: [],
};

const registry = createRegistryHandlers({ baseUrl: 'http://registry.test', data });
const server = setupServer(...registry);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const settings: Settings = { registryUrl: 'http://registry.test', trustedKeys: [], privacy: 'online', language: 'en', marks: 'notable', adaptersUrl: 'http://registry.test/v1/adapters' };

describe('privacy mode "online"', () => {
  it('answers only what the snapshot could not, sending listing keys and never page text', async () => {
    const batch = resolveBatch({
      type: 'verify',
      page: 'https://s.taobao.com/search?q=x',
      items: [
        { hrefs: ['https://detail.tmall.com/item.htm?id=7001'], text: '浙江制造 电热水壶' },
        { hrefs: ['https://item.jd.com/42.html'] },
      ],
    });
    const local: Verdict[] = batch.refs.map((ref, i) =>
      unknownVerdict(ref, i === 0 ? 'no-snapshot' : 'stale', 'no local answer', Date.now(), { kind: 'none' }),
    );
    const filled = await fillOnline(settings, batch, local);

    expect(filled[0]?.status).toBe('verified');
    expect(filled[0]?.claim).toBe('backed');
    expect(filled[0]?.ref).toBe(batch.refs[0]);
    // Not in the registry: `not-found` online replaces the local `unknown`.
    expect(filled[1]?.status).toBe('not-found');
    const sent = registry.requests.filter((r) => r.path === '/v1/verify').map((r) => JSON.stringify(r.body));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('taobao:item:7001');
    expect(sent[0]).not.toContain('电热水壶');
    expect(sent[0]).not.toContain('s.taobao.com');
  });

  it('keeps the local answer when the registry is down', async () => {
    registry.fail({ path: '/v1/verify', networkError: true });
    const batch = resolveBatch({ type: 'verify', page: 'https://s.taobao.com/search?q=y', items: [{ hrefs: ['https://item.jd.com/43.html'] }] });
    const local = [unknownVerdict(batch.refs[0] ?? null, 'stale', 'no local answer', Date.now(), { kind: 'none' })];
    const filled = await fillOnline(settings, batch, local);
    expect(filled[0]).toBe(local[0]);
  });
});
