/**
 * Signs the adapter document the browser extension takes remote selector updates from (see
 * extension/src/shared/remote-adapters.ts for the schema the extension enforces): Ed25519 with a
 * registry signing key over a context string and the exact payload bytes, so a signature made for
 * one kind of document can never pass for another (the snapshot has its own envelope).
 */
export const ADAPTERS_CONTEXT = 'zjmade-adapters/1\n';

export interface SignedAdapterDocument {
  kid: string;
  payload: string;
  sig: string;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function signAdapterDocument(payload: unknown, key: { privateKey: CryptoKey; kid: string }): Promise<SignedAdapterDocument> {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const context = new TextEncoder().encode(ADAPTERS_CONTEXT);
  const signed = new Uint8Array(context.length + bytes.length);
  signed.set(context);
  signed.set(bytes, context.length);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, signed));
  return { kid: key.kid, payload: base64url(bytes), sig: base64url(sig) };
}
