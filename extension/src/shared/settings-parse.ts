import type { TrustedKey } from '@zjmade/sdk';

/** Pure parsing of user- and build-supplied settings (no extension APIs: also used at build time). */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Ed25519 JWK as a JWKS carries it; anything else is rejected rather than half-trusted. */
export function parseTrustedKey(value: unknown): TrustedKey | null {
  if (!isObject(value)) return null;
  const { kty, crv, x, kid } = value;
  if (kty !== 'OKP' || crv !== 'Ed25519') return null;
  if (typeof x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(x)) return null;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 200) return null;
  return { kty, crv, x, kid, alg: 'EdDSA', use: 'sig' };
}

/** Accepts a JWKS (`{ keys: [...] }`), an array of JWKs or one JWK. Throws with a reason. */
export function parseTrustedKeys(input: unknown): TrustedKey[] {
  const list = isObject(input) && Array.isArray(input.keys) ? input.keys : Array.isArray(input) ? input : [input];
  const keys: TrustedKey[] = [];
  for (const item of list) {
    const key = parseTrustedKey(item);
    if (!key) throw new Error('Each key must be an Ed25519 public JWK: {"kty":"OKP","crv":"Ed25519","x":"…","kid":"…"}');
    keys.push(key);
  }
  return keys;
}

/** A registry base URL: http(s), no credentials, no query; returned without a trailing slash. */
export function normaliseRegistryUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The registry URL must be http(s).');
  if (url.username || url.password) throw new Error('The registry URL must not carry credentials.');
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

