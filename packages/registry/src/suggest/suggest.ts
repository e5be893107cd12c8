import type { EnterpriseIndex } from './scope-index.js';
import { normalise } from './normalise.js';
import { modelStem, tokensOf } from './tokens.js';

export interface Candidate {
  evaluationId: string;
  /** In [0, 1]: how strongly the title says it is a product of this evaluation's scope. */
  score: number;
  /** The scope words found in the title: models as written in the scope, name grams joined into runs. */
  matched: string[];
}

export interface Suggestion extends Candidate {
  /** The best score minus the runner-up's (the score itself when there is no runner-up). */
  margin: number;
  /** The margin is below `minMargin`: two evaluations fit about equally; a person should choose. */
  ambiguous: boolean;
  /** The next best candidates above the threshold, best first (at most two). */
  runnersUp: Candidate[];
}

export interface SuggestOptions {
  /** Below this score nothing is suggested (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** A margin below this marks the suggestion ambiguous (default 0.05). */
  minMargin?: number;
}

export const DEFAULT_THRESHOLD = 0.3;

// Evidence combines as independent signals (noisy-or): an exact model alone gives 0.85, the
// whole of a product name alone 0.7, both 0.96; a category adds a little, never enough alone.
const W_MODEL = 0.85;
const W_STEM = 0.45;
const W_NAME = 0.7;
const W_CATEGORY = 0.1;
// Name evidence: gram coverage, or character coverage damped (characters alone are weaker, and
// the power lifts partial names such as 滚筒洗衣机 for 家用滚筒式电动洗衣机 above the threshold).
const nameEvidence = (gramCov: number, charCov: number) => Math.max(gramCov, 0.9 * charCov ** 0.75);

/** Joins matched grams back into the runs of the scope phrase they came from (电动 动洗 → 电动洗). */
function runs(grams: readonly string[], hit: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let run = '';
  for (const g of grams) {
    if (hit.has(g)) run = run === '' ? g : run + g.slice(1);
    else if (run !== '') {
      out.push(run);
      run = '';
    }
  }
  if (run !== '') out.push(run);
  return out;
}

/**
 * The evaluation a listing title falls under among one enterprise's evaluations, or null when no
 * evaluation scores at least the threshold.
 */
export function suggestEvaluation(index: EnterpriseIndex, title: string, options: SuggestOptions = {}): Suggestion | null {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const { grams, models } = tokensOf(normalise(title));
  const n = index.evaluations.length;
  if (n === 0) return null;
  // Per evaluation and phrase: matched weight. Phrases are few; a flat array per call is cheap.
  const covered = new Map<number, Map<number, number>>();
  const charCovered = new Map<number, Map<number, number>>();
  const titleGrams = new Set(grams);
  const titleChars = new Set<string>();
  for (const g of titleGrams) for (const c of g) titleChars.add(c);
  const accumulate = (keys: Set<string>, from: EnterpriseIndex['grams'], into: Map<number, Map<number, number>>) => {
    for (const g of keys) {
      const entry = from.get(g);
      if (!entry) continue;
      for (const [ei, pi] of entry.postings) {
        const m = into.get(ei) ?? new Map<number, number>();
        if (m.size === 0) into.set(ei, m);
        m.set(pi, (m.get(pi) ?? 0) + entry.weight);
      }
    }
  };
  accumulate(titleGrams, index.grams, covered);
  accumulate(titleChars, index.chars, charCovered);
  const modelHit = new Map<number, { strength: number; text: string }>();
  for (const m of models) {
    for (const ei of index.models.get(m) ?? []) modelHit.set(ei, { strength: 1, text: index.modelText.get(m) ?? m });
    const stem = modelStem(m) ?? m;
    for (const ei of index.stems.get(stem) ?? []) if (!modelHit.has(ei)) modelHit.set(ei, { strength: W_STEM / W_MODEL, text: stem.toUpperCase() });
  }
  const scored: Array<{ ei: number; score: number }> = [];
  const candidates = new Set([...charCovered.keys(), ...modelHit.keys()]);
  for (const ei of candidates) {
    const e = index.evaluations[ei]!;
    let name = 0;
    let category = 0;
    const m = charCovered.get(ei);
    if (m) {
      const g = covered.get(ei);
      for (const [pi, w] of m) {
        const p = e.phrases[pi]!;
        const cov = nameEvidence((g?.get(pi) ?? 0) / p.weight, w / p.charWeight);
        if (p.kind === 'name') name = Math.max(name, cov);
        else category = Math.max(category, cov);
      }
    }
    const model = modelHit.get(ei)?.strength ?? 0;
    const score = 1 - (1 - W_MODEL * model) * (1 - W_NAME * name) * (1 - W_CATEGORY * category);
    if (score >= threshold) scored.push({ ei, score });
  }
  if (scored.length === 0) return null;
  scored.sort((a, b) => b.score - a.score || index.evaluations[b.ei]!.rank - index.evaluations[a.ei]!.rank);
  const candidate = ({ ei, score }: { ei: number; score: number }): Candidate => {
    const e = index.evaluations[ei]!;
    const matched: string[] = [];
    const hit = modelHit.get(ei);
    if (hit) matched.push(hit.text);
    for (const p of e.phrases) for (const r of runs(p.grams, titleGrams)) if (!matched.includes(r)) matched.push(r);
    return { evaluationId: e.evaluation.id, score: Math.round(score * 1000) / 1000, matched };
  };
  const best = scored[0]!;
  const margin = scored[1] ? best.score - scored[1].score : best.score;
  return {
    ...candidate(best),
    margin: Math.round(margin * 1000) / 1000,
    ambiguous: margin < (options.minMargin ?? 0.05),
    runnersUp: scored.slice(1, 3).map(candidate),
  };
}
