import type { ClaimState, Verdict, VerdictEvidence, VerdictStatus } from '@zjmade/sdk';

const evidence: VerdictEvidence = {
  enterprise: { uscc: '91330100716105852F', name: '杭州示例电器有限公司', nameEn: 'Hangzhou Example Appliance Co.', region: '330100' },
  evaluation: {
    id: 'ZJM-CERT-2024-0001',
    route: 'certification',
    brand: 'zhejiang-made',
    uscc: '91330100716105852F',
    products: [{ name: '电热水壶', model: 'HK-1500' }],
    standard: 'T/ZZB 1371-2019',
    body: '方圆标志认证集团',
    rule: 'ZJM-006-4481-2023',
    issued: '2024-04-01',
    expires: '2027-03-31',
    history: [],
  },
  standard: { code: 'T/ZZB 1371-2019', title: '电热水壶', titleEn: 'Electric kettles', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
  store: {
    platform: 'tmall',
    shopId: 'example',
    key: 'tmall:shop:example',
    name: '示例电器官方旗舰店',
    uscc: '91330100716105852F',
    role: 'official-flagship',
    since: '2020-01-01',
  },
};

/** A verdict of the given status with realistic evidence, from a sample snapshot. */
export function verdictOf(status: VerdictStatus, claim: ClaimState = 'none', sample = true): Verdict {
  const lapsed = ['expired', 'suspended', 'withdrawn', 'cancelled'].includes(status);
  return {
    key: 'taobao:item:600000000001',
    ref: null,
    status,
    claim,
    claims: claim === 'none' ? [] : ['浙江制造'],
    ...(status === 'unknown' ? { reason: 'stale' as const, detail: 'snapshot expired' } : {}),
    evidence:
      status === 'not-found' || status === 'unknown'
        ? {}
        : {
            ...evidence,
            ...(lapsed ? { lapsedAt: '2026-05-01T10:00:00+08:00', lapseReason: '监督抽查不合格' } : {}),
            ...(status === 'sanctioned'
              ? { sanction: { id: 's1', uscc: '91330100716105852F', kind: 'quality-dishonesty-blacklist' as const, reason: '质量失信', from: '2026-01-01' } }
              : {}),
          },
    at: '2026-11-01T12:00:00+08:00',
    source: { kind: 'snapshot', sequence: 42, issuedAt: '2026-11-01T01:00:00Z', expiresAt: '2026-11-08T01:00:00Z', sample },
  };
}
