import { gramKey, lookup, MODEL_HASH_SEED, modelHashStep } from './int-table.js';
import { codeBuffer, normaliseInto } from './normalise.js';
import type { EnterpriseIndex, Scratch } from './scope-index.js';

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
  /**
   * Whether to say which scope words matched (default true). A bulk upload that only needs the
   * evaluation and score passes false: `matched` is then empty, and the words of a shown row can
   * be had later by suggesting for that one title again.
   */
  words?: boolean;
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
function runs(grams: readonly string[], keys: Int32Array, hit: ReadonlySet<number>): string[] {
  const out: string[] = [];
  let run = '';
  for (let i = 0; i < grams.length; i++) {
    const g = grams[i]!;
    if (hit.has(keys[i]!)) run = run === '' ? g : run + g.slice(1);
    else if (run !== '') {
      out.push(run);
      run = '';
    }
  }
  if (run !== '') out.push(run);
  return out;
}

const isHan = (c: number) => c >= 0x3400 && c <= 0x9fff;
const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
const isJoiner = (c: number) => c === 0x2d || c === 0x2f || c === 0x2e || c === 0x5f; // - / . _

/** The title being matched, in its normalised form (one buffer reused for every title). */
const title = codeBuffer();

/** The title's gram keys, for "the words that matched" (tokensOf's grams, as keys). */
function titleGramKeys(): Set<number> {
  const keys = new Set<number>();
  const a = title.codes;
  const n = title.length;
  for (let i = 0; i < n; i++) {
    if (!isHan(a[i]!)) continue;
    const lone = i + 1 >= n || !isHan(a[i + 1]!);
    if (lone && (i === 0 || !isHan(a[i - 1]!))) keys.add(gramKey(a[i]!, 0));
    else if (!lone) keys.add(gramKey(a[i]!, a[i + 1]!));
  }
  return keys;
}

// The state of the suggestion being made, at module level rather than in closures: suggesting
// is synchronous, and per-call closures cost an allocation each (and a name under tsx).
let ix: EnterpriseIndex;
let s: Scratch;
let epoch = 0;
let touched = 0;
let evals = 0;
let anyChar = false;
let anyModel = false;

function touch(f: number): void {
  if (s.phraseEpoch[f] !== epoch) {
    s.phraseEpoch[f] = epoch;
    s.gramAcc[f] = 0;
    s.charAcc[f] = 0;
    s.touched[touched++] = f;
  }
}

function touchEvaluation(ei: number): void {
  if (s.evalEpoch[ei] !== epoch) {
    s.evalEpoch[ei] = epoch;
    s.nameGram[ei] = 0;
    s.nameChar[ei] = 0;
    s.categoryGram[ei] = 0;
    s.categoryChar[ei] = 0;
    s.model[ei] = 0;
    s.modelWord[ei] = undefined;
    s.evals[evals++] = ei;
  }
}

function gram(key: number): void {
  const grams = ix.grams;
  const id = lookup(grams.table, key);
  if (id < 0 || grams.seen[id] === epoch) return;
  grams.seen[id] = epoch;
  const w = grams.weight[id]!;
  for (let p = grams.start[id]!, end = grams.start[id + 1]!; p < end; p++) {
    const f = grams.phrases[p]!;
    touch(f);
    s.gramAcc[f]! += w;
  }
}

function char(c: number): void {
  const chars = ix.chars;
  const id = lookup(chars.table, c);
  if (id < 0) return;
  anyChar = true;
  if (chars.seen[id] === epoch) return;
  chars.seen[id] = epoch;
  const w = chars.weight[id]!;
  for (let p = chars.start[id]!, end = chars.start[id + 1]!; p < end; p++) {
    const f = chars.phrases[p]!;
    touch(f);
    s.charAcc[f]! += w;
  }
}

/** The key among `keys` spelled by the first `units` letters and digits of a[i..) (joiners skipped), or undefined. */
function keyOf(keys: readonly string[] | undefined, a: Uint16Array, i: number, units: number): string | undefined {
  if (keys === undefined) return undefined;
  for (const key of keys) {
    if (key.length !== units) continue;
    let p = 0;
    for (let k = i; p < units; k++) {
      const c = a[k]!;
      if (!isAlnum(c)) continue;
      if (c !== key.charCodeAt(p)) break;
      p++;
    }
    if (p === units) return key;
  }
  return undefined;
}

