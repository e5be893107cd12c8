import type { Instant, RegistryData } from '../model.js';
import { isRegistryDate, isRegistryInstant } from '../registry-dates.js';
import { encodeEntities } from './encode-entities.js';
import { encodeRuns, layoutListings } from './encode-listings.js';
import { FORMAT_VERSION, MAGIC, SECTION_COUNT, type SnapshotHeader } from './format.js';
import { VarintWriter } from './varint-writer.js';

export interface EncodeSnapshotOptions {
  /** Monotonic: a client never replaces a snapshot with one of a lower sequence. */
  sequence: number;
  issuedAt: Instant | Date;
  expiresAt: Instant | Date;
  /** The state digest of `data` (`stateDigest`), written into the header so deltas can be checked against it. */
  digest?: string;
}

const DAY_MS = 86_400_000;
const utf8 = new TextEncoder();

function instant(value: Instant | Date, name: string): string {
  const s = typeof value === 'string' ? value : value.toISOString();
  if (!Number.isFinite(Date.parse(s))) throw new TypeError(`encodeSnapshot: ${name} is not a valid instant: ${s}`);
  return s;
}

const days = new Map<string, number>();

/**
 * Day number of a business date; 0 for absent. Only dates in the registry's date domain
 * (registry-dates.ts) are accepted: the same predicate guards every entry into the registry, so
 * nothing it stores can fail here. Memoised: a registry has a few thousand distinct dates.
 */
function day(date: string | undefined, what: string): number {
  if (date === undefined) return 0;
  let d = days.get(date);
  if (d === undefined) {
    if (!isRegistryDate(date)) throw new RangeError(`encodeSnapshot: ${what} has an invalid date "${date}".`);
    d = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    if (days.size > 100_000) days.clear();
    days.set(date, d);
  }
  return d;
}

/** Last one wins, like the Map-based memory view. */
function byKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((x) => [keyOf(x), x])).values()];
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Sorted by the UTF-8 bytes of their key, the order the decoder binary-searches in. */
function sortedByKey<T>(items: readonly T[], keyOf: (item: T) => string): { items: T[]; keys: Uint8Array[] } {
  const rows = items.map((x) => ({ x, k: utf8.encode(checkKey(keyOf(x))) }));
  rows.sort((a, b) => compareBytes(a.k, b.k));
  return { items: rows.map((r) => r.x), keys: rows.map((r) => r.k) };
}

/** Keys are text: control characters (line breaks, NUL…) are never part of one. */
function checkKey(k: string): string {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) < 32) throw new RangeError(`encodeSnapshot: key contains a control character (line break, NUL…): ${JSON.stringify(k)}`);
  return k;
}

function indexOf<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  return new Map(items.map((x, i) => [keyOf(x), i]));
}

