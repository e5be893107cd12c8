import type { DatasetMeta, Enterprise, Evaluation, Instant, Sanction, Standard, Store } from '../model.js';
import type { RegistryView, Verdict } from '../verdict.js';
import type { ListingInput } from '../listing-key.js';
import type { VerifyOptions } from '../verify-listing.js';

/**
 * A trust anchor: an Ed25519 public key as a JWK, the form a JWKS document carries. Configured by
 * the integrator; never fetched unauthenticated from the server that serves the snapshot.
 */
export interface TrustedKey {
  kty: 'OKP';
  crv: 'Ed25519';
  /** base64url public key. */
  x: string;
  kid: string;
  alg?: 'EdDSA';
  use?: 'sig';
}

export interface SnapshotInfo {
  formatVersion: number;
  sequence: number;
  issuedAt: Instant;
  expiresAt: Instant;
  keyId: string;
  meta: DatasetMeta;
  /** Size of the signed bytes. */
  bytes: number;
  counts: { enterprises: number; standards: number; evaluations: number; stores: number; bindings: number; sanctions: number };
  /** State digest of the records (`@zjmade/sdk/delta` stateDigest); undefined for snapshots encoded without one. */
  digest?: string;
}

export interface OpenSnapshotOptions {
  trustedKeys: readonly TrustedKey[];
  /** Clock for staleness; default Date.now. */
  now?: () => number;
}

/** An opened, signature-checked snapshot: verifies listings offline. */
export interface SnapshotVerifier {
  readonly info: SnapshotInfo;
  /** The view `verifyListing` runs over. */
  readonly view: RegistryView;
  /** True when `now` is past expires-at: every verdict is then `unknown` (reason `stale`). */
  isStale(at?: number): boolean;
  /** Any listing input (a URL, share text, key, ref, `{ url | key, text? }`): `ListingInput`. */
  verify(listing: ListingInput, options?: VerifyOptions): Verdict;
  /** In input order; an input's own `text` wins over `options.text`. */
  verifyMany(listings: readonly ListingInput[], options?: VerifyOptions): Verdict[];
  enterprise(uscc: string): Enterprise | undefined;
  evaluation(id: string): Evaluation | undefined;
  standard(code: string): Standard | undefined;
  /** By store key (`{platform}:shop:{id}`) or by platform and shop id. */
  store(keyOrPlatform: string, shopId?: string): Store | undefined;
  evaluationsOf(uscc: string): readonly Evaluation[];
  sanctionsOf(uscc: string): readonly Sanction[];
}

export type SnapshotErrorCode = 'bad-signature' | 'unknown-key' | 'unsupported-format' | 'corrupt' | 'no-trusted-keys';

/** Why a snapshot did not open. A snapshot that fails never yields verdicts. */
export class SnapshotError extends Error {
  // `declare`: assigned in one go below, as RegistryError does, which keeps the browser bundle small.
  declare readonly code: SnapshotErrorCode;
  constructor(code: SnapshotErrorCode, message: string) {
    super(message);
    Object.assign(this, { code, name: 'SnapshotError' });
  }
}
