import { generateSigningKey, importSigningKey } from '@zjmade/sdk/publisher';
import { describe, expect, it } from 'vitest';
import { signAdapterDocument } from '../../packages/registry/src/adapters/sign.js';
import { updateAdapters } from '../src/background/adapter-updates.js';
import { effectiveAdapter, openAdapterDocument, parseAdapterPayload, type RemoteSite } from '../src/shared/remote-adapters.js';
import { adapterFor } from '../src/sites/index.js';

const SITES = ['taobao', 'jd'];
const adapter = {
  anchors: ['a[href]'],
  cards: ['[data-nid]'],
  cardTitles: ['[class*="ttl--"]'],
  idAttributes: [{ selector: '[data-nid]', attribute: 'data-nid', url: 'https://item.taobao.com/item.htm?id={id}' }],
  placement: 'in-card',
  detailTitles: ['h1'],
};
const payload = (sites: unknown) => ({ format: 1, issuedAt: '2026-12-01T00:00:00Z', sites });

async function signer(kid = 'adapters-test') {
  const key = await generateSigningKey(kid);
  return { sign: { privateKey: (await importSigningKey(key.privateJwk)).privateKey, kid: key.publicJwk.kid }, anchors: [key.publicJwk] };
}

describe('remote adapter documents', () => {
  it('accept a signed, schema-valid document and refuse a tampered one or one signed by another key', async () => {
    const { sign, anchors } = await signer();
    const doc = await signAdapterDocument(payload({ taobao: { version: 3, minExtensionVersion: '0.1.0', adapter } }), sign);
    expect((await openAdapterDocument(doc, anchors, SITES)).sites.taobao?.version).toBe(3);
    const flipped = { ...doc, payload: `${doc.payload.slice(0, -2)}${doc.payload.endsWith('AA') ? 'BB' : 'AA'}` };
    await expect(openAdapterDocument(flipped, anchors, SITES)).rejects.toThrow(/signature|base64|JSON/);
    const other = await signer('someone-else');
    await expect(openAdapterDocument(doc, other.anchors, SITES)).rejects.toThrow(/trust anchor/);
  });

  it('refuse anything outside the schema: code, unknown fields and sites, non-https templates, odd selectors', () => {
    const bad: unknown[] = [
      { taobao: { version: 1, minExtensionVersion: '0.1.0', adapter: { ...adapter, onload: 'x' } } },
      { taobao: { version: 1, minExtensionVersion: '0.1.0', adapter: { ...adapter, placement: 'eval' } } },
      { taobao: { version: 1, minExtensionVersion: '0.1.0', adapter: { ...adapter, anchors: ['a{color:red}'] } } },
      { taobao: { version: 1, minExtensionVersion: '0.1.0', adapter: { ...adapter, idAttributes: [{ ...adapter.idAttributes[0], url: 'javascript:alert({id})' }] } } },
      { taobao: { version: 0, minExtensionVersion: '0.1.0', adapter } },
      { evil: { version: 1, minExtensionVersion: '0.1.0', adapter } },
      { taobao: { version: 1, minExtensionVersion: '0.1.0' } },
    ];
    for (const sites of bad) expect(() => parseAdapterPayload(payload(sites), SITES), JSON.stringify(sites)).toThrow();
    expect(() => parseAdapterPayload({ ...payload({}), code: 'x' }, SITES)).toThrow(/unknown field/);
  });

  it('keep the newest valid version per site (no rollback), skip versions needing a newer extension, fall back to built-in', async () => {
    const { sign, anchors } = await signer();
    let kept: Record<string, RemoteSite> = {};
    const serve = new Map<string, unknown>();
    const deps = {
      fetch: (async (url: string) => {
        const body = serve.get(url);
        return body === undefined ? new Response('', { status: 404 }) : new Response(JSON.stringify(body));
      }) as unknown as typeof fetch,
      store: {
        load: async () => kept,
        save: async (s: Record<string, RemoteSite>) => {
          kept = s;
        },
      },
      extensionVersion: '0.1.0',
      knownSites: SITES,
    };
    serve.set('u', await signAdapterDocument(payload({ taobao: { version: 2, minExtensionVersion: '0.1.0', adapter }, jd: { version: 1, minExtensionVersion: '9.0', adapter } }), sign));
    expect(await updateAdapters('u', anchors, deps)).toEqual({ ok: true, versions: { taobao: 2 }, changed: true });
    serve.set('u', await signAdapterDocument(payload({ taobao: { version: 1, minExtensionVersion: '0.1.0', disabled: true } }), sign));
    expect(await updateAdapters('u', anchors, deps)).toEqual({ ok: true, versions: { taobao: 2 }, changed: false });
    serve.set('u', { kid: 'x', payload: '', sig: '' });
    expect((await updateAdapters('u', anchors, deps)).ok).toBe(false);
    expect(kept.taobao?.version).toBe(2);

    // A published tree: `/v1/adapters` is not there (404), `adapters.json` is.
    serve.set('tree/adapters.json', await signAdapterDocument(payload({ taobao: { version: 5, minExtensionVersion: '0.1.0', adapter } }), sign));
    expect(await updateAdapters(['tree/v1/adapters', 'tree/adapters.json'], anchors, deps)).toEqual({ ok: true, versions: { taobao: 5 }, changed: true });
    // Neither there: nothing published; what is kept stays.
    expect(await updateAdapters(['none/v1/adapters', 'none/adapters.json'], anchors, deps)).toEqual({ ok: true, versions: { taobao: 5 }, changed: false });
    // The first location answering (even with an error) is the one used.
    serve.set('tree/v1/adapters', { kid: 'x', payload: '', sig: '' });
    expect((await updateAdapters(['tree/v1/adapters', 'tree/adapters.json'], anchors, deps)).ok).toBe(false);
    expect(kept.taobao?.version).toBe(5);

    const builtIn = adapterFor('s.taobao.com');
    expect(effectiveAdapter(builtIn, kept).adapter.cards).toEqual(['[data-nid]']);
    expect(effectiveAdapter(builtIn, kept).adapter.hosts).toEqual(builtIn.hosts);
    expect(effectiveAdapter(builtIn, {}).adapter).toBe(builtIn);
    expect(effectiveAdapter(builtIn, { taobao: { version: 3, disabled: true } }).disabled).toBe(true);
    // A damaged store falls back to the built-in adapter rather than failing.
    expect(effectiveAdapter(builtIn, { taobao: { version: 3, adapter: { anchors: 5 } } }).adapter).toBe(builtIn);
  });
});
