import { parseListingUrl } from '../listing-url.js';
import type { ListingRef } from '../model.js';
import type { Verdict, VerdictSource } from '../verdict.js';
import { type VerifyOptions, unknownVerdict, verdictAt } from '../verify-listing.js';
import { toEpochMs } from '../business-time.js';
import { type Envelope, fail, readEnvelope, readHeader, sections } from './envelope.js';
import { verifyWithKeys } from './ed25519.js';
import { FORMAT_VERSION } from './format.js';
import type { SnapshotHeader } from './format.js';
import type { OpenSnapshotOptions, SnapshotInfo, SnapshotVerifier } from './types.js';
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
  const expires = Date.parse(h.expiresAt);
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
  const isStale = (at = now()) => !(at < expires);
  // One clock reading per call (per batch for verifyMany): it decides staleness and the default time.
  const verifyAt = (listing: ListingRef | string, t: number, at: number, text?: string): Verdict => {
    const ref = typeof listing === 'string' ? parseListingUrl(listing) : listing;
    return isStale(t)
      ? unknownVerdict(ref, 'stale', `Snapshot ${h.sequence} expired at ${h.expiresAt}.`, at, source, text)
      : verdictAt(ref, view, at, text);
  };
  const atOf = (t: number, o?: VerifyOptions) => (o?.at === undefined ? t : toEpochMs(o.at, now));
  return {
    info,
    view,
    isStale,
    verify(listing, o) {
      const t = now();
      return verifyAt(listing, t, atOf(t, o), o?.text);
    },
    verifyMany(listings, o) {
      const t = now();
      const at = atOf(t, o);
      return listings.map((l) =>
        typeof l === 'object' && 'listing' in l ? verifyAt(l.listing, t, at, l.text ?? o?.text) : verifyAt(l, t, at, o?.text),
      );
    },
    enterprise: view.enterprise,
    evaluation: view.evaluation,
    standard: view.standard,
    store: (k, shopId) => view.store(shopId === undefined ? k : `${k}:shop:${shopId}`),
    evaluationsOf: view.evaluationsOf,
    sanctionsOf: view.sanctionsOf,
  };
}
