import { describe, expect, it } from 'vitest';
import { CoverageInputError, coverage, refFromKey, registryCoverage, registryListingsOf } from '../src/coverage/index.js';
import { createMemoryView } from '../src/memory-view.js';
import type { RegistryView } from '../src/verdict.js';
import { AT, fixture, INPUT_ROWS, USCC_A, USCC_B } from './coverage-fixture.js';

const rowsOf = (list: ReadonlyArray<{ row?: number }>) => list.map((e) => e.row);

describe('coverage', () => {
  const view = createMemoryView(fixture());
  const report = coverage({ uscc: USCC_A, listings: INPUT_ROWS }, view, { at: AT });

  it('counts the input', () => {
    expect(report.totals).toMatchObject({
      rows: 15,
      invalid: 2,
      duplicates: 1,
      listings: 11,
      ours: 9,
      backed: 5,
      unbound: 2,
      lapsed: 2,
      notOurs: 2,
      unbackedClaims: 2,
      forgottenStores: 1,
      renewals: { '30': 1, '60': 2, '90': 3 },
    });
    expect(report.totals.coverage).toBeCloseTo(5 / 9);
    expect(report.date).toBe(AT);
    expect(report.enterprise?.name).toBe('甲企业');
  });

  it('lists listings backed by a valid evaluation, by evaluation and by standard', () => {
    expect(rowsOf(report.backed.listings)).toEqual([2, 3, 4, 5, 6]);
    expect(report.backed.byEvaluation.map((g) => [g.evaluationId, g.listings])).toEqual([
      ['E1', 2],
      ['E2', 1],
      ['E3', 1],
      ['E4', 1],
    ]);
    expect(report.backed.byStandard).toEqual([
      { standard: 'T/ZZB 0001-2020', title: '保温杯', evaluations: 2, listings: 3 },
      { standard: 'T/ZZB 0002-2021', title: '电热水壶', evaluations: 2, listings: 2 },
    ]);
  });

  it('lists listings in the enterprise stores not bound to an evaluation, including ones named by a store column', () => {
    expect(report.unbound.map((e) => [e.row, e.status, e.store])).toEqual([
      [7, 'store-only', 'tmall:shop:acme'],
      [16, 'not-found', 'tmall:shop:acme'],
    ]);
    expect(report.unbound[0]?.platform).toBe('tmall');
  });

  it('raises renewal alerts per window', () => {
    expect(report.renewals.listings.map((r) => [r.row, r.evaluationId, r.daysLeft, r.window])).toEqual([
      [4, 'E2', 20, 30],
      [5, 'E3', 50, 60],
      [6, 'E4', 86, 90],
    ]);
    expect(report.renewals.evaluations.map((r) => [r.evaluationId, r.window, r.listings, r.registryListings])).toEqual([
      ['E2', 30, 1, 1],
      ['E3', 60, 1, 1],
      ['E4', 90, 1, 1],
    ]);
  });

  it('honours custom windows', () => {
    const r = coverage({ uscc: USCC_A, listings: INPUT_ROWS }, view, { at: AT, windows: [7, 21] });
    expect(r.totals.renewals).toEqual({ '7': 0, '21': 1 });
    expect(r.renewals.listings.map((e) => e.window)).toEqual([21]);
  });

  it('lists bindings to lapsed evaluations still on sale, with status and since when', () => {
    expect(report.lapsed.map((e) => [e.row, e.status, e.since, e.reason])).toEqual([
      [8, 'expired', '2026-02-01T00:00:00+08:00', undefined],
      [9, 'suspended', '2026-03-01T00:00:00+08:00', 'surveillance audit failed'],
    ]);
  });

  it('lists sanctioned listings with the sanction start', () => {
    const data = fixture();
    data.sanctions.push({ id: 'S1', uscc: USCC_A, kind: 'quality-dishonesty-blacklist', reason: '质量失信', from: '2026-05-01' });
    const r = coverage({ uscc: USCC_A, listings: INPUT_ROWS }, createMemoryView(data), { at: AT });
    expect(r.totals.backed).toBe(0);
    const sanctioned = r.lapsed.filter((e) => e.status === 'sanctioned');
    expect(rowsOf(sanctioned)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(sanctioned[0]).toMatchObject({ since: '2026-05-01T00:00:00+08:00', reason: '质量失信' });
    expect(r.needsAttention).toBe(true);
  });

  it('lists titles that claim the mark without backing, ours or not', () => {
    expect(report.unbackedClaims.map((e) => [e.row, e.ours, e.claims])).toEqual([
      [7, true, ['浙江制造']],
      [11, false, ['浙江制造']],
    ]);
  });

  it("lists listings of other enterprises' stores and unknown listings as not ours", () => {
    expect(report.notOurs.map((e) => [e.row, e.reason, e.storeUscc])).toEqual([
      [10, 'other-enterprise', USCC_B],
      [11, 'unknown', undefined],
    ]);
  });

  it('lists live stores of the enterprise absent from the input, not closed ones', () => {
    expect(report.forgottenStores).toEqual([
      {
        store: 'pinduoduo:shop:200',
        platform: 'pinduoduo',
        shopId: '200',
        name: 'pinduoduo 200',
        role: 'authorised',
        registryListings: 1,
      },
    ]);
    expect(report.shops.map((e) => e.row)).toEqual([15]);
  });

  it('reports invalid rows with row numbers and reasons, and duplicates', () => {
    expect(report.invalid).toEqual([
      { row: 12, listing: 'not a listing', reason: 'not a marketplace listing URL or key' },
      { row: 13, listing: '', reason: 'empty listing cell' },
    ]);
    expect(report.duplicates).toEqual([{ row: 14, listing: 'taobao:item:1', key: 'taobao:item:1', firstRow: 2 }]);
  });

  it('breaks down per platform and per store', () => {
    const tmall = report.platforms.find((p) => p.id === 'tmall');
    expect(tmall).toMatchObject({ listings: 6, backed: 3, unbound: 2, lapsed: 1, notOurs: 0, unbackedClaims: 1 });
    expect(tmall?.coverage).toBeCloseTo(0.5);
    const jd = report.platforms.find((p) => p.id === 'jd');
    expect(jd).toMatchObject({ listings: 3, backed: 2, lapsed: 1 });
    expect(report.platforms.find((p) => p.id === 'taobao')).toMatchObject({ listings: 2, notOurs: 2 });
    expect(report.stores.map((s) => [s.id, s.listings])).toEqual([
      ['tmall:shop:acme', 6],
      ['jd:shop:100', 3],
      ['taobao:shop:999', 1],
      ['pinduoduo:shop:200', 0],
    ]);
  });

  it('builds a twelve-month lapse timeline', () => {
    expect(report.timeline).toHaveLength(12);
    expect(report.timeline[0]).toEqual({ month: '2026-06', evaluations: ['E2'], listings: 1 });
    expect(report.timeline[1]).toEqual({ month: '2026-07', evaluations: ['E3'], listings: 1 });
    expect(report.timeline[2]).toEqual({ month: '2026-08', evaluations: ['E4'], listings: 1 });
    expect(report.timeline[11]?.month).toBe('2027-05');
    expect(report.timeline.slice(3).every((m) => m.evaluations.length === 0)).toBe(true);
  });

  it('needs attention, and says why', () => {
    expect(report.needsAttention).toBe(true);
    expect(report.attention.length).toBeGreaterThanOrEqual(7);
  });

  it('needs no attention when every listing is backed and nothing lapses soon', () => {
    const r = coverage(
      {
        uscc: USCC_A,
        listings: [
          { listing: 'taobao:item:1' },
          { listing: 'taobao:item:2' },
          { listing: 'pinduoduo:item:10' },
          { listing: 'jd:shop:100' },
        ],
      },
      view,
      { at: '2026-10-01' },
    );
    expect(r.attention).toEqual([]);
    expect(r.needsAttention).toBe(false);
    expect(r.totals.coverage).toBe(1);
  });

  it('is deterministic', () => {
    const again = coverage({ uscc: USCC_A, listings: INPUT_ROWS }, createMemoryView(fixture()), { at: AT });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });

  it('falls back when the view cannot list stores or bindings', () => {
    const { storesOf: _s, bindingsOfStore: _b, ...rest } = view;
    const bare: RegistryView = rest;
    const r = coverage({ uscc: USCC_A, listings: INPUT_ROWS }, bare, { at: AT });
    expect(r.forgottenStores).toBeNull();
    expect(r.limits).toHaveLength(2);
    expect(r.totals.backed).toBe(5);
    expect(r.renewals.evaluations[0]?.registryListings).toBeUndefined();
  });

  it('reports an enterprise the registry does not know', () => {
    const r = coverage({ uscc: '91330000000000000X', listings: [{ listing: 'taobao:item:1' }] }, view, { at: AT });
    expect(r.enterprise).toBeUndefined();
    expect(r.totals.notOurs).toBe(1);
    expect(r.attention[0]).toMatch(/does not know/);
  });

  it('rejects bad arguments with a clear error', () => {
    expect(() => coverage({ uscc: 'nope', listings: [] }, view)).toThrow(CoverageInputError);
    expect(() => coverage({ uscc: USCC_A, listings: [] }, view, { at: 'yesterday' })).toThrow(/not a valid date/);
    expect(() => coverage({ uscc: USCC_A, listings: [] }, view, { windows: [60, 30] })).toThrow(/ascending/);
    expect(() => coverage({ uscc: USCC_A, listings: [] }, view, { windows: [0] })).toThrow(/positive/);
  });
});

describe('refFromKey', () => {
  it('reads canonical keys and refuses other text', () => {
    expect(refFromKey('jd:item:42')).toEqual({ platform: 'jd', kind: 'item', id: '42', key: 'jd:item:42', url: '' });
    expect(refFromKey('tmall:shop:acme')?.kind).toBe('shop');
    expect(refFromKey('tmall:item:1')).toBeNull();
    expect(refFromKey('ebay:item:1')).toBeNull();
    expect(refFromKey('taobao:item:1 2')).toBeNull();
  });
});

describe('registryCoverage', () => {
  it('covers the listings the registry binds to the enterprise, without an export', () => {
    const view = createMemoryView(fixture());
    expect(registryListingsOf(view, USCC_A).map((l) => l.listing)).toEqual([
      'jd:item:3',
      'jd:item:4',
      'jd:item:8',
      'pinduoduo:item:10',
      'taobao:item:1',
      'taobao:item:2',
      'taobao:item:5',
      'taobao:item:6',
      'taobao:item:7',
    ]);
    const r = registryCoverage(view, USCC_A, { at: AT });
    expect(r.totals).toMatchObject({ listings: 9, backed: 6, unbound: 1, lapsed: 2, notOurs: 0, forgottenStores: 0 });
  });

  it('is empty for a view without store look-ups', () => {
    const { storesOf: _s, bindingsOfStore: _b, ...bare } = createMemoryView(fixture());
    expect(registryListingsOf(bare, USCC_A)).toEqual([]);
  });
});