/**
 * A model of the title: `units` letters and digits from a[i] (joiners skipped), hashed to `h`;
 * its family stem (modelStem: leading letters and the digits after them, shorter than the model)
 * is its first `stemUnits` units, hashed to `stemHash`, or stemUnits is 0. Only models and stems
 * the index has are looked up, found by hash and compared unit by unit: no string is made.
 */
function model(a: Uint16Array, i: number, units: number, h: number, stemUnits: number, stemHash: number): void {
  const m = keyOf(ix.modelKeys.get(h), a, i, units);
  const exact = m === undefined ? undefined : ix.models.get(m);
  // modelStem(m) ?? m, as the index's key (a stem the index does not have is no hit).
  const stemKey = stemUnits > 0 ? keyOf(ix.modelKeys.get(stemHash), a, i, stemUnits) : m;
  const stem = stemKey === undefined ? undefined : ix.stems.get(stemKey);
  if (!exact && !stem) return;
  anyModel = true;
  // An exact model sets the strength (the last exact one names it); a stem only where nothing hit.
  if (exact)
    for (const ei of exact) {
      touchEvaluation(ei);
      s.model[ei] = 1;
      s.modelWord[ei] = ix.modelText.get(m!) ?? m;
    }
  if (stem)
    for (const ei of stem) {
      touchEvaluation(ei);
      if (s.model[ei] === 0) {
        s.model[ei] = W_STEM / W_MODEL;
        s.modelWord[ei] = stemKey;
      }
    }
}

// The best three of a suggestion by score, then rank, then order (as a stable sort would give).
const top = new Int32Array(3);
const topScore = new Float64Array(3);

function before(ei: number, score: number, r: number): boolean {
  const other = top[r]!;
  if (other < 0 || score > topScore[r]!) return true;
  if (score !== topScore[r]) return false;
  const mine = ix.evaluations[ei]!.rank;
  const theirs = ix.evaluations[other]!.rank;
  return mine > theirs || (mine === theirs && ei < other);
}

function rankIn(ei: number, score: number): void {
  for (let r = 0; r < 3; r++) {
    if (!before(ei, score, r)) continue;
    for (let q = 2; q > r; q--) {
      top[q] = top[q - 1]!;
      topScore[q] = topScore[q - 1]!;
    }
    top[r] = ei;
    topScore[r] = score;
    return;
  }
}

/** The model and the runs of scope phrases that the title shares with evaluation `ei`. */
function matchedWords(ei: number, hit: ReadonlySet<number>): string[] {
  const matched: string[] = [];
  const word = s.modelWord[ei];
  if (word !== undefined) matched.push(s.model[ei] === 1 ? word : word.toUpperCase());
  for (const p of ix.evaluations[ei]!.phrases) for (const r of runs(p.grams, p.gramKeys, hit)) if (!matched.includes(r)) matched.push(r);
  return matched;
}

function candidate(ei: number, score: number, hit: ReadonlySet<number> | undefined): Candidate {
  return { evaluationId: ix.evaluations[ei]!.evaluation.id, score: Math.round(score * 1000) / 1000, matched: hit ? matchedWords(ei, hit) : [] };
}

/**
 * The evaluation a listing title falls under among one enterprise's evaluations, or null when no
 * evaluation scores at least the threshold. One pass over the title's code units: bigrams and
 * characters are looked up by packed integer keys, their postings add into per-phrase
 * accumulators of the index's scratch, and only the phrases touched are scored.
 */
