import { describe, expect, it } from 'vitest';
import { createMemoryView } from '../src/memory-view.js';
import { verifyListing } from '../src/verify-listing.js';
import { BASE, data, itemRef, testClient, useMockServer } from './client-support.js';

const mock = useMockServer();
const AT = '2026-06-01T00:00:00.000Z';

describe('compact answers through the msw handlers and the client', () => {
  it('the handlers answer compact by default, full and none on request, and 400 for other forms', async () => {
    mock.registry();
    const post = (q: string) =>
      fetch(`${BASE}/v1/verify${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listings: [{ key: 'taobao:item:1001' }, { key: 'taobao:item:1002' }], at: AT }) });
    const compact = (await (await post('')).json()) as { entities: Record<string, object>; results: Array<{ evidence: Record<string, unknown> }> };
    expect(Object.keys(compact.entities)).toEqual(['enterprises', 'evaluations', 'standards', 'stores', 'sanctions']);
    expect(typeof compact.results[0]!.evidence.evaluation).toBe('string');
    const full = (await (await post('?evidence=full')).json()) as { entities?: unknown; results: Array<{ evidence: Record<string, unknown> }> };
    expect(full.entities).toBeUndefined();
    expect(typeof full.results[0]!.evidence.evaluation).toBe('object');
    expect((await post('?evidence=most')).status).toBe(400);
  });

  it('the client rebuilds every verdict with its evidence from the compact answer', async () => {
    mock.registry();
    const { client } = testClient({ retries: 0, cache: false });
    const refs = [itemRef('1001'), itemRef('1002'), itemRef('9999')];
    const online = await client.verifyStrict(refs, { at: AT });
    const view = createMemoryView(data);
    const local = refs.map((r) => verifyListing(r, view, { at: AT }));
    expect(online.map((v) => ({ ...v, source: undefined }))).toEqual(JSON.parse(JSON.stringify(local.map((v) => ({ ...v, source: undefined })))));
    expect(online[0]!.evidence.evaluation?.id).toBe(data.bindings[0]!.evaluationId);
    expect(online[0]!.source).toMatchObject({ kind: 'online' });
  });
});
