import { SIG_LENGTH, SIG_MAGIC } from '../snapshot/format.js';
import type { TrustedKey } from '../snapshot/types.js';
import { deltaFail } from './errors.js';
import { DELTA_FORMAT_VERSION, DELTA_MAGIC, type RegistryDelta } from './format.js';
import { deltaProblem } from './validate.js';

export interface OpenDeltaOptions {
  trustedKeys: readonly TrustedKey[];
}

const text = new TextDecoder('utf-8', { fatal: true });
const ED25519 = { name: 'Ed25519' } as const;

/** Imported trust anchors, per anchor object: a chain of deltas imports each key once. */
const imported = new WeakMap<TrustedKey, Promise<CryptoKey | null>>();
const importKey = (k: TrustedKey) => {
  let p = imported.get(k);
  if (!p) {
    p = crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: k.x }, ED25519, false, ['verify']).catch(() => null);
    imported.set(k, p);
  }
  return p;
};

/** True when one of the anchors (all with the file's kid) verifies the signature; a malformed anchor vouches for nothing. */
async function verified(candidates: readonly TrustedKey[], signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  for (const k of candidates) {
    const key = await importKey(k);
    if (key && (await crypto.subtle.verify(ED25519, key, signature, data).catch(() => false))) return true;
  }
  return false;
}

/**
 * Checks a delta file's signature against the trust anchors (same kids and rules as
 * `openSnapshot`), then parses and validates it strictly. Rejects with `DeltaError`. Whether it
 * fits the state held (base, expiry, digest) is `applyDelta`'s check.
 */
export async function openDelta(input: Uint8Array | ArrayBuffer, options: OpenDeltaOptions): Promise<RegistryDelta> {
  const trusted = options.trustedKeys;
  if (!trusted?.length) deltaFail('no-trusted-keys', 'No trusted keys.');
  // A private copy: the bytes checked are the bytes parsed.
  const file = (ArrayBuffer.isView(input) ? input : new Uint8Array(input)).slice();
  const n = file.length;
  const dv = new DataView(file.buffer);
  if (n < 8) deltaFail('corrupt', 'Delta is truncated.');
  if (dv.getUint32(0, true) !== DELTA_MAGIC) deltaFail('unsupported-format', 'Not a zjmade delta.');
  const version = dv.getUint16(4, true);
  if (version !== DELTA_FORMAT_VERSION || dv.getUint16(6, true) !== 0) deltaFail('unsupported-format', `Unsupported delta version ${version}.`);
  if (n < 8 + 2 + SIG_LENGTH + 4 || dv.getUint32(n - 4, true) !== SIG_MAGIC) deltaFail('corrupt', 'Delta is truncated.');
  const signed = n - 4 - SIG_LENGTH;
  const kidLength = dv.getUint16(signed - 2, true);
  const body = signed - 2 - kidLength;
  if (body < 8) deltaFail('corrupt', 'Delta is malformed.');
  let kid = '';
  try {
    kid = text.decode(file.subarray(body, signed - 2));
  } catch {
    deltaFail('corrupt', 'Delta is malformed.');
  }
  const candidates = trusted.filter((k) => k.kid === kid);
  if (!candidates.length) deltaFail('unknown-key', `Untrusted key "${kid}".`);
  if (!(await verified(candidates, file.subarray(signed, signed + SIG_LENGTH), file.subarray(0, signed)))) {
    deltaFail('bad-signature', 'Bad signature.');
  }
  let delta: unknown;
  try {
    delta = JSON.parse(text.decode(file.subarray(8, body)));
  } catch {
    deltaFail('corrupt', 'Delta is malformed.');
  }
  const problem = deltaProblem(delta);
  if (problem) deltaFail('corrupt', `Delta is malformed: ${problem}.`);
  return delta as RegistryDelta;
}
