import type { Enterprise, Evaluation, ListingBinding, ProductScope, Sanction, Standard, StatusChange, Store } from '../model.js';
import type { RegistryView, VerdictSource } from '../verdict.js';
import { type Envelope, fail } from './envelope.js';
import type { SnapshotHeader } from './format.js';
import { KeyTable } from './key-table.js';
import { createListings } from './listings.js';
import { readVarints } from './varint.js';

/** The snapshot's `RegistryView`, plus the look-ups the verifier exposes. */
export interface SnapshotView extends RegistryView {
  evaluationsOf(uscc: string): readonly Evaluation[];
}

type F = number | string | F[];
const NONE: readonly never[] = Object.freeze([]);
const DAY_MS = 86_400_000;
const utf8 = new TextDecoder();

const dateOf = (d: F): string | undefined => (d ? new Date((d as number) * DAY_MS).toISOString().slice(0, 10) : undefined);

/** Sets `o[k] = v` unless v is undefined: decoded entities carry exactly the fields they were encoded with. */
function put<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | F | undefined): T {
  if (v !== undefined) (o as Record<keyof T, unknown>)[k] = v;
  return o;
}

/**
 * Builds the view over a signature-checked file: a few linear passes over varints build the
 * indexes; entity objects are decoded on first access and memoised, so repeated look-ups
 * allocate nothing.
 */
