export interface StandardCode {
  series: 'T/ZZB';
  /** The serial as written, zero-padded to four digits. */
  number: string;
  year: number;
  /** `T/ZZB NNNN-YYYY`. */
  canonical: string;
}

// T/ZZB, optional spaces, serial, a dash (-, – or — as the standards write it; also the other
// Unicode hyphens and minus that copy-paste produces), optional spaces, year.
// Full-width slash and letters are folded first; the pattern is anchored and linear.
const STANDARD_RE = /^T\s*\/\s*ZZB\s*(\d{1,5})\s*[-\u2010-\u2015\u2212]\s*(\d{4})$/;

function fold(text: string): string {
  // Full-width ASCII (U+FF01–U+FF5E) to half-width; ideographic space to space.
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Parses a "浙江制造" group standard number such as `T/ZZB 1064—2019`. */
export function parseStandardCode(text: string): StandardCode | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const m = STANDARD_RE.exec(fold(text).trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[2]);
  if (year < 2013 || year > 2100) return null;
  const serial = Number(m[1]);
  if (serial === 0) return null;
  const number = String(serial).padStart(4, '0');
  return { series: 'T/ZZB', number, year, canonical: `T/ZZB ${number}-${year}` };
}
