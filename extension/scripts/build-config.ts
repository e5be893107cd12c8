import { readFileSync } from 'node:fs';
import { parseTrustedKeys } from '../src/shared/settings-parse.js';
import type { BuildConfig } from '../src/shared/build-config.js';

/** Default: the reference registry run locally (`zjmade-registry`), no trust anchors. */
export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:8787';

/**
 * The build's registry and trust anchors, from (in order) `ZJMADE_EXTENSION_CONFIG` (a JSON file
 * `{ "registryUrl": "…", "trustedKeys": [JWK…] }`), then `ZJMADE_REGISTRY_URL` and
 * `ZJMADE_TRUSTED_KEYS` (a JWK, an array of JWKs or a JWKS, as JSON).
 */
export function readBuildConfig(env: NodeJS.ProcessEnv = process.env): BuildConfig {
  let registryUrl = DEFAULT_REGISTRY_URL;
  let keysJson: unknown = [];
  if (env.ZJMADE_EXTENSION_CONFIG) {
    const file = JSON.parse(readFileSync(env.ZJMADE_EXTENSION_CONFIG, 'utf8')) as { registryUrl?: unknown; trustedKeys?: unknown };
    if (typeof file.registryUrl === 'string') registryUrl = file.registryUrl;
    if (file.trustedKeys !== undefined) keysJson = file.trustedKeys;
  }
  if (env.ZJMADE_REGISTRY_URL) registryUrl = env.ZJMADE_REGISTRY_URL;
  if (env.ZJMADE_TRUSTED_KEYS) keysJson = JSON.parse(env.ZJMADE_TRUSTED_KEYS);
  const url = new URL(registryUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`ZJMADE_REGISTRY_URL must be http(s): ${registryUrl}`);
  return { registryUrl: url.toString().replace(/\/+$/, ''), trustedKeys: parseTrustedKeys(keysJson) };
}
