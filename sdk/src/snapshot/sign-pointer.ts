import { type LatestPointer, POINTER_DOMAIN, POINTER_TYPE, type PointerDelta, type SignedPointer } from './pointer-format.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Lower-case hex SHA-256 of a snapshot (or delta) file exactly as served: what a pointer's `sha256` names. */
export async function snapshotDigest(snapshotFile: Uint8Array): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', snapshotFile as Uint8Array<ArrayBuffer>)));
}

export interface PointerFields {
  /** The full snapshot's sequence. */
  sequence: number;
  /** The full snapshot file as served; its digest goes into the pointer. Or give `sha256`. */
  snapshot?: Uint8Array;
  /** The full snapshot file's SHA-256 (lower-case hex), when already known. */
  sha256?: string;
  /** Where the full snapshot is, relative to the pointer's URL. */
  path?: string;
  /** The newest deltas, oldest first, passing through `sequence`; `head` follows from it. */
  deltas?: readonly PointerDelta[];
  /** When the newest state expires. */
  expiresAt?: string;
  /** Default: now. */
  issuedAt?: Date;
  /** Extra payload fields; they cannot override the core fields. */
  extra?: Record<string, unknown>;
}

/**
 * Signs a "latest" pointer for one full snapshot and its delta chain with the snapshot signing
 * key (same kid). Returns the wire object; serve `JSON.stringify(result)` as
 * `application/vnd.zjmade.pointer+json`.
 */
export async function signPointer(fields: PointerFields, key: { privateKey: CryptoKey; kid: string }): Promise<SignedPointer> {
  if (!Number.isSafeInteger(fields.sequence) || fields.sequence < 0) throw new RangeError('signPointer: sequence must be a non-negative integer.');
  if (!key.kid) throw new RangeError('signPointer: kid must not be empty.');
  const sha256 = fields.sha256 ?? (fields.snapshot ? await snapshotDigest(fields.snapshot) : undefined);
  if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('signPointer: give the snapshot bytes or their SHA-256.');
  const chain = fields.deltas ?? [];
  let at = chain[0]?.base ?? fields.sequence;
  let fullInChain = at === fields.sequence;
  for (const d of chain) {
    if (d.base !== at || !(d.sequence > at)) throw new RangeError(`signPointer: delta ${d.base}→${d.sequence} does not continue the chain at ${at}.`);
    at = d.sequence;
    if (at === fields.sequence) fullInChain = true;
  }
  if (!fullInChain) throw new RangeError(`signPointer: the chain does not pass through the full snapshot ${fields.sequence}.`);
  const pointer: LatestPointer = {
    ...fields.extra,
    type: POINTER_TYPE,
    v: 1,
    sequence: fields.sequence,
    sha256,
    issuedAt: (fields.issuedAt ?? new Date()).toISOString(),
    ...(fields.path !== undefined ? { snapshot: fields.path } : {}),
    ...(fields.snapshot ? { bytes: fields.snapshot.byteLength } : {}),
    ...(fields.expiresAt !== undefined ? { expiresAt: fields.expiresAt } : {}),
    ...(fields.deltas ? { head: at, deltas: fields.deltas.map(({ base, sequence, path, bytes, sha256 }) => ({ base, sequence, path, bytes, sha256 })) } : {}),
  };
  const payload = JSON.stringify(pointer);
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, new TextEncoder().encode(POINTER_DOMAIN + payload));
  return { payload, kid: key.kid, sig: hex(new Uint8Array(sig)) };
}
