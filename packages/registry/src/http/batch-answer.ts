import type { Verdict, VerdictEvidence, VerdictSource } from '@zjmade/sdk';
import { fragment, str } from './verdict-json.js';

/**
 * The compact `/v1/verify` answer (the default): every result names its evidence by identity and
 * each entity is written once, in `entities`; `at` and `source`, shared by a request's verdicts,
 * are written once too (a result carries its own only where it differs). What the decoder gives
 * back exactly is left out: an entity's identity members (the map's key: an enterprise's `uscc`,
 * a store's `platform`/`shopId`/`key`, …), a result's `ref` when it is its key's own, and
 * `claim`/`claims` when there is no claim — a 60-listing answer is ~22 % smaller for it. Shape and field meanings:
 * `compactVerifyAnswer` in verify-schemas.ts; the SDK's `decodeVerifyAnswer` rebuilds verdicts
 * equal to the full form's.
 *
 * Written as bytes from cached fragments: an entity's `"id":{…}` is encoded once per snapshot
 * object, and a result's bytes once per listing while its verdict stays the same. A request then
 * mostly copies cached bytes; profiling showed the per-call cost of many small encodes and map
 * look-ups dominating, so punctuation is written as single bytes and entities are de-duplicated
 * by a per-answer stamp on their cached record instead of a map.
 */

/** Entity maps, in the order they are written. */
const MAPS = ['enterprises', 'evaluations', 'standards', 'stores', 'sanctions'] as const;

/** Evidence field → index in MAPS, the entity's identity, and its members the identity restores. */
const KINDS: Record<string, [number, (v: Record<string, string>) => string, (v: Record<string, string>, id: string) => readonly string[]]> = {
  enterprise: [0, (v) => v.uscc!, (v, id) => (v.uscc === id ? UsccField : NONE)],
  evaluation: [1, (v) => v.id!, (v, id) => (v.id === id ? IdField : NONE)],
  standard: [2, (v) => v.code!, (v, id) => (v.code === id ? CodeField : NONE)],
  store: [3, (v) => v.key!, (v, id) => (v.key === id && /^[^:]+$/.test(v.platform!) && v.shopId !== '' && `${v.platform}:shop:${v.shopId}` === id ? StoreFields : NONE)],
  sanction: [4, (v) => v.id!, (v, id) => (v.id === id ? IdField : NONE)],
};
const NONE: readonly string[] = [];
const UsccField = ['uscc'];
const IdField = ['id'];
const CodeField = ['code'];
/** A store's key is `{platform}:shop:{shopId}`, so all three come back from it. */
const StoreFields = ['platform', 'shopId', 'key'];

/** `value` without the members its identity (the entity map's key) gives back, as JSON. */
function withoutIdentity(value: object, drop: readonly string[]): Buffer {
  if (drop.length === 0) return fragment(value);
  const rest: Record<string, unknown> = {};
  for (const k in value) if (!drop.includes(k)) rest[k] = (value as Record<string, unknown>)[k];
  return Buffer.from(JSON.stringify(rest), 'utf8');
}

/** One entity object (the snapshot view's own, immutable and shared): its `"id":{…}` and the last answer that wrote it. */
interface Entity {
  map: number;
  /** `,"id":{…}`: written after the first of its map with the comma, the first without (`first`). */
  bytes: Buffer;
  first: Buffer;
  stamp: number;
}

const entities = new WeakMap<object, Entity>();

function entityOf(value: object, map: number, id: string, drop: readonly string[]): Entity {
  let e = entities.get(value);
  if (e === undefined) {
    const bytes = Buffer.concat([Buffer.from(`,${str(id)}:`, 'utf8'), withoutIdentity(value, drop)]);
    e = { map, bytes, first: bytes.subarray(1), stamp: 0 };
    entities.set(value, e);
  }
  return e;
}

/**
 * A result's bytes, each with a leading comma (dropped for the first result): `open` without its
 * closing brace (for a result that writes its own `at` or `source` after it), `closed` with it.
 * And the entities it names.
 */
