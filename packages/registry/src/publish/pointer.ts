import { importSigningKey, type SignedPointer, signPointer } from '@zjmade/sdk/publisher';
import { readPrivateKey } from '../keys/key-files.js';
import type { RegistryService } from '../service.js';
import { apiPaths, pointerDeltas, publishedChain } from './chain.js';

/**
 * Re-sign after this long even when the snapshot has not changed: the pointer's issuedAt is the
 * freshness proof memoryless clients accept for at most one hour (the SDK's POINTER_WINDOW_MS), so
 * 10 minutes leaves them 50 minutes of clock skew and caching.
 */
export const POINTER_RESIGN_MS = 10 * 60_000;

export interface PointerSigner {
  /** The signed "latest" pointer for the current state, or undefined before the first publish. */
  latest(): Promise<SignedPointer | undefined>;
}

type Source = Pick<RegistryService, 'current' | 'keyDir' | 'repos'>;

/**
 * Signs the "latest" pointer — the newest full snapshot (`/v1/snapshots/{sequence}`, SHA-256) and
 * the chain of deltas (`/v1/deltas/{sequence}`) to the head — with the active key, and re-signs
 * when the head or the active key changes or the pointer is older than `resignMs`. Concurrent
 * requests share one signing.
 */
export function createPointerSigner(service: Source, opts: { resignMs?: number; now?: () => number } = {}): PointerSigner {
  const resignMs = opts.resignMs ?? POINTER_RESIGN_MS;
  const now = opts.now ?? Date.now;
  let cached: { head: number; kid: string; signedAt: number; pointer: Promise<SignedPointer | undefined> } | undefined;
  return {
    latest() {
      const current = service.current();
      if (!current) return Promise.resolve(undefined);
      const head = current.stored.sequence;
      // The pointer is signed with the key that signs new snapshots; fall back to the head's own.
      const kid = service.repos.keys.active()?.kid ?? current.stored.kid;
      const t = now();
      if (!cached || cached.head !== head || cached.kid !== kid || t - cached.signedAt >= resignMs) {
        const pointer = (async () => {
          const chain = await publishedChain(service.repos);
          if (!chain) return undefined;
          const key = await importSigningKey(readPrivateKey(service.keyDir, kid));
          return signPointer(
            {
              sequence: chain.full.sequence,
              sha256: chain.full.sha256,
              path: apiPaths.full(chain.full.sequence),
              deltas: pointerDeltas(chain, apiPaths),
              expiresAt: chain.head.expiresAt,
              issuedAt: new Date(t),
              extra: { bytes: chain.full.size },
            },
            key,
          );
        })();
        const entry = { head, kid, signedAt: t, pointer };
        cached = entry;
        // A failed signing (key file gone) is not cached: the next request tries again.
        pointer.then(
          (p) => {
            if (!p && cached === entry) cached = undefined;
          },
          () => {
            if (cached === entry) cached = undefined;
          },
        );
      }
      return cached.pointer;
    },
  };
}
