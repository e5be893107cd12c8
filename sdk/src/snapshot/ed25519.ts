import type { TrustedKey } from './types.js';

/**
 * True when one of the trust anchors with this kid verifies `signature` over `data`. Shared by
 * snapshots and "latest" pointers, so the browser path carries one copy.
 */
export async function verifyWithKeys(trusted: readonly TrustedKey[], kid: string, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  let ok = false;
  for (const k of trusted) {
    if (k.kid !== kid) continue;
    try {
      const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: k.x }, { name: 'Ed25519' }, false, ['verify']);
      ok ||= await crypto.subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
    } catch {
      // A malformed trusted key cannot vouch for anything.
    }
  }
  return ok;
}

/** Lower-case hex SHA-256 of `bytes`. */
export const sha256Hex = async (bytes: Uint8Array): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))].map((b) => b.toString(16).padStart(2, '0')).join('');
