import { type LatestPointer, POINTER_DOMAIN, POINTER_TYPE, type SignedPointer } from './pointer-format.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Lower-case hex SHA-256 of a snapshot file exactly as served: what a pointer's `sha256` names. */
export async function snapshotDigest(snapshotFile: Uint8Array): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', snapshotFile as Uint8Array<ArrayBuffer>)));
}

export interface PointerFields {
  sequence: number;
  /** The snapshot file as served; its digest goes into the pointer. */
  snapshot: Uint8Array;
  /** Default: now. */
  issuedAt?: Date;
  /** Extra payload fields (issue 10: the delta chain); they cannot override the core fields. */
  extra?: Record<string, unknown>;
}

/**
 * Signs a "latest" pointer for one snapshot with the snapshot signing key (same kid). Returns the
 * wire object; serve `JSON.stringify(result)` as `application/vnd.zjmade.pointer+json`.
 */
export async function signPointer(fields: PointerFields, key: { privateKey: CryptoKey; kid: string }): Promise<SignedPointer> {
  if (!Number.isSafeInteger(fields.sequence) || fields.sequence < 0) throw new RangeError('signPointer: sequence must be a non-negative integer.');
  if (!key.kid) throw new RangeError('signPointer: kid must not be empty.');
  const pointer: LatestPointer = {
    ...fields.extra,
    type: POINTER_TYPE,
    v: 1,
    sequence: fields.sequence,
    sha256: await snapshotDigest(fields.snapshot),
    issuedAt: (fields.issuedAt ?? new Date()).toISOString(),
  };
  const payload = JSON.stringify(pointer);
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, new TextEncoder().encode(POINTER_DOMAIN + payload));
  return { payload, kid: key.kid, sig: hex(new Uint8Array(sig)) };
}
