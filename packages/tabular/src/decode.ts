/** The text encodings found in platform exports and hand-made sheets. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Detected {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

/**
 * The encoding of a file from its first bytes: a BOM decides; otherwise UTF-8 when the sample is
 * valid UTF-8 (a character cut at the sample's end does not count against it), else GB18030 —
 * Chinese seller back-ends (千牛, 京麦) export GBK/GB18030 CSVs, and GB18030 decodes any byte string.
 */
export function detectEncoding(sample: Uint8Array): Detected {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: isUtf8Prefix(sample) ? 'utf-8' : 'gb18030', bom: 0 };
}

function isUtf8Prefix(bytes: Uint8Array): boolean {
  // Drop up to 3 trailing bytes of a multi-byte sequence the sample may have cut in two.
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > back) end -= back;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decodes a whole file's bytes with the detected encoding, BOM removed. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const { encoding, bom } = detectEncoding(bytes);
  return { text: new TextDecoder(encoding).decode(bytes.subarray(bom)), encoding };
}