export function suggestEvaluation(index: EnterpriseIndex, text: string, options: SuggestOptions = {}): Suggestion | null {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const n = index.evaluations.length;
  if (n === 0) return null;
  normaliseInto(text, title);
  ix = index;
  s = index.scratch;
  epoch = ++s.epoch;
  touched = 0;
  evals = 0;
  anyChar = false;
  anyModel = false;
  const { flat } = index;
  const bits = index.charBits;
  const a = title.codes;
  const len = title.length;
  let i = 0;
  while (i < len) {
    const c = a[i]!;
    if (isHan(c)) {
      let j = i + 1;
      while (j < len && isHan(a[j]!)) j++;
      // A character outside every gram of the index is neither a character nor part of a bigram
      // hit: one bit says so, before any table is probed.
      if (j - i === 1) {
        if ((bits[c >>> 5]! & (1 << (c & 31))) !== 0) {
          gram(gramKey(c, 0));
          char(c);
        }
      } else {
        let inPrev = (bits[c >>> 5]! & (1 << (c & 31))) !== 0;
        if (inPrev) char(c);
        for (let k = i + 1; k < j; k++) {
          const d = a[k]!;
          const inThis = (bits[d >>> 5]! & (1 << (d & 31))) !== 0;
          if (inThis) {
            if (inPrev) gram(gramKey(a[k - 1]!, d));
            char(d);
          }
          inPrev = inThis;
        }
      }
      i = j;
    } else if (isAlnum(c)) {
      // A model: letters and digits with a digit, joiners (- / . _) between them dropped. Its hash
      // and its stem's (leading letters, then digits, ended by a letter) are taken on the way.
      let j = i;
      let units = 0;
      let digit = false;
      let h = MODEL_HASH_SEED;
      // 0: leading letters, 1: the digits after them, 2: past the stem (or none: a leading digit).
      let phase = c <= 0x39 ? 2 : 0;
      let stemUnits = 0;
      let stemHash = 0;
      while (j < len) {
        const d = a[j]!;
        if (isAlnum(d)) {
          const isDigit = d <= 0x39;
          if (isDigit) digit = true;
          if (phase === 0 && isDigit) phase = 1;
          else if (phase === 1 && !isDigit) {
            phase = 2;
            if (units >= 4) {
              stemUnits = units;
              stemHash = h;
            }
          }
          h = modelHashStep(h, d);
          units++;
          j++;
        } else if (isJoiner(d) && j + 1 < len && isAlnum(a[j + 1]!)) j++;
        else break;
      }
      if (digit && units >= 3) model(a, i, units, h, stemUnits, stemHash);
      i = j;
    } else i++;
  }
  if (!anyChar && !anyModel) return null;

  // Name evidence per evaluation is the best over its phrases of max(gram coverage, damped
  // character coverage); the damping is monotone, so the best of each coverage is kept apart and
  // damped once per evaluation.
  for (let t = 0; t < touched; t++) {
    const f = s.touched[t]!;
    const cw = s.charAcc[f]!;
    if (cw === 0) continue;
    const ei = flat.evaluation[f]!;
    touchEvaluation(ei);
    const g = s.gramAcc[f]! / flat.weight[f]!;
    const ch = cw / flat.charWeight[f]!;
    if (flat.isName[f] === 1) {
      if (g > s.nameGram[ei]!) s.nameGram[ei] = g;
      if (ch > s.nameChar[ei]!) s.nameChar[ei] = ch;
    } else {
      if (g > s.categoryGram[ei]!) s.categoryGram[ei] = g;
      if (ch > s.categoryChar[ei]!) s.categoryChar[ei] = ch;
    }
  }
  top.fill(-1);
  for (let t = 0; t < evals; t++) {
    const ei = s.evals[t]!;
    const nameG = s.nameGram[ei]!;
    const nameC = s.nameChar[ei]!;
    const catG = s.categoryGram[ei]!;
    const catC = s.categoryChar[ei]!;
    const name = nameC === 0 ? nameG : nameEvidence(nameG, nameC);
    const category = catC === 0 ? catG : nameEvidence(catG, catC);
    const m = s.model[ei]!;
    if (m === 0 && name === 0 && category === 0) continue;
    const score = 1 - (1 - W_MODEL * m) * (1 - W_NAME * name) * (1 - W_CATEGORY * category);
    if (score >= threshold) rankIn(ei, score);
  }
  if (top[0]! < 0) return null;
  const hit = options.words === false ? undefined : titleGramKeys();
  const margin = top[1]! >= 0 ? topScore[0]! - topScore[1]! : topScore[0]!;
  const best = index.evaluations[top[0]!]!;
  const runnersUp: Candidate[] = [];
  for (let r = 1; r < 3; r++) if (top[r]! >= 0) runnersUp.push(candidate(top[r]!, topScore[r]!, hit));
  return {
    evaluationId: best.evaluation.id,
    score: Math.round(topScore[0]! * 1000) / 1000,
    matched: hit ? matchedWords(top[0]!, hit) : [],
    margin: Math.round(margin * 1000) / 1000,
    ambiguous: margin < (options.minMargin ?? 0.05),
    runnersUp,
  };
}
