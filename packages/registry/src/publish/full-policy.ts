import { CHAIN_LENGTH } from '../store/snapshots.js';
import type { PolicyInput } from './encode-job.js';

/**
 * When a publish also makes a full snapshot. Every publish makes a delta from the one before (a
 * freshness renewal is a delta without changes); a full snapshot only when:
 *   - there is none yet, or no delta could be made (an unlogged write, a bulk change);
 *   - `everyMs` has passed since the last one (default daily), so a new client's download is never
 *     followed by a long chain;
 *   - the deltas since the last one weigh `ratio` × its size or more (default 0.5): past that a
 *     client far behind is better off with the full snapshot anyway;
 *   - the deltas since the last one would reach `chain` (the pointer's chain length): the pointer
 *     must always pass through the full snapshot, so that a new client can get to the head;
 *   - the active key is not the one that signed the last full snapshot, however the key was
 *     activated (console, CLI, keygen): until the chain's base is signed by the active key, a
 *     client that trusts only the keys published after the old one is retired cannot follow it,
 *     and the old key cannot be retired.
 */
export interface FullPolicy {
  everyMs: number;
  ratio: number;
  chain: number;
}

export const DEFAULT_FULL_POLICY: FullPolicy = { everyMs: 24 * 3600_000, ratio: 0.5, chain: CHAIN_LENGTH };

/** Why this publish needs a full snapshot, or undefined when its delta is enough. */
export function needsFull(input: PolicyInput, deltaBytes: number, nowMs: number): string | undefined {
  const { policy, lastFull, since } = input;
  if (input.forceFull) return 'forced';
  if (!lastFull) return 'first';
  if (input.activeKid !== undefined && lastFull.kid !== input.activeKid) return 'new-key';
  if (nowMs - Date.parse(lastFull.issuedAt) >= policy.everyMs) return 'period';
  if (since.bytes + deltaBytes >= policy.ratio * lastFull.size) return 'weight';
  if (since.count + 1 >= policy.chain) return 'chain';
  return undefined;
}
