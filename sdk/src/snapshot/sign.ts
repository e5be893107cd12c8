import { FORMAT_VERSION, MAGIC, SIG_LENGTH, SIG_MAGIC } from './format.js';
import type { TrustedKey } from './types.js';

const ED25519 = { name: 'Ed25519' } as const;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Appends the key id and the Ed25519 signature over every preceding byte (the envelope of
 * envelope.ts): the file to serve. Snapshots and deltas share it; their magic tells them apart.
 */
export async function signEnvelope(body: Uint8Array, key: { privateKey: CryptoKey; kid: string }, what: string): Promise<Uint8Array> {
  const kid = new TextEncoder().encode(key.kid);
  if (!key.kid || kid.length > 0xffff) throw new RangeError(`${what}: kid must be 1 to 65535 bytes.`);
  const signedLength = body.length + kid.length + 2;
  const out = new Uint8Array(signedLength + SIG_LENGTH + 4);
  out.set(body);
  out.set(kid, body.length);
  const odv = new DataView(out.buffer);
  odv.setUint16(signedLength - 2, kid.length, true);
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, out.subarray(0, signedLength)));
  out.set(signature, signedLength);
  odv.setUint32(signedLength + SIG_LENGTH, SIG_MAGIC, true);
  return out;
}

/** Signs an encoded snapshot body: the snapshot file to serve. */
export async function signSnapshot(body: Uint8Array, key: { privateKey: CryptoKey; kid: string }): Promise<Uint8Array> {
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.length < 8 || dv.getUint32(0, true) !== MAGIC || dv.getUint16(4, true) !== FORMAT_VERSION) {
    throw new TypeError('signSnapshot: body is not an encoded snapshot (use encodeSnapshot).');
  }
  return signEnvelope(body, key, 'signSnapshot');
}

/** The public half of an Ed25519 private JWK, as a trust anchor. */
export function publicJwkOf(privateJwk: JsonWebKey): TrustedKey {
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.x) {
    throw new TypeError('publicJwkOf: not an Ed25519 JWK.');
  }
  const kid = (privateJwk as { kid?: unknown }).kid;
  if (typeof kid !== 'string' || !kid) throw new TypeError('publicJwkOf: the JWK has no kid.');
  return { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

/** RFC 7638 thumbprint of an Ed25519 public key, base64url (the default key id). */
export async function jwkThumbprint(x: string): Promise<string> {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${x}"}`;
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))));
}

/** A new Ed25519 signing key; `kid` defaults to the JWK thumbprint. The private JWK carries the kid. */
export async function generateSigningKey(kid?: string): Promise<{ kid: string; privateJwk: JsonWebKey; publicJwk: TrustedKey }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const id = kid ?? (await jwkThumbprint(jwk.x!));
  const privateJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: id } as JsonWebKey;
  return { kid: id, privateJwk, publicJwk: publicJwkOf(privateJwk) };
}

/** Imports a private JWK (as `generateSigningKey` makes) for `signSnapshot`. */
export async function importSigningKey(privateJwk: JsonWebKey): Promise<{ privateKey: CryptoKey; kid: string }> {
  const { kid } = publicJwkOf(privateJwk);
  if (!privateJwk.d) throw new TypeError('importSigningKey: the JWK has no private part (d).');
  const privateKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, d: privateJwk.d }, ED25519, false, ['sign']);
  return { privateKey, kid };
}