export interface Result {
  open: Buffer;
  closed: Buffer;
  /** `open` and `closed` without the leading comma (views, made once): for the first result. */
  openFirst: Buffer;
  closedFirst: Buffer;
  refs: Entity[];
}

/**
 * Whether the decoder gives `ref` back from `key` alone: a key's own ref (`url` empty, as the SDK
 * makes it for a listing asked for by key) or none for no key.
 */
function refFromKeyAlone(v: Verdict): boolean {
  const r = v.ref;
  if (r === null) return v.key === null;
  // The decoder splits the key at its first two colons (`^([^:]+):([^:]+):(.+)$`).
  return r.key === v.key && r.url === '' && /^[^:]+$/.test(r.platform) && /^[^:]+$/.test(r.kind) && r.id !== '' && `${r.platform}:${r.kind}:${r.id}` === v.key;
}

function encode(v: Verdict): Result {
  // Left out where the decoder restores them exactly: the ref of a key, no claim.
  let text = `{"key":${str(v.key)}`;
  if (!refFromKeyAlone(v)) text += `,"ref":${str(v.ref)}`;
  text += `,"status":${str(v.status)}`;
  if (v.claim !== 'none' || v.claims.length) text += `,"claim":${str(v.claim)},"claims":${str(v.claims)}`;
  if (v.reason !== undefined) text += `,"reason":${str(v.reason)}`;
  if (v.detail !== undefined) text += `,"detail":${str(v.detail)}`;
  let json = '';
  const refs: Entity[] = [];
  for (const k in v.evidence) {
    const x = (v.evidence as Record<string, unknown>)[k];
    if (x === undefined) continue;
    const kind = KINDS[k];
    if (kind && typeof x === 'object' && x !== null) {
      const id = kind[1](x as Record<string, string>);
      refs.push(entityOf(x, kind[0], id, kind[2](x as Record<string, string>, id)));
      json += `${json ? ',' : '{'}${str(k)}:${str(id)}`;
    } else json += `${json ? ',' : '{'}${str(k)}:${str(x)}`;
  }
  const closed = Buffer.from(`,${text},"evidence":${json ? `${json}}` : '{}'}}`, 'utf8');
  const open = closed.subarray(0, closed.length - 1);
  return { open, closed, openFirst: open.subarray(1), closedFirst: closed.subarray(1), refs };
}

/**
 * Results kept per listing key. A compact result depends only on the ref, status, claim, reason,
 * detail and evidence members, and the entities a snapshot view hands out stay the same objects
 * while it lives, so comparing members by identity is exact. Verdicts with claim phrases (text
 * was sent) are encoded afresh. Dropped and started afresh past a bound.
 */
interface Kept extends Result {
  v: Verdict;
  members: unknown[];
}
let kept = new Map<string, Kept>();
const MAX_KEPT = 50_000;

function members(evidence: VerdictEvidence): unknown[] {
  const m: unknown[] = [];
  for (const k in evidence) m.push(k, (evidence as Record<string, unknown>)[k]);
  return m;
}

function same(a: Verdict, b: Verdict, m: unknown[]): boolean {
  if (a.status !== b.status || a.claim !== b.claim || a.reason !== b.reason || a.detail !== b.detail) return false;
  const x = a.ref;
  const y = b.ref;
  if (x !== y && (x === null || y === null || x.url !== y.url || x.platform !== y.platform || x.kind !== y.kind || x.id !== y.id || x.key !== y.key)) return false;
  let i = 0;
  for (const k in b.evidence) {
    if (m[i++] !== k || m[i++] !== (b.evidence as Record<string, unknown>)[k]) return false;
  }
  return i === m.length;
}

export function resultOf(v: Verdict): Result {
  const key = v.key;
  if (key === null || v.claims.length) return encode(v);
  const hit = kept.get(key);
  if (hit !== undefined && same(hit.v, v, hit.members)) return hit;
  const r = encode(v);
  if (kept.size >= MAX_KEPT) kept = new Map();
  kept.set(key, { ...r, v, members: members(v.evidence) });
  return r;
}

