import type { Instant, ListingBinding, RegistryData } from '../model.js';
import { FORMAT_VERSION, MAGIC, SECTION_COUNT, type SnapshotHeader } from './format.js';

export interface EncodeSnapshotOptions {
  /** Monotonic: a client never replaces a snapshot with one of a lower sequence. */
  sequence: number;
  issuedAt: Instant | Date;
  expiresAt: Instant | Date;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const utf8 = new TextEncoder();

function instant(value: Instant | Date, name: string): string {
  const s = typeof value === 'string' ? value : value.toISOString();
  if (!Number.isFinite(Date.parse(s))) throw new TypeError(`encodeSnapshot: ${name} is not a valid instant: ${s}`);
  return s;
}

/** Day number (1 … 65535) of a business date; 0 for absent. */
function day(date: string | undefined, what: string): number {
  if (date === undefined) return 0;
  const d = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
  if (!DATE_RE.test(date) || !Number.isInteger(d) || d < 1 || d > 65535 || new Date(d * DAY_MS).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`encodeSnapshot: ${what} has an invalid date "${date}".`);
  }
  return d;
}

/** Last one wins, like the Map-based memory view. */
function byKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((x) => [keyOf(x), x])).values()];
}

function without<T extends object>(entity: T, ...fields: (keyof T)[]): string {
  const copy: Partial<T> = { ...entity };
  for (const f of fields) delete copy[f];
  return JSON.stringify(copy);
}

/** A numeric listing id as the decoder recognises it: canonical decimal, at most 15 digits. */
const NUMERIC = /^(0|[1-9]\d{0,14})$/;

/** Encodes the whole registry as an unsigned snapshot body (see format.ts); sign it with `signSnapshot`. */
export function encodeSnapshot(data: RegistryData, options: EncodeSnapshotOptions): Uint8Array {
  const { sequence } = options;
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError('encodeSnapshot: sequence must be a non-negative integer.');
  const enterprises = byKey(data.enterprises, (e) => e.uscc);
  const standards = byKey(data.standards, (s) => s.code);
  // Grouped by enterprise (stable) so that evaluationsOf is one contiguous run.
  const evaluations = byKey(data.evaluations, (e) => e.id)
    .map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : i - j))
    .map(([e]) => e);
  const stores = byKey(data.stores, (s) => s.key);
  const bindings = byKey(data.bindings, (b) => b.key);
  for (const k of [...enterprises.map((e) => e.uscc), ...standards.map((s) => s.code), ...evaluations.map((e) => e.id), ...stores.map((s) => s.key), ...bindings.map((b) => b.key)]) {
    if (k.includes('\n')) throw new RangeError(`encodeSnapshot: key contains a line break: ${JSON.stringify(k)}`);
  }

  const keys = [
    ...enterprises.map((e) => e.uscc),
    ...standards.map((s) => s.code),
    ...evaluations.map((e) => e.id),
    ...evaluations.map((e) => e.uscc),
    ...stores.map((s) => s.key),
  ];
  const entityTexts = [
    ...enterprises.map((e) => without(e, 'uscc')),
    ...standards.map((s) => without(s, 'code')),
    ...evaluations.map((e) => without(e, 'id', 'uscc')),
    ...stores.map((s) => without(s, 'key')),
    JSON.stringify(data.sanctions),
  ].map((t) => utf8.encode(t));
  const offsets = new Uint32Array(entityTexts.length + 1);
  entityTexts.forEach((t, i) => {
    offsets[i + 1] = offsets[i]! + t.length;
  });

  // Listing keys: numeric ids by key prefix, ascending; everything else as full keys.
  const groups = new Map<string, [number, ListingBinding][]>();
  const others: ListingBinding[] = [];
  for (const b of bindings) {
    const cut = b.key.lastIndexOf(':') + 1;
    const id = b.key.slice(cut);
    if (!NUMERIC.test(id)) {
      others.push(b);
      continue;
    }
    const prefix = b.key.slice(0, cut);
    const list = groups.get(prefix);
    if (list) list.push([Number(id), b]);
    else groups.set(prefix, [[Number(id), b]]);
  }
  const ordered: ListingBinding[] = [];
  const varints: number[] = [];
  const groupHeader: [string, number][] = [];
  for (const [prefix, list] of groups) {
    list.sort((a, b) => a[0] - b[0]);
    groupHeader.push([prefix, list.length]);
    let prev = 0;
    for (const [id, b] of list) {
      for (let v = id - prev; ; v = Math.floor(v / 128)) {
        if (v < 128) {
          varints.push(v);
          break;
        }
        varints.push((v % 128) | 128);
      }
      prev = id;
      ordered.push(b);
    }
  }
  for (const b of others) ordered.push(b);

  const storeIndex = new Map(stores.map((s, i) => [s.key, i]));
  const evalIndex = new Map(evaluations.map((e, i) => [e.id, i]));
  const xs: string[] = [];
  const xv: string[] = [];
  const n = ordered.length;
  const storeCol = new Uint32Array(n);
  const evalCol = new Uint32Array(n);
  const sinceCol = new Uint16Array(n);
  const untilCol = new Uint16Array(n);
  ordered.forEach((b, i) => {
    let s = storeIndex.get(b.store);
    if (s === undefined) s = stores.length + xs.push(b.store) - 1;
    storeCol[i] = s;
    if (b.evaluationId !== undefined) {
      let v = evalIndex.get(b.evaluationId);
      if (v === undefined) v = evaluations.length + xv.push(b.evaluationId) - 1;
      evalCol[i] = v + 1;
    }
    sinceCol[i] = day(b.since, `binding ${b.key}`);
    untilCol[i] = day(b.until, `binding ${b.key}`);
  });

  const header: SnapshotHeader = {
    sequence,
    issuedAt: instant(options.issuedAt, 'issuedAt'),
    expiresAt: instant(options.expiresAt, 'expiresAt'),
    meta: data.meta,
    counts: {
      enterprises: enterprises.length,
      standards: standards.length,
      evaluations: evaluations.length,
      stores: stores.length,
      bindings: n,
      sanctions: data.sanctions.length,
    },
    groups: groupHeader,
    xs,
    xv,
  };
  const blob = new Uint8Array(offsets[entityTexts.length]!);
  entityTexts.forEach((t, i) => {
    blob.set(t, offsets[i]!);
  });
  const parts: Uint8Array[] = [
    utf8.encode(JSON.stringify(header)),
    utf8.encode(keys.join('\n')),
    new Uint8Array(offsets.buffer),
    blob,
    Uint8Array.from(varints),
    utf8.encode(others.map((b) => b.key).join('\n')),
    new Uint8Array(storeCol.buffer),
    new Uint8Array(evalCol.buffer),
    new Uint8Array(sinceCol.buffer),
    new Uint8Array(untilCol.buffer),
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
