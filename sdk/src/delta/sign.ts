import { signEnvelope } from '../snapshot/sign.js';
import { DELTA_FORMAT_VERSION, DELTA_MAGIC } from './format.js';

/** Signs an encoded delta body (the snapshot's envelope): the delta file to serve. */
export async function signDelta(body: Uint8Array, key: { privateKey: CryptoKey; kid: string }): Promise<Uint8Array> {
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.length < 8 || dv.getUint32(0, true) !== DELTA_MAGIC || dv.getUint16(4, true) !== DELTA_FORMAT_VERSION) {
    throw new TypeError('signDelta: body is not an encoded delta (use encodeDelta).');
  }
  return signEnvelope(body, key, 'signDelta');
}
