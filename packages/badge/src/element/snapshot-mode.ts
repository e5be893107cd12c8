import { type SnapshotVerifier, type TrustedKey, openSnapshot } from '@zjmade/sdk';
import type { BadgeInput, VerifyBatch } from './config.js';
import { refOfKey } from './ref-of-key.js';

/**
 * Snapshot mode: downloads the signed snapshot once per page, checks its signature against the
 * configured trust anchors and verifies every badge locally with the SDK. Loaded on demand, so
 * online-mode pages never download the verifier.
 */
export function snapshotVerify(registryUrl: string, trustedKeys: readonly TrustedKey[], fetchImpl: typeof fetch = fetch): VerifyBatch {
  const url = `${registryUrl.replace(/\/+$/, '')}/v1/snapshot`;
  let opened: Promise<SnapshotVerifier> | undefined;
  const load = async () => {
    const res = await fetchImpl(url, { headers: { accept: 'application/vnd.zjmade.snapshot' } });
    if (!res.ok) throw new Error(`snapshot download answered HTTP ${res.status}`);
    return openSnapshot(new Uint8Array(await res.arrayBuffer()), { trustedKeys });
  };
  return async (inputs: readonly BadgeInput[]) => {
    opened ??= load();
    let verifier: SnapshotVerifier;
    try {
      verifier = await opened;
    } catch (error) {
      opened = undefined; // the next batch tries again; the caller answers this one `unknown`
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
