import type { Enterprise, Evaluation, ListingBinding, Sanction, Standard, Store } from '../model.js';
import type { RegistryView, VerdictSource } from '../verdict.js';
import { type Envelope, corrupt } from './envelope.js';
import type { SnapshotHeader } from './format.js';
import { keyTable } from './key-table.js';
import { createListings } from './listings.js';

/** The snapshot's `RegistryView`, plus the look-ups the verifier exposes. */
export interface SnapshotView extends RegistryView {
  evaluationsOf(uscc: string): readonly Evaluation[];
  /** Every sanction, in snapshot order (for applying deltas, which remove sanctions by id). */
  sanctions(): Sanction[];
}

// biome-ignore lint/suspicious/noExplicitAny: decoded JSON records; their shape is the format's (format.ts)
type R = any[];
const NONE: readonly never[] = Object.freeze([]);

const dateOf = (d: number) => (d ? new Date(d * 864e5).toISOString().slice(0, 10) : undefined);
/** Decoded entities carry exactly the fields that were encoded: absent ones are left out, not undefined. */
const clean = <T>(o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter((e) => e[1] !== undefined)) as T;

/**
 * Builds the view over a signature-checked file: a few linear passes over varints build the
 * indexes; entity objects are decoded on first access and memoised, so repeated look-ups
 * allocate nothing.
 */
export function createSnapshotView(env: Envelope, sec: number[], h: SnapshotHeader, source: VerdictSource): SnapshotView {
  const { file } = env;
  const { enterprises: nE, standards: nS, evaluations: nV, stores: nT, bindings: nB } = h.counts;
  const oS = nE;
  const oV = oS + nS;
  const oT = oV + nV;
  const oO = oT + nT;

  const keys = keyTable(file, sec[2]!, sec[4]!, sec[5]!, oO + nB - h.groups.reduce((n, g) => n + g[1], 0));
  // Records are laid out as keys are (lengths, then UTF-8 text), so one table type reads both.
  const records = keyTable(file, sec[6]!, sec[8]!, sec[9]!, oO + 1);
  if (keys.offsets.at(-1) !== sec[3] || records.offsets.at(-1) !== sec[7]) corrupt();
  const listings = createListings(file, sec, h, keys, oO);

  const record = (i: number): R => {
    try {
      return JSON.parse(records.key(i));
    } catch {
      return corrupt();
    }
  };
  // Maps, not arrays: memoised entities are a sparse few of many, which would push an array into slow dictionary mode.
  const cache = new Map<number, unknown>();
  const memo =
    <T>(from: number, make: (r: R, key: string) => Record<string, unknown>) =>
    (i: number): T => {
      const j = from + i;
      let e = cache.get(j);
      if (e === undefined) {
        e = clean(make(record(j), keys.key(j)));
        cache.set(j, e);
      }
      return e as T;
    };
  /** "s" fields: 0 absent, n dictionary entry n − 1, or the string. */
  const str = (v: number | string): string => (v === +v ? h.dict[v - 1]! : (v as string));
  /** "ref" fields into the key table at `from`. */
  const ref = (v: number | string, from: number) => (v === +v ? (v ? keys.key(from + v - 1) : undefined) : v);

  const ent = memo<Enterprise>(0, (r, uscc) => ({ uscc, name: r[0], region: r[1] === 0 ? uscc.slice(2, 8) : r[1], nameEn: r[3] }));
  const std = memo<Standard>(oS, (r, code) => ({ code, title: r[0], issuer: str(r[1]), status: str(r[2]), successor: ref(r[3], oS), titleEn: r[4] }));
  const evl = memo<Evaluation>(oV, (r, id) => ({
    id,
    route: str(r[0]),
    brand: str(r[1]),
    uscc: ref(r[2], 0),
    products: r[6].map((p: R) => clean({ name: p[0] === 0 ? std(r[3] - 1).title : str(p[0]), model: str(p[1]), category: str(p[2]) })),
    standard: ref(r[3], oS),
    body: str(r[7]),
    rule: str(r[8]),
    issued: dateOf(r[4]),
    expires: dateOf(r[5]),
    coMarks: r[9] ? r[9].map(str) : undefined,
    history: r[10] ? r[10].map((x: R) => clean({ status: str(x[0]), at: x[1], reason: str(x[2]) })) : [],
  }));
  const sto = memo<Store>(oT, (r, key) => {
    const cut = key.indexOf(':shop:');
    const shopId: string = r[7] ?? key.slice(cut + 6);
    const url = r[5];
    return {
      platform: r[6] ?? key.slice(0, cut),
      shopId,
      key,
      name: r[0],
      url: url?.map ? str(url[0]).replace('\u0001', () => shopId) : url || undefined,
      uscc: ref(r[4], 0),
      role: str(r[1]),
      since: dateOf(r[2]),
      until: dateOf(r[3]),
    };
  });

  // Look-ups by key: a binary search the first time, then a Map hit. Only hits are remembered,
  // so the keys a caller probes never grow the map.
  const lookup = <T>(from: number, count: number, get: (i: number) => T) => {
    const seen = new Map<string, T>();
    return (k: string): T | undefined => {
      let v = seen.get(k);
      if (v === undefined) {
        const i = keys.find(k, from, count);
        if (i < 0) return undefined;
        v = get(i);
        seen.set(k, v);
      }
      return v;
    };
  };

  // Keyed by listing key: a Map hit is the fastest look-up for keys seen before, however the string was built.
  const bindings = new Map<string, ListingBinding>();
  const [runStore, runEval, runSince, runUntil] = listings.cols as [Float64Array, Float64Array, Float64Array, Float64Array];
  const binding = (i: number, key = listings.key(i)): ListingBinding => {
    let b = bindings.get(key);
    if (b) return b;
    const r = listings.run(i);
    const s = runStore[r]!;
    const v = runEval[r]!;
    b = clean<ListingBinding>({
      key,
      store: s < nT ? keys.key(oT + s) : h.xs[s - nT],
      evaluationId: v ? (v <= nV ? keys.key(oV + v - 1) : h.xv[v - nV - 1]) : undefined,
      since: dateOf(runSince[r]!),
      until: dateOf(runUntil[r]!),
    });
    bindings.set(key, b);
    return b;
  };

  const extra = new Map(h.xe);
  const evalLists = new Map<string, readonly Evaluation[]>();
  const enterpriseIndex = lookup(0, nE, (i) => i);
  let sanctions: Map<string, Sanction[]> | undefined;

  return {
    source,
    binding(key) {
      const b = bindings.get(key);
      if (b) return b;
      const i = listings.find(key);
      return i < 0 ? undefined : binding(i, key);
    },
    store: lookup(oT, nT, sto),
    enterprise: lookup(0, nE, ent),
    evaluation: lookup(oV, nV, evl),
    standard: lookup(oS, nS, std),
    evaluationsOf(uscc) {
      let list = evalLists.get(uscc);
      if (!list) {
        const i = enterpriseIndex(uscc);
        const idx: number[] | undefined = i === undefined ? extra.get(uscc) : record(i)[2];
        if (!idx) return NONE;
        list = idx.length ? idx.map(evl) : NONE;
        evalLists.set(uscc, list);
      }
      return list;
    },
    sanctions: () => record(oO),
    sanctionsOf(uscc) {
      if (!sanctions) {
        sanctions = new Map();
        for (const s of record(oO) as Sanction[]) sanctions.set(s.uscc, [...(sanctions.get(s.uscc) ?? []), s]);
      }
      return sanctions.get(uscc) ?? NONE;
    },
  };
}
