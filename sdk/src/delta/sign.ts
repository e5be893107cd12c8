import { SIG_LENGTH, SIG_MAGIC } from '../snapshot/format.js';
import { DELTA_FORMAT_VERSION, DELTA_MAGIC } from './format.js';

/** Appends the key id and the Ed25519 signature over every preceding byte: the delta file to serve. */
export async function signDelta(body: Uint8Array, key: { privateKey: CryptoKey; kid: string }): Promise<Uint8Array> {
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.length < 8 || dv.getUint32(0, true) !== DELTA_MAGIC || dv.getUint16(4, true) !== DELTA_FORMAT_VERSION) {
    throw new TypeError('signDelta: body is not an encoded delta (use encodeDelta).');
  }
  const kid = new TextEncoder().encode(key.kid);
  if (!key.kid || kid.length > 0xffff) throw new RangeError('signDelta: kid must be 1 to 65535 bytes.');
  const signedLength = body.length + kid.length + 2;
  const out = new Uint8Array(signedLength + SIG_LENGTH + 4);
  out.set(body);
  out.set(kid, body.length);
  const odv = new DataView(out.buffer);
  odv.setUint16(signedLength - 2, kid.length, true);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, out.subarray(0, signedLength)));
  out.set(signature, signedLength);
  odv.setUint32(signedLength + SIG_LENGTH, SIG_MAGIC, true);
  return out;
}
