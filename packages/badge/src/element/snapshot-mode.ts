import { type SnapshotVerifier, type TrustedKey, createRegistryClient } from '@zjmade/sdk';
import type { BadgeInput, VerifyBatch } from './config.js';
import { refOfKey } from './ref-of-key.js';

/**
 * Snapshot mode: gets the signed snapshot once per page through the SDK client and verifies every
 * badge locally. A page load has no memory of earlier sequences, so the client accepts only the
 * snapshot a signed "latest" pointer issued within the last hour names: a replayed old snapshot
 * (one from before a suspension) is refused, not shown as verified. Loaded on demand, so
 * online-mode pages never download the verifier.
 */
export function snapshotVerify(registryUrl: string, trustedKeys: readonly TrustedKey[], fetchImpl: typeof fetch = fetch): VerifyBatch {
  // One attempt per batch: the caller answers a failed batch `unknown` and the next one tries again.
  const client = createRegistryClient({ baseUrl: registryUrl, trustedKeys, fetch: (input, init) => fetchImpl(input, init), retries: 0, cache: false });
  let opened: Promise<SnapshotVerifier> | undefined;
  return async (inputs: readonly BadgeInput[]) => {
    opened ??= client.snapshot();
    let verifier: SnapshotVerifier;
    try {
      verifier = await opened;
    } catch (error) {
      opened = undefined;
      throw error;
    }
    return verifier.verifyMany(
      inputs.map((i) => {
        const listing = 'key' in i ? (refOfKey(i.key) ?? i.key) : i.url;
        return i.text === undefined ? { listing } : { listing, text: i.text };
      }),
    );
  };
}
