import { FORMAT_VERSION, MAGIC, SECTION_COUNT, SIG_LENGTH, SIG_MAGIC, type SnapshotHeader } from './format.js';
import { SnapshotError } from './types.js';

export interface Envelope {
  /** A private, 4-byte-aligned copy of the file: nothing the caller does later can change it. */
  file: Uint8Array<ArrayBuffer>;
  dv: DataView;
  /** Length of the body (where sections live). */
  body: number;
  /** Length of the signed bytes. */
  signed: number;
  kid: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const fail = (code: SnapshotError['code'], message: string): never => {
  throw new SnapshotError(code, message);
};

// One message per kind of damage: every distinct string costs browser-bundle bytes.
/** A file that does not decode (a signed one: only a faulty encoder produces it). */
export const corrupt = (): never => fail('corrupt', 'Snapshot is malformed.');
const truncated = (): never => fail('corrupt', 'Snapshot is truncated.');

/** Magic, version and the signature envelope: everything readable before the signature is checked. */
export function readEnvelope(input: Uint8Array | ArrayBuffer): Envelope {
  // Copy first: the bytes checked must be the bytes decoded, even if the caller's buffer changes
  // while the signature check awaits; the copy is also aligned for typed-array views.
  const file = (ArrayBuffer.isView(input) ? input : new Uint8Array(input)).slice();
  const n = file.length;
  const dv = new DataView(file.buffer);
  if (n < 8) truncated();
  if (dv.getUint32(0, true) !== MAGIC) fail('unsupported-format', 'Not a zjmade snapshot.');
  const version = dv.getUint16(4, true);
  if (version !== FORMAT_VERSION) fail('unsupported-format', `Unsupported snapshot version ${version}.`);
  if (n < 8 + 2 + SIG_LENGTH + 4 || dv.getUint32(n - 4, true) !== SIG_MAGIC) truncated();
  const signed = n - 4 - SIG_LENGTH;
  const kidLength = dv.getUint16(signed - 2, true);
  const body = signed - 2 - kidLength;
  if (body < 8) corrupt();
  let kid = '';
  try {
    kid = utf8.decode(file.subarray(body, signed - 2));
  } catch {
    corrupt();
  }
  return { file, dv, body, signed, kid };
}

/** Section `i` of the body as [start, end) byte offsets; throws `corrupt` when out of bounds. */
export function sections(env: Envelope): number[] {
  const out: number[] = [];
  let p = 8;
  for (let i = 0; i < SECTION_COUNT; i++) {
    const start = p + 4;
    p = start + (start > env.body ? 0 : env.dv.getUint32(p, true));
    if (p > env.body) truncated();
    out.push(start, p);
    p = (p + 3) & ~3;
  }
  return out;
}

/** The header section, parsed (its shape is trusted only once the signature is). */
export function readHeader(env: Envelope, sec: number[]): SnapshotHeader {
  try {
    const h = JSON.parse(utf8.decode(env.file.subarray(sec[0], sec[1]))) as SnapshotHeader;
    if (typeof h.sequence === 'number' && h.counts && h.meta && Array.isArray(h.groups)) return h;
  } catch {
    // fall through
  }
  return corrupt();
}
