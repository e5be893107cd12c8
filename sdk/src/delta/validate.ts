import { PLATFORMS } from '../model.js';
import { isRegistryDate, isRegistryInstant } from '../registry-dates.js';
import { DIGEST_RE } from './digest.js';
import { COLLECTIONS, type DeltaCollection, KEY_OF, type RegistryDelta } from './format.js';

/** A field rule: returns true when the value is acceptable. */
type Rule = (v: unknown) => boolean;
type Fields = Record<string, [rule: Rule, optional?: 1]>;

// biome-ignore lint/suspicious/noExplicitAny: JSON under validation
type Json = any;

const str: Rule = (v) => typeof v === 'string';
/** Keys and ids: non-empty text without control characters (the snapshot refuses those). */
const key: Rule = (v) => {
  if (typeof v !== 'string' || !v.length) return false;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) < 32) return false;
  return true;
};
const dates = new Map<string, boolean>();
/** Business dates, memoised: a delta repeats a few distinct dates many times. */
const date: Rule = (v) => {
  if (typeof v !== 'string') return false;
  let ok = dates.get(v);
  if (ok === undefined) {
    ok = isRegistryDate(v);
    if (dates.size > 10_000) dates.clear();
    dates.set(v, ok);
  }
  return ok;
};
const instant: Rule = isRegistryInstant;
const oneOf =
  (...values: readonly string[]): Rule =>
  (v) =>
    values.includes(v as string);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf =
  (rule: Rule): Rule =>
  (v) =>
    Array.isArray(v) && v.every(rule);
const shape = (fields: Fields): Rule => {
  const list = Object.entries(fields).map(([k, [rule, optional]]) => [k, rule, optional === 1] as const);
  return (v) => {
    if (!isObject(v)) return false;
    for (const k in v) if (!Object.hasOwn(fields, k)) return false;
    for (const [k, rule, optional] of list) {
      const x = v[k];
      if (x === undefined ? !optional : !rule(x)) return false;
    }
    return true;
  };
};

const num: Rule = (v) => typeof v === 'number' && Number.isFinite(v);
/** Meta's generatedAt is any parseable timestamp (the registry's default is 1970-01-01T00:00:00Z, before the date domain). */
const timestamp: Rule = (v) => typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v));
const META = shape({ name: [str], sample: [(v) => typeof v === 'boolean'], generatedAt: [timestamp], seed: [num, 1], scale: [num, 1], note: [str, 1] });

const RECORDS: Record<DeltaCollection, Rule> = {
  enterprises: shape({ uscc: [key], name: [str], nameEn: [str, 1], region: [str] }),
  standards: shape({ code: [key], title: [str], titleEn: [str, 1], issuer: [str], status: [oneOf('current', 'superseded', 'withdrawn')], successor: [key, 1] }),
  evaluations: shape({
    id: [key],
    route: [oneOf('certification', 'self-declaration')],
    brand: [oneOf('zhejiang-made', 'zhejiang-service', 'zhejiang-engineering')],
    uscc: [key],
    products: [arrayOf(shape({ name: [str], model: [str, 1], category: [str, 1] }))],
    standard: [key],
    body: [str, 1],
    rule: [str, 1],
    issued: [date],
    expires: [date],
    coMarks: [arrayOf(str), 1],
    history: [arrayOf(shape({ status: [oneOf('valid', 'suspended', 'withdrawn', 'cancelled')], at: [instant], reason: [str, 1] }))],
  }),
  stores: shape({
    platform: [oneOf(...PLATFORMS)],
    shopId: [str],
    key: [key],
    name: [str],
    url: [str, 1],
    uscc: [key],
    role: [oneOf('official-flagship', 'authorised')],
    since: [date],
    until: [date, 1],
  }),
  bindings: shape({ key: [key], store: [key], evaluationId: [key, 1], since: [date, 1], until: [date, 1] }),
  sanctions: shape({ id: [key], uscc: [key], kind: [oneOf('quality-dishonesty-blacklist', 'mark-misuse', 'other')], reason: [str, 1], from: [date], until: [date, 1] }),
};

const TOP = new Set(['base', 'sequence', 'issuedAt', 'expiresAt', 'digest', 'meta', 'upsert', 'remove']);
const seq = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Why `d` is not a well-formed delta, or undefined when it is. Strict: unknown fields anywhere,
 * wrong types, bad dates or instants, `sequence <= base`, a key upserted twice or both upserted
 * and removed are all refused.
 */
export function deltaProblem(d: Json): string | undefined {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return 'not an object';
  for (const k of Object.keys(d)) if (!TOP.has(k)) return `unknown field "${k}"`;
  if (!seq(d.base) || !seq(d.sequence)) return 'base and sequence must be non-negative integers';
  if (d.sequence <= d.base) return `sequence ${d.sequence} is not after base ${d.base}`;
  if (!instant(d.issuedAt) || !instant(d.expiresAt)) return 'issuedAt and expiresAt must be instants';
  if (!(Date.parse(d.expiresAt) > Date.parse(d.issuedAt))) return 'expiresAt is not after issuedAt';
  if (typeof d.digest !== 'string' || !DIGEST_RE.test(d.digest)) return 'digest is not a base64url SHA-256 sum';
  if (d.meta !== undefined && !META(d.meta)) return 'bad meta';
  if (!isObject(d.upsert) || !isObject(d.remove)) return 'upsert and remove must be objects';
  for (const part of [d.upsert, d.remove]) for (const k of Object.keys(part)) if (!COLLECTIONS.includes(k as DeltaCollection)) return `unknown collection "${k}"`;
  for (const c of COLLECTIONS) {
    const up: unknown = d.upsert[c] ?? [];
    const rm: unknown = d.remove[c] ?? [];
    if (!Array.isArray(up) || !Array.isArray(rm)) return `${c}: not a list`;
    const seen = new Set<string>();
    for (const r of up) {
      if (!RECORDS[c](r)) return `${c}: bad record ${JSON.stringify(r).slice(0, 200)}`;
      const k = r[KEY_OF[c]];
      if (seen.has(k)) return `${c}: "${k}" upserted twice`;
      seen.add(k);
    }
    for (const k of rm) {
      if (!key(k)) return `${c}: bad removal`;
      if (seen.has(k)) return `${c}: "${k}" both upserted and removed, or removed twice`;
      seen.add(k);
    }
  }
  return undefined;
}

export function isDelta(d: unknown): d is RegistryDelta {
  return deltaProblem(d) === undefined;
}
