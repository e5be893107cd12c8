import type { SnapshotVerifier } from '../snapshot/types.js';
import type { Sanction } from '../model.js';
import type { VerdictSource } from '../verdict.js';
import { DigestAccumulator } from './digest.js';
import { deltaFail } from './errors.js';
import { COLLECTIONS, KEY_OF, type RegistryDelta } from './format.js';
import { type Overlay, type OverlayBase, createOverlayView, emptyOverlay } from './overlay-view.js';
import { verifierOver } from '../snapshot/verifier.js';

export interface ApplyDeltaOptions {
  /** Clock for expiry (of the delta now, of the returned verifier later); default Date.now. */
  now?: () => number;
}

interface Chain {
  base: OverlayBase;
  overlay: Overlay;
}

/** How each verifier `applyDelta` made sits on its original snapshot. */
const chains = new WeakMap<SnapshotVerifier, Chain>();

function chainOf(current: SnapshotVerifier): Chain {
  const known = chains.get(current);
  if (known) return known;
  const view = current.view as SnapshotVerifier['view'] & { sanctions?: () => readonly Sanction[] };
  if (typeof view.sanctions !== 'function') throw new TypeError('applyDelta: the verifier was not opened by openSnapshot or made by applyDelta.');
  return { base: { view, sanctions: () => view.sanctions!() }, overlay: emptyOverlay() };
}

/**
 * Applies a delta (opened with `openDelta`) to a verifier (from `openSnapshot` or an earlier
 * `applyDelta`) and returns a NEW verifier over the base plus the delta; `current` is untouched.
 * Checks, in order: the delta's base is `current`'s sequence (`gap`: a gap, a replay or a
 * reordered chain); it has not expired (`stale`); `current` has a digest (`no-digest`); and the
 * state digest after applying — `current.info.digest` minus the records replaced or removed,
 * plus the new ones — is the delta's (`digest-mismatch`). Rejects with `DeltaError`; on any
 * rejection keep `current` or fetch a full snapshot.
 */
export async function applyDelta(current: SnapshotVerifier, delta: RegistryDelta, options: ApplyDeltaOptions = {}): Promise<SnapshotVerifier> {
  const now = options.now ?? Date.now;
  const held = current.info;
  if (delta.base !== held.sequence) deltaFail('gap', `Delta ${delta.base}→${delta.sequence} does not apply to sequence ${held.sequence}.`);
  if (!(delta.sequence > delta.base)) deltaFail('corrupt', 'Delta sequence is not after its base.');
  if (!(now() < Date.parse(delta.expiresAt))) deltaFail('stale', `Delta ${delta.sequence} expired at ${delta.expiresAt}.`);
  if (held.digest === undefined) deltaFail('no-digest', `Snapshot ${held.sequence} carries no state digest.`);

  const chain = chainOf(current);
  const currentView = createOverlayView(chain.base, chain.overlay, current.view.source);
  const acc = new DigestAccumulator(held.digest);
  const counts = { ...held.counts };
  const overlay = { ...chain.overlay };
  for (const c of COLLECTIONS) {
    const up = delta.upsert[c] ?? [];
    const rm = delta.remove[c] ?? [];
    if (!up.length && !rm.length) continue;
    const m = new Map(overlay[c]);
    overlay[c] = m;
    for (const r of up) {
      const k: string = (r as unknown as Record<string, string>)[KEY_OF[c]]!;
      const old = currentView.get(c, k);
      if (old) acc.remove(c, old);
      else counts[c]++;
      acc.add(c, r);
      m.set(k, r);
    }
    for (const k of rm) {
      const old = currentView.get(c, k);
      if (old) {
        acc.remove(c, old);
        counts[c]--;
      }
      m.set(k, null);
    }
  }
  const meta = delta.meta ?? held.meta;
  if (delta.meta) {
    acc.remove('meta', held.meta);
    acc.add('meta', delta.meta);
  }
  const digest = await acc.value();
  if (digest !== delta.digest) deltaFail('digest-mismatch', `State after delta ${delta.sequence} has digest ${digest}, the registry signed ${delta.digest}.`);

  const source: VerdictSource = { kind: 'snapshot', sequence: delta.sequence, issuedAt: delta.issuedAt, expiresAt: delta.expiresAt, sample: meta.sample };
  const view = createOverlayView(chain.base, overlay, source);
  const info = { ...held, sequence: delta.sequence, issuedAt: delta.issuedAt, expiresAt: delta.expiresAt, digest, meta, counts };
  const next = verifierOver(view, info, now);
  chains.set(next, { base: chain.base, overlay });
  return next;
}
