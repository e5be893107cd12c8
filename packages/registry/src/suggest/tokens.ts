/** What a text gives the matcher. */
export interface Tokens {
  /** Character bigrams of each run of Chinese characters (a lone character is its own token). */
  grams: string[];
  /** Model-number-like tokens (letters and digits, with a digit), separators removed: zj-3000a → zj3000a. */
  models: string[];
  /** Latin words without digits (led, ih, pc), for weak evidence. */
  words: string[];
}

const isHan = (c: number) => c >= 0x3400 && c <= 0x9fff;
const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
const isJoiner = (c: number) => c === 0x2d || c === 0x2f || c === 0x2e || c === 0x5f; // - / . _

/**
 * Tokens of a normalised text without a dictionary: Chinese words are approximated by character
 * bigrams (电动洗衣机 → 电动 动洗 洗衣 衣机), so a partial name still shares most of its grams;
 * models are kept whole, since an exact model like ZJ-3000A is strong evidence on its own.
 */
export function tokensOf(text: string): Tokens {
  const grams: string[] = [];
  const models: string[] = [];
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      let j = i + 1;
      while (j < n && isHan(text.charCodeAt(j))) j++;
      if (j - i === 1) grams.push(text[i]!);
      else for (let k = i; k + 1 < j; k++) grams.push(text.slice(k, k + 2));
      i = j;
    } else if (isAlnum(c)) {
      let token = '';
      let digit = false;
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isAlnum(d)) {
          if (d <= 0x39) digit = true;
          token += text[j];
          j++;
        } else if (isJoiner(d) && j + 1 < n && isAlnum(text.charCodeAt(j + 1)) && token !== '') j++;
        else break;
      }
      if (digit) {
        if (token.length >= 3) models.push(token);
      } else if (token.length >= 2) words.push(token);
      i = j;
    } else i++;
  }
  return { grams, models, words };
}

/** The family stem of a model: its leading letters and the digits after them (xqg100a → xqg100). */
export function modelStem(model: string): string | null {
  const m = /^([a-z]+\d+)/.exec(model);
  return m && m[1]!.length >= 4 && m[1]!.length < model.length ? m[1]! : null;
}