export function createSnapshotView(env: Envelope, sec: number[], h: SnapshotHeader, source: VerdictSource): SnapshotView {
  const { file } = env;
  const c = h.counts;
  const nE = c.enterprises;
  const nS = c.standards;
  const nV = c.evaluations;
  const nT = c.stores;
  const oS = nE;
  const oV = oS + nS;
  const oT = oV + nV;
  const oO = oT + nT;
  const nEntities = oO + 1;

  const listingsNumeric = h.groups.reduce((n, g) => n + g[1], 0);
  const keys = new KeyTable(file, sec[2]!, sec[4]!, sec[5]!, oO + c.bindings - listingsNumeric);
  if (keys.offsets[keys.offsets.length - 1] !== sec[3]) fail('corrupt', 'Snapshot key table has the wrong size.');
  const offsets = new Uint32Array(nEntities + 1);
  offsets[0] = sec[6]!;
  readVarints(file, sec[8]!, sec[9]!, nEntities, offsets, 1, sec[6]!);
  if (offsets[nEntities] !== sec[7]) fail('corrupt', 'Snapshot entity table has the wrong size.');
  const listings = createListings(file, sec, h, keys, oO);

  const cache: unknown[] = [];
  const record = (i: number): F[] => {
    try {
      return JSON.parse(utf8.decode(file.subarray(offsets[i], offsets[i + 1]))) as F[];
    } catch {
      return fail('corrupt', 'Snapshot entity is malformed.');
    }
  };
  const memo = <T>(i: number, make: (r: F[], key: string) => T): T => {
    let e = cache[i] as T | undefined;
    if (e === undefined) {
      e = make(record(i), keys.key(i));
      cache[i] = e;
    }
    return e;
  };
  /** "s" fields: 0 absent, n dictionary entry n − 1, or the string. */
  const str = (v: F | undefined): string | undefined => (typeof v === 'number' ? (v ? h.dict[v - 1] : undefined) : (v as string | undefined));
  /** "ref" fields into the key table at `from`. */
  const ref = (v: F, from: number): string | undefined => (typeof v === 'number' ? (v ? keys.key(from + v - 1) : undefined) : (v as string));

  const ent = (i: number): Enterprise =>
    memo(i, (r, uscc) => put<Enterprise, 'nameEn'>({ uscc, name: r[0] as string, region: (r[1] as string) || uscc.slice(2, 8) }, 'nameEn', r[3]));
  const std = (i: number): Standard =>
    memo(oS + i, (r, code) => {
      const s: Standard = { code, title: r[0] as string, issuer: str(r[1])!, status: str(r[2]) as Standard['status'] };
      put(s, 'successor', ref(r[3]!, oS));
      return put(s, 'titleEn', r[4]);
    });
  const evl = (i: number): Evaluation =>
    memo(oV + i, (r, id) => {
      const stdRef = r[3]!;
      const e = {
        id,
        route: str(r[0]),
        brand: str(r[1]),
        uscc: ref(r[2]!, 0),
        products: (r[6] as F[][]).map((p) => {
          const name = p[0] === 0 ? std((stdRef as number) - 1).title : str(p[0]);
          return put(put({ name } as ProductScope, 'model', str(p[1])), 'category', str(p[2]));
        }),
        standard: ref(stdRef, oS),
        issued: dateOf(r[4]!),
        expires: dateOf(r[5]!),
        history: r[10] ? (r[10] as F[][]).map((x) => put({ status: str(x[0]), at: x[1] } as StatusChange, 'reason', str(x[2]))) : [],
      } as Evaluation;
      put(e, 'body', str(r[7]));
      put(e, 'rule', str(r[8]));
      return put(e, 'coMarks', r[9] ? (r[9] as F[]).map((m) => str(m)!) : undefined);
    });
  const sto = (i: number): Store =>
    memo(oT + i, (r, key) => {
      const cut = key.indexOf(':shop:');
      const shopId = (r[7] as string | undefined) ?? key.slice(cut + 6);
      const url = r[5]!;
      const s = {
        platform: r[6] ?? key.slice(0, cut),
        shopId,
        key,
        name: r[0],
        uscc: ref(r[4]!, 0),
        role: str(r[1]),
        since: dateOf(r[2]!),
      } as Store;
      put(s, 'url', Array.isArray(url) ? str(url[0])!.replace('\u0001', () => shopId) : url || undefined);
      return put(s, 'until', dateOf(r[3]!));
    });

  // Look-ups by key: a binary search the first time, then a Map hit.
  const lookup = <T>(from: number, count: number, get: (i: number) => T) => {
    const seen = new Map<string, T>();
    return (k: string): T | undefined => {
      let v = seen.get(k);
      if (v === undefined) {
        // Only hits are remembered: unknown keys a caller probes never grow the map.
        const i = keys.find(k, from, count);
        if (i < 0) return undefined;
        v = get(i);
        seen.set(k, v);
      }
      return v;
    };
  };

  const bindings: (ListingBinding | undefined)[] = [];
  const binding = (i: number): ListingBinding => {
    let b = bindings[i];
    if (!b) {
      const r = listings.run(i);
      const s = listings.runStore[r]!;
      const v = listings.runEval[r]!;
      b = { key: listings.key(i), store: s < nT ? keys.key(oT + s) : h.xs[s - nT]! };
      if (v) b.evaluationId = v <= nV ? keys.key(oV + v - 1) : h.xv[v - nV - 1]!;
      put(b, 'since', dateOf(listings.runSince[r]!));
      put(b, 'until', dateOf(listings.runUntil[r]!));
      bindings[i] = b;
    }
    return b;
  };

  const extraEvaluations = new Map(h.xe);
  const evalLists = new Map<string, readonly Evaluation[]>();
  const enterpriseIndex = lookup(0, nE, (i) => i);
  let sanctions: Map<string, Sanction[]> | undefined;

  return {
    source,
    binding(key) {
      const i = listings.find(key);
      return i < 0 ? undefined : binding(i);
    },
    store: lookup(oT, nT, sto),
    enterprise: lookup(0, nE, ent),
    evaluation: lookup(oV, nV, evl),
    standard: lookup(oS, nS, std),
    evaluationsOf(uscc) {
      let list = evalLists.get(uscc);
      if (!list) {
        const i = enterpriseIndex(uscc);
        const idx = i === undefined ? extraEvaluations.get(uscc) : (record(i)[2] as number[]);
        if (!idx) return NONE;
        list = idx.length ? idx.map(evl) : NONE;
        evalLists.set(uscc, list);
      }
      return list;
    },
    sanctionsOf(uscc) {
      if (!sanctions) {
        sanctions = new Map();
        for (const s of record(nEntities - 1) as unknown as Sanction[]) {
          const l = sanctions.get(s.uscc);
          if (l) l.push(s);
          else sanctions.set(s.uscc, [s]);
        }
      }
      return sanctions.get(uscc) ?? NONE;
    },
  };
}
