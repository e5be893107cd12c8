import type { Enterprise, Evaluation, ListingBinding, RegistryData, Sanction, Standard, Store } from '../model.js';
import { readEnvelope, readHeader, sections } from '../snapshot/envelope.js';
import { keyTable } from '../snapshot/key-table.js';
import { createListings } from '../snapshot/listings.js';
import { openSnapshot } from '../snapshot/open.js';
import type { OpenSnapshotOptions } from '../snapshot/types.js';

/**
 * Every record of a signed snapshot, decoded as the verifier decodes it: the registry the snapshot
 * holds, as plain data (entities in key order, sanctions in snapshot order). Checks the signature
 * first, like `openSnapshot`. For audits and tests: `stateDigest` of the result is the digest the
 * snapshot's header carries.
 */
export async function readSnapshotData(bytes: Uint8Array | ArrayBuffer, options: OpenSnapshotOptions): Promise<RegistryData> {
  const verifier = await openSnapshot(bytes, options);
  const env = readEnvelope(bytes);
  const sec = sections(env);
  const h = readHeader(env, sec);
  const { enterprises: nE, standards: nS, evaluations: nV, stores: nT, bindings: nB } = h.counts;
  const others = nB - h.groups.reduce((n, g) => n + g[1], 0);
  const keys = keyTable(env.file, sec[2]!, sec[4]!, sec[5]!, nE + nS + nV + nT + others);
  const listings = createListings(env.file, sec, h, keys, nE + nS + nV + nT);
  const range = <T>(from: number, count: number, get: (k: string) => T | undefined): T[] =>
    Array.from({ length: count }, (_, i) => get(keys.key(from + i))!);
  const view = verifier.view as typeof verifier.view & { sanctions(): Sanction[] };
  return {
    meta: verifier.info.meta,
    enterprises: range<Enterprise>(0, nE, view.enterprise),
    standards: range<Standard>(nE, nS, view.standard),
    evaluations: range<Evaluation>(nE + nS, nV, view.evaluation),
    stores: range<Store>(nE + nS + nV, nT, view.store),
    bindings: Array.from({ length: nB }, (_, i) => view.binding(listings.key(i)) as ListingBinding),
    sanctions: view.sanctions(),
  };
}
