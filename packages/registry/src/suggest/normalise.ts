import { SIMPLIFIED, TRADITIONAL } from './t2s-table.js';


/**
 * Marketing words that say nothing about which product a listing is; left in, they would match
 * every scope that happens to contain them (官方 in a standard title) or none. Longest first so
 * 厂家直销 goes before 厂家.
 */
export const NOISE_WORDS: readonly string[] = [
  '品字标认证', '浙江制造', '品字标', '官方旗舰店', '旗舰店', '专卖店', '专营店', '官方正品', '正品保证', '正品', '官方', '旗舰', '包邮', '顺丰',
  '新款', '热销', '爆款', '特价', '促销', '限时', '秒杀', '现货', '厂家直销', '厂家', '直销', '自营', '授权', '送礼', '礼品', '推荐', '优选',
  '同款', '网红', '抖音', '当天发货', '急速发货', '七天无理由', '假一赔十', '正版', '原装', '清仓', '大促', '双十一', '618',
].sort((a, b) => b.length - a.length);

// Every code unit's matching form, composed once: full-width forms → half-width (ＸＱＧ１００ →
// xqg100, the ideographic space → space), lower case, traditional → simplified. A title is then
// folded by one table lookup per code unit, with no intermediate strings.
const FOLD = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  let f = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 0x20 : c;
  if (f >= 0x41 && f <= 0x5a) f += 0x20;
  else if (f >= 0x80 && (f < 0x3400 || f >= 0xa000) && (f < 0xd800 || f > 0xdfff)) {
    // Non-ASCII letters as String#toLowerCase folds them alone (a case mapping to two code units is left as it is).
    const lower = String.fromCharCode(f).toLowerCase();
    if (lower.length === 1) f = lower.charCodeAt(0);
  }
  FOLD[c] = f;
}
for (let i = 0; i < TRADITIONAL.length; i++) FOLD[TRADITIONAL.charCodeAt(i)] = SIMPLIFIED.charCodeAt(i);

// The noise words as a trie over code units (first unit → node), matched longest first like the
// alternation of a regular expression listing them longest first.
interface TrieNode {
  next: Map<number, TrieNode>;
  end: boolean;
}
const TRIE: TrieNode = { next: new Map(), end: false };
const STARTS = new Uint8Array(0x10000);
for (const w of NOISE_WORDS) {
  let node = TRIE;
  STARTS[w.charCodeAt(0)] = 1;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let child = node.next.get(c);
    if (!child) {
      child = { next: new Map(), end: false };
      node.next.set(c, child);
    }
    node = child;
  }
  node.end = true;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x7a);
const NIAN = 0x5e74; // 年
const KUAN = 0x6b3e; // 款
const XIN = 0x65b0; // 新

// The rules below read the text through FOLD, one code unit at a time: folding, noise words and
// years are one pass with no intermediate buffer.
const at = (t: string, i: number): number => FOLD[t.charCodeAt(i)]!;
const freeAt = (t: string, n: number, e: number) => e >= n || !isAlnum(at(t, e));

/** End of a year at `i` (19xx/20xx not inside a Latin/digit run, optionally 年/款/新款), or -1. */
function yearEnd(t: string, n: number, i: number, c0: number): number {
  if (i + 4 > n || (i > 0 && isAlnum(at(t, i - 1)))) return -1;
  const c1 = at(t, i + 1);
  if (!((c0 === 0x31 && c1 === 0x39) || (c0 === 0x32 && c1 === 0x30)) || !isDigit(at(t, i + 2)) || !isDigit(at(t, i + 3))) return -1;
  const s = i + 4;
  if (s < n) {
    const d = at(t, s);
    if ((d === NIAN || d === KUAN) && freeAt(t, n, s + 1)) return s + 1;
    if (d === XIN && s + 1 < n && at(t, s + 1) === KUAN && freeAt(t, n, s + 2)) return s + 2;
  }
  return freeAt(t, n, s) ? s : -1;
}

/** End of the longest noise word at `i` (whose folded first unit can start one), or -1. */
function noiseEnd(t: string, n: number, i: number): number {
  let node: TrieNode | undefined = TRIE;
  let end = -1;
  for (let j = i; j < n; j++) {
    node = node.next.get(at(t, j));
    if (!node) break;
    if (node.end) end = j + 1;
  }
  return end;
}

/** A growable buffer of code units; `length` of them are in use. */
export interface CodeBuffer {
  codes: Uint16Array;
  length: number;
}

export const codeBuffer = (size = 256): CodeBuffer => ({ codes: new Uint16Array(size), length: 0 });

/**
 * The matching form of a text, into `out`: folded (full-width → half-width, lower case,
 * traditional → simplified), then noise words and years replaced by one space each. One pass over
 * the text's code units into a typed array, no strings: it is the hot path of suggesting for
 * 100,000 listings.
 */
export function normaliseInto(text: string, out: CodeBuffer): void {
  const n = text.length;
  if (out.codes.length < n) out.codes = new Uint16Array(n * 2);
  const o = out.codes;
  let k = 0;
  let i = 0;
  while (i < n) {
    const c = FOLD[text.charCodeAt(i)]!;
    let e = c === 0x31 || c === 0x32 ? yearEnd(text, n, i, c) : -1;
    if (e < 0 && STARTS[c] === 1) e = noiseEnd(text, n, i);
    if (e < 0) {
      o[k++] = c;
      i++;
    } else {
      o[k++] = 0x20;
      i = e;
    }
  }
  out.length = k;
}

const scratch = codeBuffer();

/**
 * One form of a title or scope text for matching: full-width forms → half-width, traditional →
 * simplified per character, lower case, noise words and years removed.
 */
export function normalise(text: string): string {
  normaliseInto(text, scratch);
  let s = '';
  for (let i = 0; i < scratch.length; i += 4096) s += String.fromCharCode(...scratch.codes.subarray(i, Math.min(scratch.length, i + 4096)));
  return s;
}
