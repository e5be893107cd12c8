import { importSigningKey } from '@zjmade/sdk/publisher';
import { readPrivateKey } from '../keys/key-files.js';
import type { Repositories } from '../store/repositories.js';
import { type SignedAdapterDocument, signAdapterDocument } from './sign.js';

/** Larger than any selector set needs; the extension refuses more anyway. */
export const MAX_ADAPTER_DOCUMENT_BYTES = 64 * 1024;

/**
 * Signs an adapter document (selectors and placement per site, data only) with the active key and
 * stores it as the one `/v1/adapters` serves. The extension enforces the strict schema and each
 * site's version, kill switch and minimum extension version; here only the shape that every
 * document has is checked, so a typo never reaches a signature: a JSON object with `sites`.
 */
export async function publishAdapters(repos: Repositories, keyDir: string, payload: unknown, actor: string): Promise<SignedAdapterDocument> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('An adapter document is a JSON object.');
  if (typeof (payload as { sites?: unknown }).sites !== 'object' || (payload as { sites?: unknown }).sites === null) throw new Error('An adapter document has a `sites` object.');
  const size = new TextEncoder().encode(JSON.stringify(payload)).byteLength;
  if (size > MAX_ADAPTER_DOCUMENT_BYTES) throw new Error(`The adapter document is ${size} bytes; at most ${MAX_ADAPTER_DOCUMENT_BYTES}.`);
  const active = repos.keys.active();
  if (!active) throw new Error('No active signing key: run `zjmade-registry keygen` first.');
  const signed = await signAdapterDocument(payload, await importSigningKey(readPrivateKey(keyDir, active.kid)));
  repos.db.transaction(() => {
    repos.db.prepare('INSERT INTO adapter_documents (json, created_at) VALUES (?, ?)').run(JSON.stringify(signed), new Date().toISOString());
    repos.audit.record({ actor, action: 'adapters.publish', target: 'adapters', before: null, after: { kid: signed.kid, bytes: size } });
  })();
  return signed;
}

/** The adapter document `/v1/adapters` serves (the newest), as stored. */
export function latestAdapters(repos: Repositories): string | undefined {
  const r = repos.db.prepare('SELECT json FROM adapter_documents ORDER BY id DESC LIMIT 1').get() as { json: string } | undefined;
  return r?.json;
}
