import { type RegistryDelta, recordDigestInput, stateDigest } from '../src/publisher.js';
import type { DeltaCollection } from '../src/publisher.js';
import type { RegistryData } from '../src/index.js';

export const COLLECTIONS: DeltaCollection[] = ['enterprises', 'standards', 'evaluations', 'stores', 'bindings', 'sanctions'];
// biome-ignore lint/suspicious/noExplicitAny: records of any collection
const keyOf = (c: DeltaCollection, r: any): string => r[{ enterprises: 'uscc', standards: 'code', evaluations: 'id', stores: 'key', bindings: 'key', sanctions: 'id' }[c]];

/** The delta a registry would publish between two states: what changed, by canonical text. */
export async function diffDelta(before: RegistryData, after: RegistryData, base: number, sequence: number, issuedAt: string, expiresAt: string): Promise<RegistryDelta> {
  const delta: RegistryDelta = { base, sequence, issuedAt, expiresAt, digest: await stateDigest(after), upsert: {}, remove: {} };
  for (const c of COLLECTIONS) {
    // biome-ignore lint/suspicious/noExplicitAny: records of any collection
    const old = new Map<string, string>((before[c] as any[]).map((r) => [keyOf(c, r), recordDigestInput(c, r)]));
    // biome-ignore lint/suspicious/noExplicitAny: records of any collection
    const now = new Map<string, any>((after[c] as any[]).map((r) => [keyOf(c, r), r]));
    // biome-ignore lint/suspicious/noExplicitAny: records of any collection
    const up = [...now].filter(([k, r]) => old.get(k) !== recordDigestInput(c, r)).map(([, r]) => r) as any;
    const rm = [...old.keys()].filter((k) => !now.has(k));
    if (up.length) delta.upsert[c] = up;
    if (rm.length) delta.remove[c] = rm;
  }
  if (recordDigestInput('meta', before.meta) !== recordDigestInput('meta', after.meta)) delta.meta = after.meta;
  return delta;
}
