/** Which claim: the 浙江制造 name, the 品字标 mark, or the English "Made in Zhejiang". */
export type ClaimKind = 'zhejiang-made' | 'pinzibiao' | 'made-in-zhejiang';

export interface ClaimMatch {
  kind: ClaimKind;
  /** The matched text as written in the input. */
  text: string;
  /** UTF-16 offset of the match in the input. */
  index: number;
}

/** STUB — replaced by the real detector. */
export function detectClaims(text: string): ClaimMatch[] {
  const i = text.indexOf('浙江制造');
  return i >= 0 ? [{ kind: 'zhejiang-made', text: '浙江制造', index: i }] : [];
}
