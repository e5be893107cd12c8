/**
 * Column mapping for CSV/XLSX lists: each field and the headers (Chinese or English) that name it.
 * Headers are matched after trimming, lower-casing and dropping spaces, underscores, hyphens and
 * full-width brackets. Documented in packages/registry/README.md; keep the two in step.
 */
export const COLUMN_ALIASES = {
  id: ['证书编号', '声明编号', '证书/声明编号', 'certificate number', 'certificate no', 'certificate', 'id'],
  enterpriseName: ['企业名称', '获证企业', '获证组织', '申请人', 'enterprise name', 'enterprise', 'company'],
  enterpriseNameEn: ['企业英文名称', 'enterprise name (en)', 'enterprise name en', 'english name'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc', 'unified social credit code', 'credit code'],
  product: ['产品名称', '产品', 'product', 'product name'],
  model: ['型号规格', '规格型号', '型号', 'model', 'model/specification', 'specification'],
  category: ['产品类别', '类别', 'category'],
  standard: ['依据标准', '标准编号', '执行标准', 'standard', 'standard code'],
  standardTitle: ['标准名称', 'standard title'],
  issued: ['发证日期', '颁证日期', '声明日期', '发布日期', 'issued', 'issue date', 'date of issue'],
  expires: ['有效期至', '到期日期', '有效期', 'expires', 'expiry date', 'valid until'],
  status: ['证书状态', '状态', 'status'],
  statusDate: ['状态日期', '状态变更日期', 'status date'],
  body: ['认证机构', '发证机构', 'body', 'certification body'],
  rule: ['实施规则', '认证实施规则', 'rule', 'implementation rule'],
  route: ['评价方式', '评价路径', '获证方式', 'route'],
  coMarks: ['国际互认标志', '互认标志', 'co-marks', 'comarks', 'co marks'],
} as const;

export type Field = keyof typeof COLUMN_ALIASES;

export const REQUIRED_FIELDS: readonly Field[] = ['id', 'enterpriseName', 'uscc', 'product', 'standard', 'issued', 'expires'];

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-（）()]/g, '');

const BY_HEADER = new Map<string, Field>();
for (const [field, aliases] of Object.entries(COLUMN_ALIASES) as [Field, readonly string[]][]) {
  for (const a of aliases) BY_HEADER.set(normalise(a), field);
}

/** Column index of each known field; unknown headers are ignored. */
export function mapHeaders(headers: readonly string[]): { columns: Partial<Record<Field, number>>; missing: Field[] } {
  const columns: Partial<Record<Field, number>> = {};
  headers.forEach((h, i) => {
    const f = BY_HEADER.get(normalise(h));
    if (f !== undefined && columns[f] === undefined) columns[f] = i;
  });
  return { columns, missing: REQUIRED_FIELDS.filter((f) => columns[f] === undefined) };
}
