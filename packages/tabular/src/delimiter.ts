export type Delimiter = ',' | '\t' | ';';
const CANDIDATES: readonly Delimiter[] = [',', '\t', ';'];

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

/**
 * The delimiter of a CSV from its first lines: the candidate found on most lines, the same number
 * of times per line breaking ties (a title can hold a stray comma; a real delimiter repeats).
 * Comma when nothing is found (a one-column file).
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const present = counts.filter((c) => c > 0);
    if (present.length === 0) continue;
    const mode = [...present].sort((a, b) => present.filter((x) => x === b).length - present.filter((x) => x === a).length)[0]!;
    const consistent = counts.filter((c) => c === mode).length;
    const score = consistent * 1000 + present.length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
