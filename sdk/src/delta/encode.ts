import { DELTA_FORMAT_VERSION, DELTA_MAGIC, type RegistryDelta } from './format.js';
import { deltaProblem } from './validate.js';

/** Encodes a delta as an unsigned body (see format.ts); sign it with `signDelta`. Throws on an ill-formed delta. */
export function encodeDelta(delta: RegistryDelta): Uint8Array {
  // Fixed field order, and only the fields the format knows: equal deltas encode to equal bytes.
  // JSON first: what is checked is what a client will parse (undefined fields gone).
  const plain = JSON.parse(JSON.stringify(delta ?? null));
  const problem = deltaProblem(plain);
  if (problem) throw new TypeError(`encodeDelta: ${problem}.`);
  const { base, sequence, issuedAt, expiresAt, digest, meta, upsert, remove } = plain as RegistryDelta;
  const json = new TextEncoder().encode(JSON.stringify({ base, sequence, issuedAt, expiresAt, digest, meta, upsert, remove }));
  const out = new Uint8Array(8 + json.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, DELTA_MAGIC, true);
  dv.setUint16(4, DELTA_FORMAT_VERSION, true);
  out.set(json, 8);
  return out;
}
