import { describe, expect, it } from 'vitest';
import type { Evaluation, ListingRef, RegistryData, RegistryView, Store } from '../src/index.js';
import { businessDateOf, businessDayEnd, createMemoryView, verifyListing } from '../src/index.js';

const ACME = '91330100716105852F';
const OTHER = '91330200MA2AAAAA0X';

function item(id: string, platform: ListingRef['platform'] = 'tmall'): ListingRef {
  return { platform, kind: 'item', id, key: `taobao:item:${id}`, url: `https://detail.tmall.com/item.htm?id=${id}` };
}

const store: Store = {
  platform: 'tmall',
  shopId: 'acme',
  key: 'tmall:shop:acme',
  name: 'ACME 官方旗舰店',
  uscc: ACME,
  role: 'official-flagship',
  since: '2020-01-01',
};
const otherStore: Store = { ...store, shopId: 'other', key: 'tmall:shop:other', name: '其他店', uscc: OTHER };

function evaluation(id: string, patch: Partial<Evaluation> = {}): Evaluation {
  return {
    id,
    route: 'certification',
    brand: 'zhejiang-made',
    uscc: ACME,
    products: [{ name: '不锈钢保温杯', model: 'BW-500' }],
    standard: 'T/ZZB 1371-2019',
    body: '方圆标志认证集团',
    rule: 'ZJM-006-4481-2023',
    issued: '2024-04-01',
    expires: '2027-03-31',
    history: [],
    ...patch,
  };
}

