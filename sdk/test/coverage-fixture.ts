import type { Evaluation, ListingBinding, RegistryData, Store } from '../src/model.js';

/** Hand-built registry for coverage tests: one enterprise (A) with every situation, one neighbour (B). */
export const USCC_A = '91330100716105852F';
export const USCC_B = '91330200MA2AB3CD4X';
export const AT = '2026-06-01';

function evaluation(id: string, standard: string, expires: string, history: Evaluation['history'] = [], uscc = USCC_A): Evaluation {
  return {
    id,
    route: 'certification',
    brand: 'zhejiang-made',
    uscc,
    products: [{ name: `product ${id}`, model: 'M1' }],
    standard,
    issued: '2023-01-01',
    expires,
    history,
  };
}

function store(platform: Store['platform'], shopId: string, uscc: string, extra: Partial<Store> = {}): Store {
  return {
    platform,
    shopId,
    key: `${platform}:shop:${shopId}`,
    name: `${platform} ${shopId}`,
    uscc,
    role: 'official-flagship',
    since: '2020-01-01',
    ...extra,
  };
}

const bind = (key: string, storeKey: string, evaluationId?: string): ListingBinding => ({
  key,
  store: storeKey,
  ...(evaluationId ? { evaluationId } : {}),
});

export function fixture(): RegistryData {
  return {
    meta: { name: 'coverage fixture', sample: true, generatedAt: '2026-01-01T00:00:00Z' },
    enterprises: [
      { uscc: USCC_A, name: '甲企业', region: '330100' },
      { uscc: USCC_B, name: '乙企业', region: '330200' },
    ],
    standards: [
      { code: 'T/ZZB 0001-2020', title: '保温杯', issuer: 'x', status: 'current' },
      { code: 'T/ZZB 0002-2021', title: '电热水壶', issuer: 'x', status: 'current' },
    ],
    evaluations: [
      evaluation('E1', 'T/ZZB 0001-2020', '2028-12-31'),
      evaluation('E2', 'T/ZZB 0001-2020', '2026-06-20'),
      evaluation('E3', 'T/ZZB 0002-2021', '2026-07-20'),
      evaluation('E4', 'T/ZZB 0002-2021', '2026-08-25'),
      evaluation('E5', 'T/ZZB 0001-2020', '2026-01-31'),
      evaluation('E6', 'T/ZZB 0001-2020', '2028-12-31', [
        { status: 'suspended', at: '2026-03-01T00:00:00+08:00', reason: 'surveillance audit failed' },
      ]),
      evaluation('EB', 'T/ZZB 0001-2020', '2028-12-31', [], USCC_B),
    ],
    stores: [
      store('tmall', 'acme', USCC_A),
      store('jd', '100', USCC_A),
      store('pinduoduo', '200', USCC_A, { role: 'authorised' }),
      store('douyin', '300', USCC_A, { until: '2025-12-31' }),
      store('taobao', '999', USCC_B),
    ],
    bindings: [
      bind('taobao:item:1', 'tmall:shop:acme', 'E1'),
      bind('taobao:item:2', 'tmall:shop:acme', 'E1'),
      bind('jd:item:3', 'jd:shop:100', 'E2'),
      bind('jd:item:4', 'jd:shop:100', 'E3'),
      bind('taobao:item:5', 'tmall:shop:acme', 'E4'),
      bind('taobao:item:6', 'tmall:shop:acme'),
      bind('taobao:item:7', 'tmall:shop:acme', 'E5'),
      bind('jd:item:8', 'jd:shop:100', 'E6'),
      bind('taobao:item:9', 'taobao:shop:999', 'EB'),
      bind('pinduoduo:item:10', 'pinduoduo:shop:200', 'E1'),
    ],
    sanctions: [],
  };
}

/** The brand owner's export: one row per situation, rows numbered as a spreadsheet would (header = 1). */
export const INPUT_ROWS = [
  { row: 2, listing: 'taobao:item:1', title: '浙江制造 保温杯 500ml' },
  { row: 3, listing: 'taobao:item:2' },
  { row: 4, listing: 'jd:item:3' },
  { row: 5, listing: 'jd:item:4' },
  { row: 6, listing: 'taobao:item:5' },
  { row: 7, listing: 'taobao:item:6', title: '浙江制造 电热水壶' },
  { row: 8, listing: 'taobao:item:7' },
  { row: 9, listing: 'jd:item:8' },
  { row: 10, listing: 'taobao:item:9', title: '浙江制造 保温杯' },
  { row: 11, listing: 'taobao:item:404', title: '正品 浙江制造' },
  { row: 12, listing: 'not a listing' },
  { row: 13, listing: '' },
  { row: 14, listing: 'taobao:item:1' },
  { row: 15, listing: 'tmall:shop:acme' },
  { row: 16, listing: 'taobao:item:11', store: 'tmall:shop:acme' },
];
