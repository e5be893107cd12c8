import { createRegistryClient, type TrustedKey } from '@zjmade/sdk';
import { applyDelta, openDelta } from '@zjmade/sdk/delta';
import type { VerifyBatch } from './config.js';

/**
 * Snapshot mode: the SDK client's snapshot lifecycle, once per page, then every badge verified
 * locally. A page load has no memory of earlier sequences, so the client accepts only the state a
 * signed "latest" pointer issued within the last hour names: a replayed old snapshot (one from
 * before a suspension) is refused, not shown as verified. The pointer's newest state may be a
 * full snapshot plus signed deltas, so the delta code comes along. Loaded on demand, so
 * online-mode pages never download the verifier.
 */
export function snapshotVerify(registryUrl: string, trustedKeys: readonly TrustedKey[], fetchImpl: typeof fetch = fetch): VerifyBatch {
  // One attempt per batch: the caller answers a failed batch `unknown` and the next one tries again.
  const client = createRegistryClient({
    baseUrl: registryUrl,
    trustedKeys,
    fetch: (input, init) => fetchImpl(input, init),
    retries: 0,
    cache: false,
    deltas: { openDelta, applyDelta },
  });
  return async (inputs) => {
    // The lifecycle shares one run between concurrent batches; later batches reuse the state.
    const verifier = client.currentSnapshot() ?? (await client.snapshot());
    // Badge inputs are the SDK's own input forms ({ url | key, text? }).
    return verifier.verifyMany(inputs);
  };
}
