/**
 * The badge's strings, zh-CN and English. Keys are valid `browser.i18n` message names
 * (letters, digits, underscores) so the extension can map this table onto `_locales/<lang>/messages.json`;
 * placeholders are written `{name}`.
 */
export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const en = {
  statusVerified: 'Zhejiang Made · verified',
  statusStoreOnly: 'Certified maker’s store · product not registered',
  statusExpired: 'Zhejiang Made · expired',
  statusSuspended: 'Zhejiang Made · suspended',
  statusWithdrawn: 'Zhejiang Made · withdrawn',
  statusCancelled: 'Zhejiang Made · cancelled',
  statusSanctioned: 'Zhejiang Made · sanctioned',
  statusUnbacked: 'Claims Zhejiang Made · not backed',
  claimNotBacked: 'claim not backed',
  statusNotFound: 'Not registered',
  statusUnknown: 'Can’t verify right now',
  sample: 'sample',
  badgeAria: '品字标 check: {label}{sample}. Opens details.',
  badgeHint: '品字标 check, opens details',
  badgeAriaSample: ' (sample data)',
  cardTitle: '品字标 check',
  close: 'Close',
  explainVerified: 'This product is in the scope of a valid Zhejiang Made evaluation, sold through a store of that enterprise.',
  explainStoreOnly:
    'This store belongs to an enterprise with a valid Zhejiang Made evaluation, but this product is not registered under it.',
  explainLapsed: 'The evaluation this product is registered under is not valid now.',
  explainSanctioned: 'The enterprise is under an active sanction; the mark may not be used.',
  explainUnbacked: 'The listing’s text claims “{claims}”, but the registry holds no valid evaluation for it.',
  explainNotFound: 'The registry has no record of this listing or its store.',
  explainUnknown: 'No trustworthy answer right now ({reason}). This says nothing against the product.',
  reasonInvalidListing: 'not a listing address',
  reasonNoSnapshot: 'no registry data yet',
  reasonStale: 'registry data out of date',
  reasonSignature: 'registry data failed its signature check',
  reasonUnreachable: 'registry unreachable',
  reasonError: 'an error occurred',
  fieldEnterprise: 'Enterprise',
  fieldUscc: 'USCC',
  fieldRoute: 'Route',
  routeCertification: 'Certificate',
  routeSelfDeclaration: 'Self-declaration',
  fieldNumber: 'Number',
  fieldBody: 'Certification body',
  fieldStandard: 'Standard',
  fieldProducts: 'Products in scope',
  fieldValidUntil: 'Valid until',
  fieldLapsedSince: 'Lapsed since',
  fieldReason: 'Reason',
  fieldSanction: 'Sanction',
  fieldStore: 'Store',
  roleOfficialFlagship: 'official flagship store',
  roleAuthorised: 'authorised store',
  fieldDataIssued: 'Data issued',
  dataIssuedSnapshot: '{date} (snapshot {sequence})',
  dataOnline: 'online look-up',
  sampleBanner: 'Sample data — synthetic, not real registry records.',
  checkAtRegistry: 'Check at the registry',
  personalMarkLine: 'Your personal mark is in every genuine badge; a web page cannot know it, so a badge without it is fake.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const zhCN: Messages = {
  statusVerified: '浙江制造 · 已核验',
  statusStoreOnly: '认证企业店铺 · 本商品未登记',
  statusExpired: '浙江制造 · 已过期',
  statusSuspended: '浙江制造 · 已暂停',
  statusWithdrawn: '浙江制造 · 已撤销',
  statusCancelled: '浙江制造 · 已注销',
  statusSanctioned: '浙江制造 · 失信惩戒中',
  statusUnbacked: '声称浙江制造 · 无依据',
  claimNotBacked: '声称无依据',
  statusNotFound: '未登记',
  statusUnknown: '暂时无法核验',
  sample: '样例',
  badgeAria: '品字标核验：{label}{sample}。打开详情。',
  badgeHint: '品字标核验，打开详情',
  badgeAriaSample: '（样例数据）',
  cardTitle: '品字标核验',
  close: '关闭',
  explainVerified: '本商品在有效的“浙江制造”评价范围内，并通过该企业的店铺销售。',
  explainStoreOnly: '该店铺属于持有有效“浙江制造”评价的企业，但本商品未登记在评价范围内。',
  explainLapsed: '本商品登记的评价目前无效。',
  explainSanctioned: '该企业正受惩戒，不得使用标志。',
  explainUnbacked: '商品文字声称“{claims}”，但登记处没有相应的有效评价。',
  explainNotFound: '登记处没有本商品或其店铺的记录。',
  explainUnknown: '目前无法得到可信的答复（{reason}）。这并不说明商品有问题。',
  reasonInvalidListing: '不是商品地址',
  reasonNoSnapshot: '尚无登记数据',
  reasonStale: '登记数据已过时',
  reasonSignature: '登记数据签名校验失败',
  reasonUnreachable: '无法连接登记处',
  reasonError: '发生错误',
  fieldEnterprise: '企业',
  fieldUscc: '统一社会信用代码',
  fieldRoute: '评价方式',
  routeCertification: '认证证书',
  routeSelfDeclaration: '自我声明',
  fieldNumber: '编号',
  fieldBody: '认证机构',
  fieldStandard: '标准',
  fieldProducts: '产品范围',
  fieldValidUntil: '有效期至',
  fieldLapsedSince: '失效日期',
  fieldReason: '原因',
  fieldSanction: '惩戒',
  fieldStore: '店铺',
  roleOfficialFlagship: '官方旗舰店',
  roleAuthorised: '授权店',
  fieldDataIssued: '数据发布',
  dataIssuedSnapshot: '{date}（快照第 {sequence} 版）',
  dataOnline: '在线查询',
  sampleBanner: '样例数据：合成数据，并非真实登记信息。',
  checkAtRegistry: '到登记处核对',
  personalMarkLine: '您的个人标记出现在每个真实徽章中；网页无法得知它，没有它的徽章是伪造的。',
};

export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = messages[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Maps a BCP 47 tag (e.g. `navigator.language`) onto a supported locale. */
export function pickLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
