import { importSigningKey, type SignedPointer, signPointer } from '@zjmade/sdk/publisher';
import { readPrivateKey } from '../keys/key-files.js';
import type { RegistryService } from '../service.js';

/**
 * Re-sign after this long even when the snapshot has not changed: the pointer's issuedAt is the
 * freshness proof memoryless clients accept for at most one hour (the SDK's POINTER_WINDOW_MS), so
 * 10 minutes leaves them 50 minutes of clock skew and caching.
 */
export const POINTER_RESIGN_MS = 10 * 60_000;

export interface PointerSigner {
  /** The signed "latest" pointer for the current snapshot, or undefined before the first publish. */
  latest(): Promise<SignedPointer | undefined>;
}

type Source = Pick<RegistryService, 'current' | 'keyDir' | 'repos'>;

/**
 * Signs the "latest" pointer (sequence + SHA-256 of the snapshot file as served) with the active
 * key, and re-signs when the snapshot or the active key changes or the pointer is older than
 * `resignMs`. Concurrent requests share one signing.
 */
export function createPointerSigner(service: Source, opts: { resignMs?: number; now?: () => number } = {}): PointerSigner {
  const resignMs = opts.resignMs ?? POINTER_RESIGN_MS;
  const now = opts.now ?? Date.now;
  let cached: { bytes: Uint8Array; kid: string; signedAt: number; pointer: Promise<SignedPointer> } | undefined;
  return {
    latest() {
      const current = service.current();
      if (!current) return Promise.resolve(undefined);
      const { stored } = current;
      // The pointer is signed with the key that signs new snapshots; fall back to the snapshot's own.
      const kid = service.repos.keys.active()?.kid ?? stored.kid;
      const t = now();
      if (!cached || cached.bytes !== stored.bytes || cached.kid !== kid || t - cached.signedAt >= resignMs) {
        const pointer = (async () => {
          const key = await importSigningKey(readPrivateKey(service.keyDir, kid));
          return signPointer({ sequence: stored.sequence, snapshot: stored.bytes, issuedAt: new Date(t) }, key);
        })();
        const entry = { bytes: stored.bytes, kid, signedAt: t, pointer };
        cached = entry;
        // A failed signing (key file gone) is not cached: the next request tries again.
        pointer.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.pointer;
    },
  };
}
