/** Bytes as people read them: 5 MB, 812 KB. */
export function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export interface Span {
  text: string;
  hit: boolean;
}

/**
 * The title cut into runs, the ones that contain a matched word marked. The matcher reports
 * words in folded form (simplified, half-width, lower case): each is looked for case-insensitively
 * and, when not found as written (a traditional or full-width title), left out of the marks.
 */
export function highlight(title: string, words: readonly string[]): Span[] {
  const lower = title.toLowerCase();
  const marks = new Array<boolean>(title.length).fill(false);
  for (const w of words) {
    const needle = w.toLowerCase();
    if (!needle) continue;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) marks.fill(true, at, at + needle.length);
  }
  const spans: Span[] = [];
  for (let i = 0; i < title.length; i++) {
    const last = spans[spans.length - 1];
    if (last && last.hit === marks[i]) last.text += title[i];
    else spans.push({ text: title[i] ?? '', hit: marks[i] ?? false });
  }
  return spans;
}
