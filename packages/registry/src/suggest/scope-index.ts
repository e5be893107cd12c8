import type { Evaluation } from '@zjmade/sdk';
import { gramKey, type IntTable, intTable, keyOfGram, modelHash } from './int-table.js';
import { normalise } from './normalise.js';
import { modelStem, tokensOf } from './tokens.js';

/** One phrase of an evaluation's product scope: a product name, a category, the standard's title. */
interface Phrase {
  kind: 'name' | 'category';
  grams: readonly string[];
  /** The grams as packed keys (int-table.ts), for "the words that matched". */
  gramKeys: Int32Array;
  /** Sum of the grams' weights (coverage denominator). */
  weight: number;
  /** The phrase's Chinese characters and their weight sum: 滚筒洗衣机 covers half the characters of 家用滚筒式电动洗衣机 but only a third of its grams. */
  chars: readonly string[];
  charWeight: number;
}

export interface IndexedEvaluation {
  evaluation: Evaluation;
  phrases: Phrase[];
  /** Preference among equal scores: valid at build time first, then the later expiry. */
  rank: number;
}

/**
 * Per-enterprise matching index, built once and used for every listing of the enterprise:
 * gram → (evaluation, phrase) postings with a weight that favours grams few of the enterprise's
 * evaluations share (a brand's common 家用 says little about which of its products it is),
 * and model → evaluations, exact and by family stem.
 */
export interface EnterpriseIndex {
  evaluations: IndexedEvaluation[];
  /** Bigram (or lone character) → flat phrases containing it, keyed by packed code units. */
  grams: Postings;
  /** Character → flat phrases containing it. */
  chars: Postings;
  models: Map<string, number[]>;
  stems: Map<string, number[]>;
  /** The original text of each model, for "the words that matched". */
  modelText: Map<string, string>;
  /**
   * Every key of `models` and `stems` by its hash (int-table.ts modelHash): a title's model is
   * hashed as it is scanned and compared unit by unit with the keys of its hash, so no string is
   * made for it.
   */
  modelKeys: Map<number, string[]>;
  /** One bit per UTF-16 code unit that occurs in a gram of the index: a title's other characters are no bigram or character hit, and are not looked up. */
  charBits: Uint32Array;
  /** Flat per-phrase data for the hot path: owning evaluation, 1 for a name phrase, weights. */
  flat: { evaluation: Int32Array; isName: Uint8Array; weight: Float64Array; charWeight: Float64Array };
  /**
   * Scratch of one suggestion, allocated once per index so a title allocates nothing:
   * accumulators per flat phrase and per evaluation, reset lazily by comparing the epoch of the
   * call (suggesting is synchronous, so one set per index is enough).
   */
  scratch: Scratch;
}

/** Postings in compressed rows: the phrases of id i are phrases[start[i]..start[i+1]). */
export interface Postings {
  table: IntTable;
  weight: Float64Array;
  start: Int32Array;
  phrases: Int32Array;
  /** Epoch of the call that last counted the id (each distinct gram or character counts once). */
  seen: Int32Array;
}

export interface Scratch {
  epoch: number;
  phraseEpoch: Int32Array;
  gramAcc: Float64Array;
  charAcc: Float64Array;
  touched: Int32Array;
  evalEpoch: Int32Array;
  nameGram: Float64Array;
  nameChar: Float64Array;
  categoryGram: Float64Array;
  categoryChar: Float64Array;
  model: Float64Array;
  /** The model that hit each evaluation (its index text, or the stem's), for "the words that matched". */
  modelWord: Array<string | undefined>;
  evals: Int32Array;
}

export interface ScopeContext {
  /** The standard's title for a code (an evaluation's scope includes its standard's title). */
  standardTitle?: (code: string) => string | undefined;
  /** Whether an evaluation is in force now (valid, not expired); preferred among equal scores. */
  inForce?: (evaluation: Evaluation) => boolean;
}

/** The distinct characters of a phrase's grams. */
const charsOf = (grams: readonly string[]): string[] => [...new Set(grams.join(''))];

const compact = (model: string) => normalise(model).replace(/[^0-9a-z]/g, '');

function add<K>(map: Map<K, number[]>, key: K, i: number) {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list.at(-1) !== i) list.push(i);
}

function keysByHash(keys: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const k of keys) {
    const h = modelHash(k);
    const list = out.get(h);
    if (list) list.push(k);
    else out.set(h, [k]);
  }
  return out;
}

function bitsOf(chars: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(0x10000 >>> 5);
  for (const c of chars) {
    const u = c.charCodeAt(0);
    bits[u >>> 5]! |= 1 << (u & 31);
  }
  return bits;
}

