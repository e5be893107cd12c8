/**
 * Serialised verdicts of recent `/v1/verify` inputs, for requests without an explicit `at`. A
 * verdict only changes when the snapshot changes (the cache is keyed by sequence and emptied on a
 * new one) or when time crosses a validity boundary, so an entry is reused for at most `ttlMs`:
 * its `at` is then up to that much older than the request. Search pages repeat the same listings,
 * and serialising the evidence costs as much as computing it.
 */
export interface VerdictCache {
  /** Empties the cache when `sequence` differs from the one it holds. */
  use(sequence: number): void;
  get(key: string, now: number): string | undefined;
  set(key: string, json: string, now: number): void;
}

export const DEFAULT_VERDICT_TTL_MS = 1000;
const MAX_ENTRIES = 200_000;

export function createVerdictCache(ttlMs = DEFAULT_VERDICT_TTL_MS): VerdictCache {
  let sequence = -1;
  let entries = new Map<string, { json: string; until: number }>();
  return {
    use(seq) {
      if (seq !== sequence) {
        sequence = seq;
        entries = new Map();
      }
    },
    get(key, now) {
      const e = entries.get(key);
      return e && now < e.until ? e.json : undefined;
    },
    set(key, json, now) {
      // Crude but bounded: start over rather than track recency on the hot path.
      if (entries.size >= MAX_ENTRIES) entries = new Map();
      entries.set(key, { json, until: now + ttlMs });
    },
  };
}
