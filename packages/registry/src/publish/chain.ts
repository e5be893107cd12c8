import { type PointerDelta, snapshotDigest } from '@zjmade/sdk/publisher';
import { CHAIN_LENGTH, type DeltaEntry } from '../store/snapshots.js';
import type { Repositories } from '../store/repositories.js';

/** What a pointer names: the newest full snapshot and the deltas that reach the head through it. */
export interface PublishedChain {
  full: { sequence: number; sha256: string; size: number };
  head: { sequence: number; expiresAt: string };
  /** Oldest first; passes through `full.sequence`, ends at `head.sequence`. */
  deltas: DeltaEntry[];
}

/** The file names of the exported tree: stable and immutable (the hash prefix makes a replaced file a new name). */
export const treePaths = {
  full: (sequence: number, sha256: string) => `snapshots/${sequence}-${sha256.slice(0, 16)}.zjs`,
  delta: (d: { base: number; sequence: number; sha256: string }) => `deltas/${d.base}-${d.sequence}-${d.sha256.slice(0, 16)}.zjd`,
};

/** The registry API's paths for the same files. */
export const apiPaths = {
  full: (sequence: number) => `/v1/snapshots/${sequence}`,
  delta: (d: { sequence: number }) => `/v1/deltas/${d.sequence}`,
};

/**
 * The newest full snapshot and the newest deltas (at most `chain`) that form one unbroken chain
 * ending at the head and passing through the full snapshot, or undefined before the first full
 * one. A delta whose base is not the one before it ends the chain there (a full snapshot made
 * without a delta); the policy makes full snapshots often enough that the chain always reaches it.
 */
export async function publishedChain(repos: Repositories, chain = CHAIN_LENGTH): Promise<PublishedChain | undefined> {
  const { full, head, newest } = repos.db.transaction(() => {
    const full = repos.snapshots.latestInfo();
    // At least back to the full snapshot, whatever the policy's chain length was.
    const reach = Math.max(chain, repos.snapshots.deltasSince(full?.sequence ?? 0).count + 1);
    return { full, head: repos.snapshots.head(), newest: repos.snapshots.newestDeltas(reach) };
  })();
  if (!full || !head) return undefined;
  // Stored before the SHA-256 was recorded: hash the file once here.
  const sha256 = full.sha256 || (await snapshotDigest(repos.snapshots.full(full.sequence)!.bytes));
  let deltas: DeltaEntry[] = [];
  if (newest.at(-1)?.sequence === head.sequence && newest.at(-1)!.sha256) {
    let start = newest.length - 1;
    // Back while unbroken (and hashed: deltas stored before hashes were recorded cannot be listed).
    while (start > 0 && newest[start]!.base === newest[start - 1]!.sequence && newest[start - 1]!.sha256) start--;
    deltas = newest.slice(start);
    // Unbroken up to the head, so it passes through the full snapshot when it starts at or before it.
    if (deltas[0]!.base > full.sequence) deltas = [];
  }
  const reachesHead = deltas.length ? deltas.at(-1)!.sequence === head.sequence : head.sequence === full.sequence;
  if (!reachesHead) return undefined;
  return { full: { sequence: full.sequence, sha256, size: full.size }, head: { sequence: head.sequence, expiresAt: head.expiresAt }, deltas };
}

/** The chain as the pointer lists it, with paths from `paths`. */
export function pointerDeltas(chain: PublishedChain, paths: { delta: (d: DeltaEntry) => string }): PointerDelta[] {
  return chain.deltas.map((d) => ({ base: d.base, sequence: d.sequence, path: paths.delta(d), bytes: d.size, sha256: d.sha256 }));
}