const OPEN_RESULTS = Buffer.from('{"results":[');
const MAP_OPENS = MAPS.map((m, i) => Buffer.from(`${i ? '},' : ',"entities":{'}"${m}":{`));
const EMPTY: VerdictSource = { kind: 'none' };
let stamp = 0;
const lists: Entity[][] = MAPS.map(() => []);
/** The slices of the answer being written (reused; emptied after each answer so nothing is retained). */
const scratch: Buffer[] = [];
const EMPTY_BYTES = Buffer.alloc(0);

/** The compact answer for `verdicts` (one request's), as UTF-8; `snapshotJson` is already JSON. */
export function compactAnswerBytes(verdicts: readonly Verdict[], snapshotJson: string, fallbackAt: string): Buffer {
  const results = new Array<Result>(verdicts.length);
  for (let i = 0; i < verdicts.length; i++) results[i] = resultOf(verdicts[i]!);
  return compactAnswerOf(results, verdicts, verdicts[0]?.at ?? fallbackAt, verdicts[0]?.source ?? EMPTY, snapshotJson);
}

/**
 * The compact answer from results already encoded (some of them kept by the verdict cache).
 * `verdicts[i]`, when set, is result i's verdict: its own `at`/`source` are written where they
 * differ from the answer's; results without one were made at the answer's `at` and `source`.
 * With no results, `source` is `{"kind":"none"}` as before (there is no verdict to take it from).
 */
export function compactAnswerOf(results: readonly Result[], verdicts: readonly (Verdict | undefined)[], at: string, source: VerdictSource, snapshotJson: string): Buffer {
  if (results.length === 0) source = EMPTY;
  const now = ++stamp;
  // Two passes: gather the slices (most of them cached) and their length, then copy them into one
  // buffer with TypedArray#set. Per request nothing is allocated but the output, the slice list
  // and the few `at`/`source` members a result carries of its own.
  const parts = scratch;
  let n = 0;
  let length = 0;
  parts[n++] = OPEN_RESULTS;
  length += OPEN_RESULTS.length;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const refs = r.refs;
    for (let j = 0; j < refs.length; j++) {
      const e = refs[j]!;
      if (e.stamp === now) continue;
      e.stamp = now;
      lists[e.map]!.push(e);
    }
    const v = verdicts[i];
    let extra = '';
    if (v !== undefined) {
      if (v.at !== at) extra += `,"at":${str(v.at)}`;
      if (v.source !== source) extra += `,"source":${fragment(v.source).toString('utf8')}`;
    }
    const b = extra ? (i ? r.open : r.openFirst) : i ? r.closed : r.closedFirst;
    parts[n++] = b;
    length += b.length;
    if (extra) {
      const x = Buffer.from(`${extra}}`, 'utf8');
      parts[n++] = x;
      length += x.length;
    }
  }
  const middle = Buffer.from(`],"at":${str(at)},"source":`, 'utf8');
  parts[n++] = middle;
  length += middle.length;
  const src = fragment(source);
  parts[n++] = src;
  length += src.length;
  for (let m = 0; m < MAPS.length; m++) {
    const open = MAP_OPENS[m]!;
    parts[n++] = open;
    length += open.length;
    const list = lists[m]!;
    for (let i = 0; i < list.length; i++) {
      const b = i ? list[i]!.bytes : list[i]!.first;
      parts[n++] = b;
      length += b.length;
    }
    list.length = 0;
  }
  const end = Buffer.from(`}},"snapshot":${snapshotJson}}`, 'utf8');
  parts[n++] = end;
  length += end.length;
  const out = Buffer.allocUnsafeSlow(length);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const b = parts[i]!;
    out.set(b, pos);
    pos += b.length;
  }
  parts.fill(EMPTY_BYTES, 0, n);
  return out;
}
