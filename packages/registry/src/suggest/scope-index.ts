import type { Evaluation } from '@zjmade/sdk';
import { normalise } from './normalise.js';
import { modelStem, tokensOf } from './tokens.js';

/** One phrase of an evaluation's product scope: a product name, a category, the standard's title. */
interface Phrase {
  kind: 'name' | 'category';
  grams: readonly string[];
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
  grams: Map<string, Posting>;
  chars: Map<string, Posting>;
  models: Map<string, number[]>;
  stems: Map<string, number[]>;
  /** The original text of each model, for "the words that matched". */
  modelText: Map<string, string>;
  /** Flat per-phrase data for the hot path: owning evaluation, 1 for a name phrase, weights. */
  flat: { evaluation: Int32Array; isName: Uint8Array; weight: Float64Array; charWeight: Float64Array };
}

export interface Posting {
  weight: number;
  postings: Array<[evaluation: number, phrase: number]>;
  /** The same postings as flat phrase numbers. */
  flat: Int32Array;
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
  const grams: EnterpriseIndex['grams'] = new Map();
  const chars: EnterpriseIndex['chars'] = new Map();
  const post = (map: EnterpriseIndex['grams'], g: string, ei: number, pi: number): number => {
    const w = weightOf(g);
    const entry = map.get(g) ?? { weight: w, postings: [], flat: new Int32Array(0) };
    if (entry.postings.length === 0) map.set(g, entry);
    entry.postings.push([ei, pi]);
    return w;
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
      return { kind: p.kind, grams: p.grams, weight, chars: cs, charWeight };
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
  for (const map of [grams, chars]) for (const entry of map.values()) entry.flat = Int32Array.from(entry.postings, ([ei, pi]) => offsets[ei]! + pi);
  return { evaluations: indexed, grams, chars, models, stems, modelText, flat };
}
