import type { VerdictSource } from '../verdict.js';
import { type Envelope, fail, readEnvelope, readHeader, sections } from './envelope.js';
import { verifyWithKeys } from './ed25519.js';
import { FORMAT_VERSION } from './format.js';
import type { SnapshotHeader } from './format.js';
import type { OpenSnapshotOptions, SnapshotInfo, SnapshotVerifier } from './types.js';
import { verifierOver } from './verifier.js';
import { createSnapshotView } from './view.js';

function infoOf(env: Envelope, h: SnapshotHeader): SnapshotInfo {
  return {
    formatVersion: FORMAT_VERSION,
    sequence: h.sequence,
    issuedAt: h.issuedAt,
    expiresAt: h.expiresAt,
    keyId: env.kid,
    meta: h.meta,
    bytes: env.file.length,
    counts: h.counts,
    digest: h.digest,
  };
}

/** The snapshot's header, for display. NOT verified: never base a verdict on it. */
export function readSnapshotInfo(bytes: Uint8Array | ArrayBuffer): SnapshotInfo {
  const env = readEnvelope(bytes);
  return infoOf(env, readHeader(env, sections(env)));
}

/**
 * Checks the signature against the integrator's trust anchors, then indexes the snapshot into an
 * offline verifier. Rejects with `SnapshotError`; a snapshot that fails never yields verdicts.
 */
export async function openSnapshot(bytes: Uint8Array | ArrayBuffer, options: OpenSnapshotOptions): Promise<SnapshotVerifier> {
  const trusted = options.trustedKeys;
  if (!trusted?.length) fail('no-trusted-keys', 'No trusted keys.');
  const env = readEnvelope(bytes);
  const candidates = trusted.filter((k) => k.kid === env.kid);
  if (!candidates.length) fail('unknown-key', `Untrusted key "${env.kid}".`);
  const signature = env.file.subarray(env.signed, env.signed + 64);
  const ok = await verifyWithKeys(candidates, env.kid, signature, env.file.subarray(0, env.signed));
  if (!ok) fail('bad-signature', 'Bad signature.');

  const sec = sections(env);
  const h = readHeader(env, sec);
  const info = infoOf(env, h);
  // Reading the clock costs more than a look-up: calls within one synchronous run share a reading,
  // as a verifyMany batch does. An injected clock is read on every call.
  let tick: number | undefined;
  const now =
    options.now ??
    (() => {
      if (tick === undefined) {
        tick = Date.now();
        queueMicrotask(() => {
          tick = undefined;
        });
      }
      return tick;
    });
  const source: VerdictSource = { kind: 'snapshot', sequence: h.sequence, issuedAt: h.issuedAt, expiresAt: h.expiresAt, sample: h.meta.sample };
  let view: ReturnType<typeof createSnapshotView>;
  try {
    view = createSnapshotView(env, sec, h, source);
  } catch (error) {
    throw error instanceof Error && error.name === 'SnapshotError' ? error : fail('corrupt', `Snapshot is malformed: ${error}`);
  }
  return verifierOver(view, info, now);
}
