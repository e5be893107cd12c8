import type { DatasetMeta, Enterprise, Evaluation, ListingBinding, Sanction, Standard, Store } from '../model.js';

/**
 * Delta format v1: the changes that take a registry from sequence `base` to `sequence`.
 *
 * Signed file = body ‖ kid (UTF-8) ‖ u16 kidLength ‖ Ed25519 signature (64) ‖ "ZJSG", the
 * snapshot's trailer (format.ts); the signature covers every byte before it.
 * Body = "ZJMD" ‖ u16 version ‖ u16 0 ‖ UTF-8 JSON of the `RegistryDelta`.
 * The magic is the domain separation: a snapshot's signed bytes start "ZJMS" and a latest
 * pointer's "zjmade-latest", so no signature over one ever opens as another.
 */
export const DELTA_MAGIC = 0x444d4a5a; // "ZJMD" read as u32 LE
export const DELTA_FORMAT_VERSION = 1;
export const DELTA_MEDIA_TYPE = 'application/vnd.zjmade.delta';

export interface DeltaUpserts {
  enterprises: Enterprise[];
  standards: Standard[];
  evaluations: Evaluation[];
  stores: Store[];
  bindings: ListingBinding[];
  sanctions: Sanction[];
}

/** Ids of removed records: USCC, standard code, evaluation id, store key, listing key, sanction id. */
export interface DeltaRemovals {
  enterprises: string[];
  standards: string[];
  evaluations: string[];
  stores: string[];
  bindings: string[];
  sanctions: string[];
}

export type DeltaCollection = keyof DeltaUpserts;
export const COLLECTIONS: readonly DeltaCollection[] = ['enterprises', 'standards', 'evaluations', 'stores', 'bindings', 'sanctions'];

/** Key field of each collection's records. */
export const KEY_OF: Record<DeltaCollection, string> = {
  enterprises: 'uscc',
  standards: 'code',
  evaluations: 'id',
  stores: 'key',
  bindings: 'key',
  sanctions: 'id',
};

/**
 * A delta: upserts replace the whole record under their key; removals delete it. A freshness
 * renewal is a delta with nothing in `upsert` and `remove` whose `base` is the previous sequence.
 * `digest` is the state digest (stateDigest) after applying it; `meta`, when present, replaces the
 * dataset meta.
 */
export interface RegistryDelta {
  base: number;
  sequence: number;
  issuedAt: string;
  expiresAt: string;
  digest: string;
  meta?: DatasetMeta;
  upsert: Partial<DeltaUpserts>;
  remove: Partial<DeltaRemovals>;
}
