import { generateSigningKey } from '@zjmade/sdk/publisher';
import type { Repositories } from '../store/repositories.js';
import { assertKid, writePrivateKey } from './key-files.js';

export interface KeygenResult {
  kid: string;
  file: string;
  active: boolean;
}

/**
 * Makes a new Ed25519 signing key: private JWK to `keyDir` (0600), public half to the DB. With
 * `activate` (the default) it signs from now on; the previous key stays in JWKS until retired, so
 * clients that pinned it keep working through a rotation.
 */
export async function keygen(repos: Repositories, keyDir: string, opts: { kid?: string; activate?: boolean } = {}): Promise<KeygenResult> {
  if (opts.kid !== undefined) assertKid(opts.kid);
  const key = await generateSigningKey(opts.kid);
  if (repos.keys.all().some((k) => k.kid === key.kid)) throw new Error(`Key id "${key.kid}" already exists.`);
  const file = writePrivateKey(keyDir, key.kid, key.privateJwk);
  const activate = opts.activate ?? true;
  repos.keys.add(key.publicJwk, activate);
  repos.audit.record({ actor: 'cli:keygen', action: 'key.create', target: `key:${key.kid}`, before: undefined, after: { kid: key.kid, active: activate } });
  return { kid: key.kid, file, active: activate };
}
