import type { RegistryData } from '@zjmade/sdk';
import type { DeltaRemovals, DeltaUpserts, RegistryDelta } from '@zjmade/sdk/publisher';
import type { ChangeEntry, LoggedEntity } from '../store/change-log.js';

type Collection = keyof DeltaUpserts;
const COLLECTION_OF: Record<Exclude<LoggedEntity, 'meta'>, Collection> = {
  enterprise: 'enterprises',
  standard: 'standards',
  evaluation: 'evaluations',
  store: 'stores',
  binding: 'bindings',
  sanction: 'sanctions',
};
const KEY_OF: Record<Collection, (r: never) => string> = {
  enterprises: (r: { uscc: string }) => r.uscc,
  standards: (r: { code: string }) => r.code,
  evaluations: (r: { id: string }) => r.id,
  stores: (r: { key: string }) => r.key,
  bindings: (r: { key: string }) => r.key,
  sanctions: (r: { id: string }) => r.id,
};

/**
 * The changes a delta carries from the previous published state to `data`: every record the
 * change log names since the previous snapshot, as `data` (the data being published, after the
 * publishability check) holds it, or removed when `data` no longer has it. Built from the
 * published data rather than the rows, so that applying it reproduces exactly what the full
 * snapshot of `data` holds, and the state digest agrees.
 */
export function buildDeltaChanges(data: RegistryData, entries: readonly ChangeEntry[]): Pick<RegistryDelta, 'upsert' | 'remove' | 'meta'> {
  const upsert: DeltaUpserts = { enterprises: [], standards: [], evaluations: [], stores: [], bindings: [], sanctions: [] };
  const remove: DeltaRemovals = { enterprises: [], standards: [], evaluations: [], stores: [], bindings: [], sanctions: [] };
  const keys = new Map<Collection, Set<string>>();
  let meta = false;
  for (const e of entries) {
    if (e.entity === 'meta') {
      meta = true;
      continue;
    }
    const c = COLLECTION_OF[e.entity];
    const set = keys.get(c) ?? new Set<string>();
    keys.set(c, set);
    set.add(e.key);
  }
  for (const [c, wanted] of keys) {
    const keyOf = KEY_OF[c] as (r: unknown) => string;
    const found = new Set<string>();
    for (const r of data[c] as readonly unknown[]) {
      const k = keyOf(r);
      if (!wanted.has(k)) continue;
      found.add(k);
      (upsert[c] as unknown[]).push(r);
    }
    for (const k of wanted) if (!found.has(k)) remove[c].push(k);
  }
  return meta ? { upsert, remove, meta: data.meta } : { upsert, remove };
}
