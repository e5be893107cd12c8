import type { Enterprise, Evaluation, ListingBinding, Sanction, Standard, Store } from '../model.js';
import type { RegistryView, VerdictSource } from '../verdict.js';
import { type Envelope, fail } from './envelope.js';
import type { SnapshotHeader } from './format.js';

/** The snapshot's `RegistryView`, plus the look-ups the verifier exposes. */
export interface SnapshotView extends RegistryView {
  evaluationsOf(uscc: string): readonly Evaluation[];
}

const NONE: readonly never[] = Object.freeze([]);
const DAY_MS = 86_400_000;
const utf8 = new TextDecoder();

const dayToDate = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

function indexOf(keys: readonly string[], from: number, count: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < count; i++) m.set(keys[from + i]!, i);
  return m;
}

/** Numeric value of `key` after `start` when it is a canonical decimal (as the encoder stores it), else -1. */
function numericTail(key: string, start: number): number {
  const n = key.length - start;
  if (n < 1 || n > 15 || (n > 1 && key.charCodeAt(start) === 48)) return -1;
  let v = 0;
  for (let i = start; i < key.length; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Builds the view over a signature-checked file. Only the indexes are built here; entity objects
 * are decoded on first access and memoised, so repeated look-ups allocate nothing.
 */
export function createSnapshotView(env: Envelope, sec: number[], h: SnapshotHeader, source: VerdictSource): SnapshotView {
  const { file } = env;
  const buf = file.buffer;
  const c = h.counts;
  const nE = c.enterprises;
  const nS = c.standards;
  const nV = c.evaluations;
  const nT = c.stores;
  const nB = c.bindings;
  const u32 = (i: number, n: number) => {
    if (sec[i * 2 + 1]! - sec[i * 2]! !== n * 4) fail('corrupt', `Snapshot section ${i} has the wrong size.`);
    return new Uint32Array(buf, sec[i * 2]!, n);
  };
  const u16 = (i: number) => {
    if (sec[i * 2 + 1]! - sec[i * 2]! !== nB * 2) fail('corrupt', `Snapshot section ${i} has the wrong size.`);
    return new Uint16Array(buf, sec[i * 2]!, nB);
  };
  const text = (i: number) => utf8.decode(file.subarray(sec[i * 2], sec[i * 2 + 1]));

  const keys = text(1).split('\n');
  if (keys.length !== nE + nS + 2 * nV + nT) fail('corrupt', 'Snapshot key table has the wrong size.');
  const nEntities = nE + nS + nV + nT + 1;
  const offsets = u32(2, nEntities + 1);
  const blob = sec[6]!;
  if (offsets[nEntities]! !== sec[7]! - blob) fail('corrupt', 'Snapshot entity table has the wrong size.');
  const storeOf = u32(6, nB);
  const evalOf = u32(7, nB);
  const since = u16(8);
  const until = u16(9);

  // Numeric listing ids: one ascending Float64Array, each group a contiguous range.
  const ids = new Float64Array(nB);
  const groups = h.groups;
  const groupStart: number[] = [];
  let nNumeric = 0;
  for (let p = sec[8]!, g = 0; g < groups.length; g++) {
    groupStart.push(nNumeric);
    let prev = 0;
    for (let i = groups[g]![1]; i > 0; i--) {
      let v = 0;
      let m = 1;
      let b: number;
      do {
        if (p >= sec[9]!) fail('corrupt', 'Snapshot listing ids are truncated.');
        b = file[p++]!;
        v += (b & 127) * m;
        m *= 128;
      } while (b & 128);
      prev += v;
      ids[nNumeric++] = prev;
    }
  }
  groupStart.push(nNumeric);
  let otherKeys: Map<string, number> | undefined;

  const enterprises = indexOf(keys, 0, nE);
  const standards = indexOf(keys, nE, nS);
  const evaluations = indexOf(keys, nE + nS, nV);
  const stores = indexOf(keys, nE + nS + 2 * nV, nT);
  // Evaluations are stored grouped by enterprise: the first index of each USCC's run.
  const evalRuns = new Map<string, number>();
  for (let i = nV - 1; i >= 0; i--) evalRuns.set(keys[nE + nS + nV + i]!, i);

  const cache: unknown[] = [];
  const entity = <T>(i: number, key: object): T => {
    let e = cache[i];
    if (e === undefined) {
      try {
        e = Object.assign(key, JSON.parse(utf8.decode(file.subarray(blob + offsets[i]!, blob + offsets[i + 1]!))));
      } catch {
        fail('corrupt', 'Snapshot entity is malformed.');
      }
      cache[i] = e;
    }
    return e as T;
  };
  const ent = (i: number) => entity<Enterprise>(i, { uscc: keys[i] });
  const std = (i: number) => entity<Standard>(nE + i, { code: keys[nE + i] });
  const evl = (i: number) => entity<Evaluation>(nE + nS + i, { id: keys[nE + nS + i], uscc: keys[nE + nS + nV + i] });
  const sto = (i: number) => entity<Store>(nE + nS + nV + i, { key: keys[nE + nS + 2 * nV + i] });
  const at = <T>(m: Map<string, number>, k: string, get: (i: number) => T) => {
    const i = m.get(k);
    return i === undefined ? undefined : get(i);
  };

  const bindingCache: (ListingBinding | undefined)[] = [];
  const binding = (i: number): ListingBinding => {
    let b = bindingCache[i];
    if (!b) {
      const s = storeOf[i]!;
      const v = evalOf[i]!;
      b = {
        key: i < nNumeric ? findGroupKey(i) : otherKeyList()[i - nNumeric]!,
        store: s < nT ? keys[nE + nS + 2 * nV + s]! : h.xs[s - nT]!,
      };
      if (v) b.evaluationId = v <= nV ? keys[nE + nS + v - 1]! : h.xv[v - nV - 1]!;
      if (since[i]) b.since = dayToDate(since[i]!);
      if (until[i]) b.until = dayToDate(until[i]!);
      bindingCache[i] = b;
    }
    return b;
  };
  const findGroupKey = (i: number): string => {
    let g = 0;
    while (groupStart[g + 1]! <= i) g++;
    return groups[g]![0] + ids[i]!;
  };
  let otherList: string[] | undefined;
  const otherKeyList = () => {
    otherList ??= text(5).split('\n');
    return otherList;
  };

  const findBinding = (key: string): number => {
    for (let g = 0; g < groups.length; g++) {
      const prefix = groups[g]![0];
      if (!key.startsWith(prefix)) continue;
      const v = numericTail(key, prefix.length);
      if (v < 0) continue;
      let lo = groupStart[g]!;
      let hi = groupStart[g + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const x = ids[mid]!;
        if (x < v) lo = mid + 1;
        else if (x > v) hi = mid - 1;
        else return mid;
      }
      return -1;
    }
    if (nNumeric === nB) return -1;
    if (!otherKeys) {
      const list = otherKeyList();
      if (list.length !== nB - nNumeric) fail('corrupt', 'Snapshot listing keys have the wrong size.');
      otherKeys = indexOf(list, 0, list.length);
    }
    const j = otherKeys.get(key);
    return j === undefined ? -1 : nNumeric + j;
  };

  const evalLists = new Map<string, readonly Evaluation[]>();
  let sanctions: Map<string, Sanction[]> | undefined;

  return {
    source,
    binding(key) {
      const i = findBinding(key);
      return i < 0 ? undefined : binding(i);
    },
    store: (key) => at(stores, key, sto),
    enterprise: (uscc) => at(enterprises, uscc, ent),
    evaluation: (id) => at(evaluations, id, evl),
    standard: (code) => at(standards, code, std),
    evaluationsOf(uscc) {
      let list = evalLists.get(uscc);
      if (!list) {
        const start = evalRuns.get(uscc);
        if (start === undefined) return NONE;
        const out: Evaluation[] = [];
        for (let i = start; i < nV && keys[nE + nS + nV + i] === uscc; i++) out.push(evl(i));
        list = out;
        evalLists.set(uscc, out);
      }
      return list;
    },
    sanctionsOf(uscc) {
      if (!sanctions) {
        sanctions = new Map();
        for (const s of entity<Sanction[]>(nEntities - 1, [])) {
          const l = sanctions.get(s.uscc);
          if (l) l.push(s);
          else sanctions.set(s.uscc, [s]);
        }
      }
      return sanctions.get(uscc) ?? NONE;
    },
  };
}
