/**
 * Finds the one URL a listing input stands for: a full URL, a protocol-relative href, a bare
 * `host/path`, or the first URL in a share text (【淘宝】… 「title」 https://…). Only the first
 * `://` in the examined window counts, and its scheme must start a token, so a listing URL buried
 * in another URL (`evil.com/?u=https://item.jd.com/1.html`) is never picked out.
 */

/** Characters examined; a longer input is only looked at up to here (bounded work). */
export const SCAN_LIMIT = 8192;

// Printable ASCII. The token is cut only where text would end it (white space, non-ASCII such as
// 「 or a CJK character), never at `|`, `^`, `{`, `\\` …: WHATWG keeps those in the URL and resolves
// dot segments after them, so a cut there would name another listing than the link leads to.
const isUrlChar = (c: number) => c > 32 && c < 127;

/** The URL to parse (with a scheme), or null. Linear in min(input length, SCAN_LIMIT). */
export function extractUrl(input: string): string | null {
  const text = input.slice(0, SCAN_LIMIT);
  let start = 0;
  while (start < text.length && !isUrlChar(text.charCodeAt(start))) start++;
  const sep = text.indexOf('://');
  let prefix = '';
  if (text.startsWith('//', start)) {
    prefix = 'https:';
  } else if (sep < 0) {
    prefix = 'https://'; // a bare host/path, accepted only as the whole input (checked below)
  } else {
    let s = sep;
    while (s > 0 && /[a-z]/i.test(text[s - 1]!)) s--;
    const scheme = text.slice(s, sep).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return null;
    // The scheme starts a token: after white space, non-ASCII or an opening quote or bracket,
    // never inside another URL (`evil.com/?u=https://item.jd.com/1.html`).
    if (s > 0 && isUrlChar(text.charCodeAt(s - 1)) && !'"\'<(['.includes(text[s - 1]!)) return null;
    start = s;
  }
  let end = start;
  while (end < text.length && isUrlChar(text.charCodeAt(end))) end++;
  // A token running into the scan limit may be cut short: refuse rather than guess.
  if (end >= SCAN_LIMIT && input.length > SCAN_LIMIT) return null;
  // A host cut short by anything but white space (`item.jd.comі.evil.cn`, a NUL, `"@evil.com`) is
  // not that host, and nothing is trimmed off a host: until the path starts, the token is all or none.
  const hostOnly = !/[/?#\\]/.test(text.slice(start, end).replace(/^[a-z]*:?\/\//i, ''));
  if (hostOnly && end < text.length && !/\s/.test(text[end]!)) return null;
  if (prefix === 'https://' && (text.slice(0, start).trim() !== '' || text.slice(end).trim() !== '')) return null;
  // Sentence punctuation glued to a URL in prose is not part of it.
  while (!hostOnly && '.,;:!?)]"\'>'.includes(text[end - 1]!)) end--;
  return end > start ? prefix + text.slice(start, end) : null;
}