export function buildEnterpriseIndex(evaluations: readonly Evaluation[], context: ScopeContext = {}): EnterpriseIndex {
  const raw: Array<Array<{ kind: Phrase['kind']; grams: string[] }>> = [];
  const df = new Map<string, number>();
  const models = new Map<string, number[]>();
  const stems = new Map<string, number[]>();
  const modelText = new Map<string, string>();
  evaluations.forEach((e, i) => {
    const texts: Array<[Phrase['kind'], string]> = [];
    for (const p of e.products) {
      texts.push(['name', p.name]);
      if (p.category) texts.push(['category', p.category]);
      if (p.model) {
        const m = compact(p.model);
        if (m.length >= 2) {
          add(models, m, i);
          modelText.set(m, p.model);
          const stem = modelStem(m);
          if (stem) add(stems, stem, i);
        }
      }
    }
    const title = context.standardTitle?.(e.standard);
    if (title) texts.push(['name', title]);
    const code = compact(e.standard);
    add(models, code, i);
    modelText.set(code, e.standard);
    const seen = new Set<string>();
    const phrases: Array<{ kind: Phrase['kind']; grams: string[] }> = [];
    for (const [kind, text] of texts) {
      const grams = [...new Set(tokensOf(normalise(text)).grams)];
      if (grams.length === 0) continue;
      const key = `${kind}:${grams.join('|')}`;
      if (seen.has(key)) continue; // several products of one name are one phrase
      seen.add(key);
      phrases.push({ kind, grams });
    }
    const own = new Set(phrases.flatMap((p) => [...p.grams, ...charsOf(p.grams)]));
    for (const g of own) df.set(g, (df.get(g) ?? 0) + 1);
    raw.push(phrases);
  });
  const n = evaluations.length;
  const weightOf = (g: string) => Math.log(1 + (n + 1) / (df.get(g) ?? 1));
  const grams = new Map<string, Array<[evaluation: number, phrase: number]>>();
  const chars = new Map<string, Array<[evaluation: number, phrase: number]>>();
  const post = (map: typeof grams, g: string, ei: number, pi: number): number => {
    const list = map.get(g);
    if (list) list.push([ei, pi]);
    else map.set(g, [[ei, pi]]);
    return weightOf(g);
  };
  const indexed: IndexedEvaluation[] = raw.map((phrases, ei) => ({
    evaluation: evaluations[ei]!,
    rank: (context.inForce?.(evaluations[ei]!) ? 1e9 : 0) + Date.parse(evaluations[ei]!.expires) / 86_400_000,
    phrases: phrases.map((p, pi) => {
      let weight = 0;
      for (const g of p.grams) weight += post(grams, g, ei, pi);
      const cs = charsOf(p.grams);
      let charWeight = 0;
      for (const c of cs) charWeight += post(chars, c, ei, pi);
      return { kind: p.kind, grams: p.grams, gramKeys: Int32Array.from(p.grams, keyOfGram), weight, chars: cs, charWeight };
    }),
  }));
  // Postings over flat phrase numbers, so a suggestion accumulates into typed arrays.
  const offsets: number[] = [];
  let total = 0;
  for (const e of indexed) {
    offsets.push(total);
    total += e.phrases.length;
  }
  const flat = { evaluation: new Int32Array(total), isName: new Uint8Array(total), weight: new Float64Array(total), charWeight: new Float64Array(total) };
  indexed.forEach((e, ei) => {
    e.phrases.forEach((p, pi) => {
      const f = offsets[ei]! + pi;
      flat.evaluation[f] = ei;
      flat.isName[f] = p.kind === 'name' ? 1 : 0;
      flat.weight[f] = p.weight;
      flat.charWeight[f] = p.charWeight;
    });
  });
  const postings = (map: typeof grams, keyOf: (g: string) => number): Postings => {
    const entries = [...map];
    const start = new Int32Array(entries.length + 1);
    entries.forEach(([, list], i) => {
      start[i + 1] = start[i]! + list.length;
    });
    const phrases = new Int32Array(start[entries.length]!);
    entries.forEach(([, list], i) => {
      list.forEach(([ei, pi], j) => {
        phrases[start[i]! + j] = offsets[ei]! + pi;
      });
    });
    return {
      table: intTable(entries.map(([g]) => keyOf(g))),
      weight: Float64Array.from(entries, ([g]) => weightOf(g)),
      start,
      phrases,
      seen: new Int32Array(entries.length),
    };
  };
  const scratch: Scratch = {
    epoch: 0,
    phraseEpoch: new Int32Array(total),
    gramAcc: new Float64Array(total),
    charAcc: new Float64Array(total),
    touched: new Int32Array(total),
    evalEpoch: new Int32Array(n),
    nameGram: new Float64Array(n),
    nameChar: new Float64Array(n),
    categoryGram: new Float64Array(n),
    categoryChar: new Float64Array(n),
    model: new Float64Array(n),
    modelWord: new Array<string | undefined>(n).fill(undefined),
    evals: new Int32Array(n),
  };
  return {
    evaluations: indexed,
    grams: postings(grams, keyOfGram),
    chars: postings(chars, (c) => gramKey(0, c.charCodeAt(0))),
    models,
    stems,
    modelText,
    modelKeys: keysByHash([...new Set([...models.keys(), ...stems.keys()])]),
    charBits: bitsOf(chars.keys()),
    flat,
    scratch,
  };
}
