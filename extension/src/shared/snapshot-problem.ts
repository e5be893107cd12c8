import type { Locale } from '@zjmade/badge';

/**
 * Why the last snapshot check failed, as the popup and Options say it. The SDK's messages are
 * not fit for that: an untrusted key on the signed pointer reads "Bad signature.", which during
 * a key rotation sends an operator looking for tampering when the fix is a new trust anchor. The
 * classification goes by the SDK's codes (`SnapshotError.code`, `RegistryError.kind`, the
 * delta's `code`) and only falls back to the lifecycle's fixed refusal texts where the SDK has
 * no code of its own (rollback, a stale pointer).
 */
export type SnapshotProblemCode =
  | 'untrusted-key'
  | 'bad-signature'
  | 'no-trusted-keys'
  | 'expired'
  | 'rollback'
  | 'unreachable'
  | 'http'
  | 'corrupt'
  | 'invalid';

export interface SnapshotProblemInfo {
  code: SnapshotProblemCode;
  /** The SDK's own message, kept for the details line. */
  detail: string;
  /** HTTP status, for `http`. */
  status?: number;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function classifySnapshotError(error: unknown, context: { trustedKeys?: number } = {}): SnapshotProblemInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown; kind?: unknown; status?: unknown; message?: unknown };
  const detail = str(e.message) || String(error);
  // With no anchors at all the signed pointer fails as "unknown key" first; the cause is the empty list.
  if (context.trustedKeys === 0 && (e.name === 'SnapshotError' || e.name === 'DeltaError')) return { code: 'no-trusted-keys', detail };
  // By name, not instanceof: the SDK's classes may come from another bundle copy.
  if (e.name === 'SnapshotError') {
    if (e.code === 'unknown-key') return { code: 'untrusted-key', detail };
    if (e.code === 'bad-signature') return { code: 'bad-signature', detail };
    if (e.code === 'no-trusted-keys') return { code: 'no-trusted-keys', detail };
    return { code: 'corrupt', detail };
  }
  if (e.name === 'DeltaError') {
    if (e.code === 'stale') return { code: 'expired', detail };
    if (e.code === 'unknown-key') return { code: 'untrusted-key', detail };
    if (e.code === 'bad-signature') return { code: 'bad-signature', detail };
    if (e.code === 'no-trusted-keys') return { code: 'no-trusted-keys', detail };
    return { code: 'corrupt', detail };
  }
  if (e.name === 'RegistryError') {
    if (e.kind === 'network' || e.kind === 'timeout') return { code: 'unreachable', detail };
    if (e.kind === 'http') return typeof e.status === 'number' ? { code: 'http', detail, status: e.status } : { code: 'http', detail };
    // `validation`: the lifecycle's refusals, which carry no finer code.
    if (/^Rollback\b/.test(detail)) return { code: 'rollback', detail };
    if (/^Stale pointer\b/.test(detail)) return { code: 'expired', detail };
    if (/^Not the pointer's\b/.test(detail)) return { code: 'corrupt', detail };
    return { code: 'invalid', detail };
  }
  if (e.name === 'TypeError') return { code: 'unreachable', detail };
  return { code: 'invalid', detail };
}

type Texts = Record<SnapshotProblemCode, string>;

const EN: Texts = {
  'untrusted-key': 'The registry signed with a key this extension does not trust (a key rotation? add the new public key in Options).',
  'bad-signature': 'Bad signature: the registry’s data was altered after signing. Nothing from it is used.',
  'no-trusted-keys': 'No trusted keys are set: add the registry’s public keys in Options.',
  expired: 'The registry’s data is out of date (its freshness proof expired); listings show “can’t verify” until a fresh one arrives.',
  rollback: 'The registry offered older data than this extension already has (a rollback); it was refused.',
  unreachable: 'The registry cannot be reached right now; the extension retries on its own.',
  http: 'The registry answered with an error (HTTP $STATUS$); the extension retries on its own.',
  corrupt: 'The registry’s data is damaged or in an unknown format; it was refused.',
  invalid: 'The registry’s answer was not valid; it was refused.',
};

const ZH: Texts = {
  'untrusted-key': '登记处使用了本扩展未信任的密钥签名（是否在轮换密钥？请在选项中添加新的公钥）。',
  'bad-signature': '签名无效：登记数据在签名后被改动，已全部弃用。',
  'no-trusted-keys': '尚未设置信任的密钥：请在选项中添加登记处的公钥。',
  expired: '登记数据已过期（新鲜度证明失效）；在收到新数据前，商品显示“暂时无法核验”。',
  rollback: '登记处提供的数据比本扩展已有的更旧（回滚），已拒绝。',
  unreachable: '暂时无法连接登记处；扩展会自动重试。',
  http: '登记处返回错误（HTTP $STATUS$）；扩展会自动重试。',
  corrupt: '登记数据已损坏或格式未知，已拒绝。',
  invalid: '登记处的回应无效，已拒绝。',
};

/** The sentence for a problem in the UI's language. */
export function problemText(locale: Locale, problem: Pick<SnapshotProblemInfo, 'code' | 'status'>): string {
  const table = locale === 'zh-CN' ? ZH : EN;
  return (table[problem.code] ?? table.invalid).replace('$STATUS$', String(problem.status ?? ''));
}

/** Said after the problem when a good state from before is still in use. */
export function keptLastGood(locale: Locale): string {
  return locale === 'zh-CN' ? '继续使用上次通过校验的数据。' : 'The last good data stays in use.';
}

/** The whole status line: the problem, and whether the last good data stays in use. */
export function problemLine(locale: Locale, problem: Pick<SnapshotProblemInfo, 'code' | 'status'> & { keptLastGood: boolean }): string {
  const text = problemText(locale, problem);
  return problem.keptLastGood ? `${text}${locale === 'zh-CN' ? '' : ' '}${keptLastGood(locale)}` : text;
}