/** Encodes the whole registry as an unsigned snapshot body (see format.ts); sign it with `signSnapshot`. */
export function encodeSnapshot(data: RegistryData, options: EncodeSnapshotOptions): Uint8Array {
  const { sequence } = options;
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError('encodeSnapshot: sequence must be a non-negative integer.');
  const issuedAt = instant(options.issuedAt, 'issuedAt');
  const expiresAt = instant(options.expiresAt, 'expiresAt');
  // Registry order of evaluations (for evaluationsOf), before sorting by id.
  const registryEvaluations = byKey(data.evaluations, (e) => e.id);
  const E = sortedByKey(byKey(data.enterprises, (e) => e.uscc), (e) => e.uscc);
  const S = sortedByKey(byKey(data.standards, (s) => s.code), (s) => s.code);
  for (const e of registryEvaluations) for (const h of e.history) if (!isRegistryInstant(h.at)) throw new RangeError(`encodeSnapshot: evaluation ${e.id} has an invalid status time "${h.at}".`);
  const V = sortedByKey(registryEvaluations, (e) => e.id);
  const T = sortedByKey(byKey(data.stores, (s) => s.key), (s) => s.key);
  const layout = layoutListings(byKey(data.bindings, (b) => b.key));
  const O = sortedByKey(layout.others, (b) => b.key);
  const bindings = [...layout.numeric, ...O.items];
  for (const b of layout.numeric) checkKey(b.key);

  const ent = indexOf(E.items, (e) => e.uscc);
  const std = indexOf(S.items, (s) => s.code);
  const evl = indexOf(V.items, (e) => e.id);
  const sto = indexOf(T.items, (s) => s.key);
  const ref = (m: Map<string, number>) => (k: string | undefined) => (k === undefined ? 0 : (m.has(k) ? m.get(k)! + 1 : k));

  const evaluationsOf: number[][] = E.items.map(() => []);
  const extra = new Map<string, number[]>();
  for (const e of registryEvaluations) {
    const i = ent.get(e.uscc);
    const list = i === undefined ? (extra.get(e.uscc) ?? extra.set(e.uscc, []).get(e.uscc)!) : evaluationsOf[i]!;
    list.push(evl.get(e.id)!);
  }
  const { texts, dict } = encodeEntities({
    enterprises: E.items,
    standards: S.items,
    evaluations: V.items,
    stores: T.items,
    sanctions: data.sanctions,
    evaluationsOf,
    enterpriseRef: ref(ent),
    standardRef: ref(std),
    day,
  });

  const xs: string[] = [];
  const xv: string[] = [];
  const xsIndex = new Map<string, number>();
  const xvIndex = new Map<string, number>();
  const n = bindings.length;
  const cols = new Float64Array(n * 4);
  bindings.forEach((b, i) => {
    let s = sto.get(b.store);
    if (s === undefined) {
      s = xsIndex.get(b.store) ?? xsIndex.set(b.store, T.items.length + xs.push(b.store) - 1).get(b.store)!;
    }
    let v = 0;
    if (b.evaluationId !== undefined) {
      const k = evl.get(b.evaluationId);
      v = (k ?? xvIndex.get(b.evaluationId) ?? xvIndex.set(b.evaluationId, V.items.length + xv.push(b.evaluationId) - 1).get(b.evaluationId)!) + 1;
    }
    cols[i * 4] = s;
    cols[i * 4 + 1] = v;
    cols[i * 4 + 2] = day(b.since, `binding ${b.key}`);
    cols[i * 4 + 3] = day(b.until, `binding ${b.key}`);
  });
  const runs = encodeRuns(n, (i, c) => cols[i * 4 + c]!);

  const header: SnapshotHeader = {
    sequence,
    issuedAt,
    expiresAt,
    meta: data.meta,
    counts: {
      enterprises: E.items.length,
      standards: S.items.length,
      evaluations: V.items.length,
      stores: T.items.length,
      bindings: n,
      sanctions: data.sanctions.length,
    },
    groups: layout.groups,
    runs: runs.runs,
    dict,
    xs,
    xv,
    xe: [...extra],
  };
  if (options.digest !== undefined) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(options.digest)) throw new TypeError('encodeSnapshot: digest must be a base64url SHA-256 sum (stateDigest).');
    header.digest = options.digest;
  }
  const keyBytes = [...E.keys, ...S.keys, ...V.keys, ...T.keys, ...O.keys];
  const entityBytes = texts.map((t) => utf8.encode(t));
  const parts: Uint8Array[] = [
    utf8.encode(JSON.stringify(header)),
    concat(keyBytes),
    lengths(keyBytes),
    concat(entityBytes),
    lengths(entityBytes),
    layout.ids,
    runs.bytes,
  ];
  if (parts.length !== SECTION_COUNT) throw new Error('encodeSnapshot: section count mismatch.');
  const pad = (x: number) => (x + 3) & ~3;
  const size = parts.reduce((sum, p) => sum + 4 + pad(p.length), 8);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint16(4, FORMAT_VERSION, true);
  let p = 8;
  for (const part of parts) {
    dv.setUint32(p, part.length, true);
    out.set(part, p + 4);
    p = pad(p + 4 + part.length);
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function lengths(parts: readonly Uint8Array[]): Uint8Array {
  const w = new VarintWriter();
  for (const p of parts) w.push(p.length);
  return w.bytes();
}
