import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_PROBLEM_CODES } from '../src/domain/listing-row-problems.js';
import { ADMIN, claimForm, portalWorld, type PortalWorld } from './portal-helpers.js';

let w: PortalWorld;
beforeAll(async () => {
  w = await portalWorld();
  // ACME: approved stores on Tmall (two: the platform is ambiguous without a store) and JD.
  for (const url of ['https://acme.tmall.com/', 'https://acme2.tmall.com/', 'https://mall.jd.com/index-2000002.html']) {
    const claim = await w.acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url, name: `阿克米 ${url}` }) });
    const id = ((await claim.json()) as { id: string }).id;
    expect((await fetch(`${w.reg.url}/v1/admin/claims/${id}/approve`, { method: 'POST', headers: ADMIN, body: '{}' })).status).toBe(200);
  }
}, 60_000);
afterAll(() => w?.close());

interface Row {
  row: number;
  state: string;
  code: string | null;
  reason: string | null;
}

describe('the upload answer gives each row problem a stable code beside its text', () => {
  it('codes pasted listings: invalid, duplicate and refused rows, null when ready', async () => {
    const listings = [
      { listing: 'https://item.jd.com/3001.html' }, // ready
      { listing: 'hello' }, // not-a-listing
      { listing: 'https://acme.tmall.com/' }, // store-page
      { listing: 'taobao:item:007' }, // not-canonical
      { listing: 'https://item.jd.com/3001.html' }, // duplicate
      { listing: 'jd:item:2001' }, // other-enterprise (BETA's)
      { listing: 'taobao:item:3002' }, // several-stores (two Tmall stores)
      { listing: 'taobao:item:3003', store: 'https://nobody.tmall.com/' }, // store-not-yours
      { listing: 'pinduoduo:item:3004' }, // no-store-on-platform
      { listing: 'taobao:item:3005', store: 'jd:shop:2000002' }, // store-platform-mismatch
    ];
    const r = await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', json: { listings } });
    expect(r.status).toBe(200);
    const rows = ((await r.json()) as { rows: Row[] }).rows;
    expect(rows.map((x) => [x.state, x.code])).toEqual([
      ['ready', null],
      ['invalid', 'not-a-listing'],
      ['invalid', 'store-page'],
      ['invalid', 'not-canonical'],
      ['duplicate', 'duplicate'],
      ['refused', 'other-enterprise'],
      ['refused', 'several-stores'],
      ['refused', 'store-not-yours'],
      ['refused', 'no-store-on-platform'],
      ['refused', 'store-platform-mismatch'],
    ]);
    for (const x of rows) expect(x.reason === null).toBe(x.code === null);
  });

  it('codes the rows the export reader refuses', async () => {
    const csv = ['商品链接,商品ID,SKU ID,平台', 'https://item.jd.com/3001.html,,,', ',,,', ',,555,淘宝', ',42,,', 'https://mall.jd.com/index-9.html,,,', 'ftp://x,,,', ',abc,,京东'].join('\n');
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'export.csv');
    const r = await w.acme.fetch('/v1/portal/listings/upload', { method: 'POST', body: form });
    expect(r.status).toBe(200);
    const rows = ((await r.json()) as { rows: Row[] }).rows;
    expect(rows.map((x) => x.code)).toEqual([null, 'sku-only', 'no-platform', 'store-page', 'not-a-listing', 'bad-item-id']);
  });

  it('documents every code in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${w.reg.url}/openapi.json`)).json()) as { components: { schemas: Record<string, { enum?: string[]; description?: string }> } };
    const schema = doc.components.schemas.RowProblemCode!;
    expect(schema.enum).toEqual(ROW_PROBLEM_CODES);
    for (const c of ROW_PROBLEM_CODES) expect(schema.description).toContain(`\`${c}\``);
  });
});
