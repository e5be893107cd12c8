import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '../src/publisher.js';
import type { RegistryData, TrustedKey } from '../src/index.js';

export const ISSUED = '2026-05-01T00:00:00+08:00';
export const EXPIRES = '2026-12-01T00:00:00+08:00';

export interface Signer {
  kid: string;
  publicJwk: TrustedKey;
  sign(body: Uint8Array): Promise<Uint8Array>;
}

export async function newSigner(kid?: string): Promise<Signer> {
  const k = await generateSigningKey(kid);
  const key = await importSigningKey(k.privateJwk);
  return { kid: k.kid, publicJwk: k.publicJwk, sign: (body) => signSnapshot(body, key) };
}

export async function signedSnapshot(data: RegistryData, signer: Signer, sequence = 7): Promise<Uint8Array> {
  return signer.sign(encodeSnapshot(data, { sequence, issuedAt: ISSUED, expiresAt: EXPIRES }));
}
