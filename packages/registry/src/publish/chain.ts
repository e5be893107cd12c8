import { type PointerDelta, snapshotDigest } from '@zjmade/sdk/publisher';
import { CHAIN_LENGTH, type DeltaEntry } from '../store/snapshots.js';
import type { Repositories } from '../store/repositories.js';
import type { Db } from '../store/db.js';

/** What a pointer names: the newest full snapshot and the deltas that reach the head through it. */
export interface PublishedChain {
  /** `kid`: the key that signed it. */
  full: { sequence: number; sha256: string; size: number; kid: string };
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
  const { full, fullKid, head, newest } = repos.db.transaction(() => {
    const full = repos.snapshots.latestInfo();
    // At least back to the full snapshot, whatever the policy's chain length was.
    const reach = Math.max(chain, repos.snapshots.deltasSince(full?.sequence ?? 0).count + 1);
    return { full, fullKid: full ? signerOf(repos.db, full.sequence) : '', head: repos.snapshots.head(), newest: repos.snapshots.newestDeltas(reach) };
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
    deltas = sameSignerBeforeFull(deltas, full.sequence, fullKid);
  }
  const reachesHead = deltas.length ? deltas.at(-1)!.sequence === head.sequence : head.sequence === full.sequence;
  if (!reachesHead) return undefined;
  return { full: { sequence: full.sequence, sha256, size: full.size, kid: fullKid }, head: { sequence: head.sequence, expiresAt: head.expiresAt }, deltas };
}

const signerStatements = new WeakMap<Db, { get(sequence: number): unknown }>();

/** The kid that signed full snapshot `sequence` (a one-column read: the bytes stay on disk). */
function signerOf(db: Db, sequence: number): string {
  let stmt = signerStatements.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT kid FROM snapshots WHERE sequence = ?');
    signerStatements.set(db, stmt);
  }
  return (stmt.get(sequence) as { kid: string } | undefined)?.kid ?? '';
}

/**
 * Drops the deltas up to the full snapshot that another key signed. Only a client behind the full
 * snapshot uses them, and it can take the full snapshot instead; keeping them would tie the chain
 * to the key that signed before a rotation. With them gone, once a rotation's full snapshot is
 * published under the new key, nothing the pointer names is signed by the old one, and the old
 * key can retire (services/console-keys.ts refuses it before). Deltas after the full snapshot stay
 * whoever signed them: they are the only way to the head.
 */
export function sameSignerBeforeFull(deltas: DeltaEntry[], fullSequence: number, fullKid: string): DeltaEntry[] {
  let start = 0;
  while (start < deltas.length && deltas[start]!.sequence <= fullSequence && deltas[start]!.kid !== fullKid) start++;
  return start ? deltas.slice(start) : deltas;
}

/** The chain as the pointer lists it, with paths from `paths`. */
export function pointerDeltas(chain: PublishedChain, paths: { delta: (d: DeltaEntry) => string }): PointerDelta[] {
  return chain.deltas.map((d) => ({ base: d.base, sequence: d.sequence, path: paths.delta(d), bytes: d.size, sha256: d.sha256 }));
}
