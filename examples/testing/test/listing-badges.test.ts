import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { createRegistryClient } from '@zjmade/sdk';
import { createRegistryHandlers } from '@zjmade/sdk/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decorateProducts, type Product } from '../src/listing-badges.js';

// The mock registry answers with the SDK's own verifier over sample data, on an address that
// never leaves the process.
const baseUrl = 'http://registry.test';
const data = generateRegistry({ scale: 0.02 });
const examples = pickExamples(data);
const handlers = createRegistryHandlers({ baseUrl, data });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => handlers.reset());
afterAll(() => server.close());

const client = () => createRegistryClient({ baseUrl, trustedKeys: [], retries: 0, cache: false });

function product(status: keyof typeof examples.byStatus, title = '不锈钢保温杯 500ml'): Product {
  const ex = examples.byStatus[status][0];
  if (!ex) throw new Error(`sample data has no ${status} example`);
  return { id: ex.key, url: ex.url, title };
}

describe('decorateProducts (a platform integration, tested with the SDK msw handlers)', () => {
  it('decides each card from one batched request', async () => {
    const unbacked = examples.unbackedClaims[0];
    if (!unbacked) throw new Error('sample data has no unbacked claim');
    const products = [
      product('verified', '浙江制造 品字标 电热水壶'),
      product('store-only'),
      product('expired'),
      product('not-found'),
      { id: unbacked.key, url: unbacked.url, title: unbacked.title },
    ];
    const out = await decorateProducts(client(), products);
    expect(out.map((p) => p.badge)).toEqual(['verified', 'store', 'lapsed', 'none', 'warning']);
    expect(handlers.requests.filter((r) => r.path === '/v1/verify')).toHaveLength(1);
  });

  it('shows "can’t verify" — never "not registered" — when the registry is down', async () => {
    handlers.fail({ networkError: true });
    const out = await decorateProducts(client(), [product('verified'), product('not-found')]);
    expect(out.map((p) => p.badge)).toEqual(['cant-verify', 'cant-verify']);
  });

  it('treats a 503 the same way', async () => {
    handlers.fail({ path: '/v1/verify', status: 503 });
    const [only] = await decorateProducts(client(), [product('verified')]);
    expect(only?.status).toBe('unknown');
  });
});
