import {
  type Enterprise,
  type Evaluation,
  type EvaluationRoute,
  type EvaluationState,
  parseStandardCode,
  type ProductScope,
  type Standard,
  validateUscc,
} from '@zjmade/sdk';
import { registryDateProblem } from '@zjmade/sdk/publisher';
import { type Cell, cellDate, cellText } from './cells.js';
import type { Field } from './columns.js';

export const DEFAULT_ISSUER = '浙江省浙江制造品牌建设促进会';

const STATUS: Record<string, EvaluationState | 'expired'> = {
  有效: 'valid',
  valid: 'valid',
  暂停: 'suspended',
  suspended: 'suspended',
  撤销: 'withdrawn',
  withdrawn: 'withdrawn',
  注销: 'cancelled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  过期: 'expired',
  失效: 'expired',
  expired: 'expired',
};

const ROUTE: Record<string, EvaluationRoute> = {
  认证: 'certification',
  标准认证: 'certification',
  certification: 'certification',
  自我声明: 'self-declaration',
  自我声明公开: 'self-declaration',
  'self-declaration': 'self-declaration',
};

export interface ListRow {
  enterprise: Enterprise;
  /** Present when the row names the standard's title (so an unknown standard can be created). */
  standard?: Standard;
  evaluation: Omit<Evaluation, 'history'>;
  /**
   * The status the list states (`expired` for 过期/失效), with its date when the list gives one;
   * absent when the status column is empty or missing: the list then says nothing about it.
   */
  status?: { status: EvaluationState | 'expired'; at?: string };
}

export type RowOutcome = { ok: true; row: ListRow } | { ok: false; reason: string; field?: Field };

/** One list row → model objects, or the reason it is rejected (unknown standards are checked by the caller). */
export function parseListRow(get: (f: Field) => Cell): RowOutcome {
  const text = (f: Field) => cellText(get(f));
  const missing = (['id', 'enterpriseName', 'uscc', 'product', 'standard', 'issued', 'expires'] as const).find((f) => text(f) === '');
  if (missing) return { ok: false, field: missing, reason: `missing required field ${missing}` };

  const uscc = validateUscc(text('uscc'));
  if (!uscc.ok) return { ok: false, field: 'uscc', reason: `invalid USCC ${uscc.code}: ${uscc.message ?? uscc.error}` };
  const std = parseStandardCode(text('standard'));
  if (!std) return { ok: false, field: 'standard', reason: `invalid standard code "${text('standard')}" (expected T/ZZB NNNN-YYYY)` };
  const issued = cellDate(get('issued'));
  if (!issued) return { ok: false, field: 'issued', reason: `invalid issue date "${text('issued')}" (${registryDateProblem(text('issued'))})` };
  const expires = cellDate(get('expires'));
  if (!expires) return { ok: false, field: 'expires', reason: `invalid expiry date "${text('expires')}" (${registryDateProblem(text('expires'))})` };
  if (expires < issued) return { ok: false, field: 'expires', reason: `date out of order: expires ${expires} is before issued ${issued}` };

  const id = text('id');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an id with a line break or NUL cannot be a key
  if (id.length > 128 || /[\u0000-\u001f\u007f]/.test(id)) return { ok: false, field: 'id', reason: `invalid certificate number "${id.slice(0, 40)}" (at most 128 characters, no line breaks or control characters)` };
  const rawStatus = text('status').toLowerCase();
  const status = rawStatus === '' ? undefined : STATUS[rawStatus];
  if (rawStatus !== '' && !status) return { ok: false, field: 'status', reason: `unknown status "${text('status')}" (有效/暂停/撤销/注销/过期/失效 or valid/suspended/withdrawn/cancelled/expired)` };
  let statusAt: string | undefined;
  if (text('statusDate') !== '') {
    const d = cellDate(get('statusDate'));
    if (!d) return { ok: false, field: 'statusDate', reason: `invalid status date "${text('statusDate')}" (${registryDateProblem(text('statusDate'))})` };
    statusAt = `${d}T00:00:00+08:00`;
  }

  const body = text('body');
  const rawRoute = text('route').toLowerCase();
  const route = rawRoute === '' ? (body ? 'certification' : 'self-declaration') : ROUTE[rawRoute];
  if (!route) return { ok: false, field: 'route', reason: `unknown route "${text('route')}" (认证/自我声明 or certification/self-declaration)` };

  const product: ProductScope = { name: text('product') };
  if (text('model')) product.model = text('model');
  if (text('category')) product.category = text('category');

  const enterprise: Enterprise = { uscc: uscc.code, name: text('enterpriseName'), region: uscc.code.slice(2, 8) };
  if (text('enterpriseNameEn')) enterprise.nameEn = text('enterpriseNameEn');

  const evaluation: ListRow['evaluation'] = {
    id,
    route,
    brand: 'zhejiang-made',
    uscc: uscc.code,
    products: [product],
    standard: std.canonical,
    issued,
    expires,
  };
  if (body) evaluation.body = body;
  if (text('rule')) evaluation.rule = text('rule');
  const coMarks = text('coMarks')
    .split(/[;,；，、]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (coMarks.length) evaluation.coMarks = coMarks;

  const row: ListRow = { enterprise, evaluation };
  if (text('standardTitle')) row.standard = { code: std.canonical, title: text('standardTitle'), issuer: DEFAULT_ISSUER, status: 'current' };
  if (status) row.status = statusAt ? { status, at: statusAt } : { status };
  return { ok: true, row };
}
