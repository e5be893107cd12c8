import { latestAdapters } from '../adapters/publish-adapters.js';
import type { RegistryService } from '../service.js';

/** What publishing produced beyond the snapshot: signed deltas and the adapter document. */
export function publishedService(registry: Pick<RegistryService, 'repos'>) {
  const { repos } = registry;
  return {
    /** The signed adapter document as stored, or undefined when none was published. */
    adapters: (): string | undefined => latestAdapters(repos),
    /** The delta to `sequence`, or the oldest sequence a delta is still kept for. */
    delta(sequence: number): { found: true; bytes: Uint8Array; base: number } | { found: false; oldest: number | undefined } {
      const delta = repos.snapshots.delta(sequence);
      if (delta) return { found: true, bytes: delta.bytes, base: delta.base };
      return { found: false, oldest: repos.snapshots.oldestDelta() };
    },
  };
}
export type PublishedService = ReturnType<typeof publishedService>;
