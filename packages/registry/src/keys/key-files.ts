import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KID_RE = /^[A-Za-z0-9._-]{1,128}$/;

export function assertKid(kid: string): void {
  // The kid becomes a file name: keep it to a safe alphabet.
  if (!KID_RE.test(kid)) throw new Error(`Invalid key id "${kid}": use 1-128 of A-Z a-z 0-9 . _ -`);
}

function pathOf(keyDir: string, kid: string): string {
  assertKid(kid);
  return join(keyDir, `${kid}.private.jwk.json`);
}

/** Writes a private JWK readable by its owner only (0600) in a 0700 directory. */
export function writePrivateKey(keyDir: string, kid: string, privateJwk: JsonWebKey): string {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const file = pathOf(keyDir, kid);
  if (existsSync(file)) throw new Error(`Key file already exists: ${file}`);
  writeFileSync(file, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return file;
}

export function readPrivateKey(keyDir: string, kid: string): JsonWebKey {
  const file = pathOf(keyDir, kid);
  if (!existsSync(file)) throw new Error(`No private key file for kid "${kid}" in ${keyDir}`);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey;
}
