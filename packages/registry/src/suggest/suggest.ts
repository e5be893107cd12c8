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
  const n = index.evaluations.length;
  if (n === 0) return null;
  const { grams, models } = tokensOf(normalise(title));
  const { flat } = index;
  const phrases = flat.evaluation.length;
  // Matched gram and character weight per flat phrase; each distinct gram or character counts once.
  const gramAcc = new Float64Array(phrases);
  const charAcc = new Float64Array(phrases);
  const titleGrams = new Set(grams);
  const titleChars = new Set<string>();
  for (const g of titleGrams) {
    const entry = index.grams.get(g);
    if (entry) for (const f of entry.flat) gramAcc[f]! += entry.weight;
    for (const c of g) titleChars.add(c);
  }
  let any = false;
  for (const c of titleChars) {
    const entry = index.chars.get(c);
    if (!entry) continue;
    any = true;
    for (const f of entry.flat) charAcc[f]! += entry.weight;
  }
  let modelHit: Map<number, { strength: number; text: string }> | undefined;
  for (const m of models) {
    const exact = index.models.get(m);
    const stem = index.stems.get(modelStem(m) ?? m);
    if (!exact && !stem) continue;
    modelHit ??= new Map();
    for (const ei of exact ?? []) modelHit.set(ei, { strength: 1, text: index.modelText.get(m) ?? m });
    for (const ei of stem ?? []) if (!modelHit.has(ei)) modelHit.set(ei, { strength: W_STEM / W_MODEL, text: (modelStem(m) ?? m).toUpperCase() });
  }
  if (!any && !modelHit) return null;
  const name = new Float64Array(n);
  const category = new Float64Array(n);
  for (let f = 0; f < phrases; f++) {
    const cw = charAcc[f]!;
    if (cw === 0) continue;
    const cov = nameEvidence(gramAcc[f]! / flat.weight[f]!, cw / flat.charWeight[f]!);
    const ei = flat.evaluation[f]!;
    if (flat.isName[f] === 1) {
      if (cov > name[ei]!) name[ei] = cov;
    } else if (cov > category[ei]!) category[ei] = cov;
  }
  const scored: Array<{ ei: number; score: number }> = [];
  for (let ei = 0; ei < n; ei++) {
    const model = modelHit?.get(ei)?.strength ?? 0;
    if (model === 0 && name[ei] === 0 && category[ei] === 0) continue;
    const score = 1 - (1 - W_MODEL * model) * (1 - W_NAME * name[ei]!) * (1 - W_CATEGORY * category[ei]!);
    if (score >= threshold) scored.push({ ei, score });
  }
  if (scored.length === 0) return null;
  scored.sort((a, b) => b.score - a.score || index.evaluations[b.ei]!.rank - index.evaluations[a.ei]!.rank);
  const candidate = ({ ei, score }: { ei: number; score: number }): Candidate => {
    const e = index.evaluations[ei]!;
    const matched: string[] = [];
    const hit = modelHit?.get(ei);
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