const data: RegistryData = {
  meta: { name: 'test', sample: true, generatedAt: '2026-01-01T00:00:00Z' },
  enterprises: [
    { uscc: ACME, name: '浙江艾克米科技有限公司', region: '330100' },
    { uscc: OTHER, name: '宁波其他机械有限公司', region: '330200' },
  ],
  standards: [
    { code: 'T/ZZB 1371-2019', title: '不锈钢真空保温杯', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
  ],
  evaluations: [
    evaluation('C-VALID'),
    evaluation('C-SUSP', {
      history: [
        { status: 'suspended', at: '2026-05-10T00:00:00+08:00', reason: '监督抽查不合格' },
        { status: 'valid', at: '2026-08-01T00:00:00+08:00' },
      ],
    }),
    evaluation('C-WITHDRAWN', { history: [{ status: 'withdrawn', at: '2026-02-01T10:00:00+08:00', reason: '撤销' }] }),
    evaluation('C-CANCELLED', { history: [{ status: 'cancelled', at: '2025-12-01T00:00:00+08:00' }] }),
    evaluation('C-OTHER', { uscc: OTHER }),
  ],
  stores: [store, otherStore],
  bindings: [
    { key: 'taobao:item:1', store: store.key, evaluationId: 'C-VALID' },
    { key: 'taobao:item:2', store: store.key, evaluationId: 'C-SUSP' },
    { key: 'taobao:item:3', store: store.key, evaluationId: 'C-WITHDRAWN' },
    { key: 'taobao:item:4', store: store.key, evaluationId: 'C-CANCELLED' },
    { key: 'taobao:item:5', store: store.key },
    // Bound to an evaluation of another enterprise than the store's: does not count.
    { key: 'taobao:item:6', store: store.key, evaluationId: 'C-OTHER' },
    { key: 'taobao:item:7', store: otherStore.key, evaluationId: 'C-OTHER' },
    { key: 'taobao:item:8', store: store.key, evaluationId: 'C-VALID', until: '2026-03-01' },
  ],
  sanctions: [{ id: 'S1', uscc: OTHER, kind: 'quality-dishonesty-blacklist', from: '2026-06-01', until: '2026-12-31' }],
};
const view = createMemoryView(data);
const AT = '2026-04-01T12:00:00+08:00';

describe('verifyListing', () => {
  it('verifies a listing bound to a valid evaluation through its enterprise’s store', () => {
    const v = verifyListing(item('1'), view, { at: AT });
    expect(v.status).toBe('verified');
    expect(v.claim).toBe('none');
    expect(v.evidence.enterprise?.name).toBe('浙江艾克米科技有限公司');
    expect(v.evidence.evaluation?.id).toBe('C-VALID');
    expect(v.evidence.standard?.title).toBe('不锈钢真空保温杯');
    expect(v.evidence.store?.role).toBe('official-flagship');
    expect(v.source).toEqual({ kind: 'memory', sample: true });
    expect(v.at).toBe('2026-04-01T04:00:00.000Z');
  });

  it('answers expiry by the business day in UTC+8', () => {
    // 2027-03-31 23:59:59 in UTC+8 is still valid; one second later it is expired.
    const lastSecond = '2027-03-31T23:59:59+08:00';
    const firstAfter = '2027-04-01T00:00:00+08:00';
    expect(verifyListing(item('1'), view, { at: lastSecond }).status).toBe('verified');
    const after = verifyListing(item('1'), view, { at: firstAfter });
    expect(after.status).toBe('expired');
    expect(after.evidence.lapsedAt).toBe('2027-04-01T00:00:00+08:00');
    // The same instant written in UTC: 2027-03-31T16:00Z is midnight in UTC+8.
    expect(verifyListing(item('1'), view, { at: '2027-03-31T15:59:59Z' }).status).toBe('verified');
    expect(verifyListing(item('1'), view, { at: '2027-03-31T16:00:00Z' }).status).toBe('expired');
    expect(verifyListing(item('1'), view, { at: '2027-03-31' }).status).toBe('verified');
    expect(verifyListing(item('1'), view, { at: '2027-04-01' }).status).toBe('expired');
  });

  it('follows the status history on both sides of a suspension', () => {
    expect(verifyListing(item('2'), view, { at: '2026-05-09T23:59:59+08:00' }).status).toBe('verified');
    const suspended = verifyListing(item('2'), view, { at: '2026-05-10T00:00:00+08:00' });
    expect(suspended.status).toBe('suspended');
    expect(suspended.evidence.lapseReason).toBe('监督抽查不合格');
    expect(suspended.evidence.lapsedAt).toBe('2026-05-10T00:00:00+08:00');
    // Reinstated later: asking about a past date gives the answer as it was then.
    expect(verifyListing(item('2'), view, { at: '2026-09-01' }).status).toBe('verified');
  });

  it('reports withdrawn and cancelled evaluations', () => {
    expect(verifyListing(item('3'), view, { at: '2026-02-01T09:59:59+08:00' }).status).toBe('verified');
    expect(verifyListing(item('3'), view, { at: AT }).status).toBe('withdrawn');
    expect(verifyListing(item('4'), view, { at: AT }).status).toBe('cancelled');
  });

  it('treats a date before issue as not bound', () => {
    const v = verifyListing(item('1'), view, { at: '2024-03-31' });
    // The store's enterprise held no valid evaluation then either.
    expect(v.status).toBe('not-found');
    expect(v.evidence.store?.key).toBe(store.key);
  });

  it('gives store-only for a known but unbound listing of a certified enterprise', () => {
    const v = verifyListing(item('5'), view, { at: AT });
    expect(v.status).toBe('store-only');
    expect(v.evidence.store?.key).toBe(store.key);
    expect(v.evidence.evaluation?.uscc).toBe(ACME);
  });

  it('does not verify through a store of another enterprise', () => {
    expect(verifyListing(item('6'), view, { at: AT }).status).toBe('store-only');
  });

  it('honours the binding’s own date range', () => {
    expect(verifyListing(item('8'), view, { at: '2026-03-01T23:00:00+08:00' }).status).toBe('verified');
    expect(verifyListing(item('8'), view, { at: AT }).status).toBe('store-only');
  });

  it('reports an active sanction on both sides of its dates', () => {
    expect(verifyListing(item('7'), view, { at: '2026-05-31T23:59:59+08:00' }).status).toBe('verified');
    const v = verifyListing(item('7'), view, { at: '2026-06-01T00:00:00+08:00' });
    expect(v.status).toBe('sanctioned');
    expect(v.evidence.sanction?.id).toBe('S1');
    expect(verifyListing(item('7'), view, { at: '2027-01-01' }).status).toBe('verified');
  });

  it('answers shops with store-only, sanctioned or not-found', () => {
    const shop = (id: string): ListingRef => ({
      platform: 'tmall',
      kind: 'shop',
      id,
      key: `tmall:shop:${id}`,
      url: `https://${id}.tmall.com/`,
    });
    expect(verifyListing(shop('acme'), view, { at: AT }).status).toBe('store-only');
    expect(verifyListing(shop('other'), view, { at: '2026-07-01' }).status).toBe('sanctioned');
    expect(verifyListing(shop('nobody'), view, { at: AT }).status).toBe('not-found');
  });

  it('gives not-found for a listing the registry does not know', () => {
    const v = verifyListing(item('999'), view, { at: AT });
    expect(v.status).toBe('not-found');
    expect(v.evidence).toEqual({});
  });

  it('derives claim from the text and the status, never the status from the text', () => {
    const title = '浙江制造 品字标认证 不锈钢保温杯';
    expect(verifyListing(item('1'), view, { at: AT, text: title }).claim).toBe('backed');
    const unbacked = verifyListing(item('999'), view, { at: AT, text: title });
    expect(unbacked.status).toBe('not-found');
    expect(unbacked.claim).toBe('unbacked');
    expect(unbacked.claims.length).toBeGreaterThan(0);
    expect(verifyListing(item('3'), view, { at: AT, text: title }).claim).toBe('unbacked');
    expect(verifyListing(item('5'), view, { at: AT, text: title }).claim).toBe('unbacked');
    expect(verifyListing(item('999'), view, { at: AT, text: '普通保温杯' }).claim).toBe('none');
  });

  it('degrades to unknown, never not-found or verified, when the view fails', () => {
    const broken: RegistryView = {
      ...view,
      binding: () => {
        throw new Error('disk on fire');
      },
    };
    const v = verifyListing(item('1'), broken, { at: AT });
    expect(v.status).toBe('unknown');
    expect(v.reason).toBe('error');
  });

  it('gives unknown for input that is not a listing and for a bad time', () => {
    const notListing = verifyListing('https://example.com/', view, { at: AT });
    expect(notListing.status).toBe('unknown');
    expect(notListing.reason).toBe('invalid-listing');
    expect(notListing.key).toBeNull();
    expect(verifyListing(item('1'), view, { at: 'yesterday' }).reason).toBe('error');
  });
});

describe('business dates', () => {
  it('maps instants to the UTC+8 calendar day', () => {
    expect(businessDateOf(Date.parse('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(businessDateOf(Date.parse('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(businessDayEnd('2026-02-28')).toBe(Date.parse('2026-03-01T00:00:00+08:00'));
    expect(Number.isNaN(businessDayEnd('2026-02-30'))).toBe(true);
  });
});
