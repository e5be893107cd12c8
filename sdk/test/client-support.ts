import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ListingRef, RegistryData } from '../src/index.js';
import { createRegistryClient, type RegistryClientOptions } from '../src/index.js';
import { createRegistryHandlers, type RegistryHandlersOptions } from '../src/testing/index.js';

export const BASE = 'http://registry.test';
export const ACME = '91330100716105852F';

/** A tiny registry: one enterprise, one valid evaluation, one flagship store, two bound items. */
export const data: RegistryData = {
  meta: { name: 'client test registry', sample: true, generatedAt: '2026-01-01T00:00:00+08:00' },
  enterprises: [{ uscc: ACME, name: '浙江艾克美厨具有限公司', region: '330100' }],
  standards: [{ code: 'T/ZZB 1371-2019', title: '不锈钢真空保温杯', issuer: '浙江省品牌建设联合会', status: 'current' }],
  evaluations: [
    {
      id: 'CN-ZJM-2024-0001',
      route: 'certification',
      brand: 'zhejiang-made',
      uscc: ACME,
      products: [{ name: '不锈钢保温杯' }],
      standard: 'T/ZZB 1371-2019',
      issued: '2024-04-01',
      expires: '2099-03-31',
      history: [],
    },
  ],
  stores: [
    {
      platform: 'tmall',
      shopId: 'acme',
      key: 'tmall:shop:acme',
      name: 'ACME 官方旗舰店',
      uscc: ACME,
      role: 'official-flagship',
      since: '2020-01-01',
    },
  ],
  bindings: [
    { key: 'taobao:item:1001', store: 'tmall:shop:acme', evaluationId: 'CN-ZJM-2024-0001' },
    { key: 'taobao:item:1002', store: 'tmall:shop:acme' },
  ],
  sanctions: [],
};

export function itemRef(id: string): ListingRef {
  return { platform: 'tmall', kind: 'item', id, key: `taobao:item:${id}`, url: `https://detail.tmall.com/item.htm?id=${id}` };
}

/** One msw server per test file; each test installs its own registry handlers. */
export function useMockServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    registry(options: Partial<RegistryHandlersOptions> = {}) {
      const handlers = createRegistryHandlers({ baseUrl: BASE, data, ...options });
      server.use(...handlers);
      return handlers;
    },
  };
}

/** A client whose backoff waits are recorded instead of slept. */
export function testClient(options: Partial<RegistryClientOptions> = {}) {
  const waits: number[] = [];
  const client = createRegistryClient({
    baseUrl: BASE,
    trustedKeys: [],
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { client, waits };
}

export const verifyCalls = (requests: ReadonlyArray<{ path: string }>) =>
  requests.filter((r) => r.path === '/v1/verify').length;
