import type { BadgeConfig, VerifyBatch } from './config.js';
import { onlineVerify } from './online.js';
import { allUnknown } from './unknown.js';

/** The batch verifier a configuration asks for: the given function, online look-ups, or one snapshot. */
export function createVerifyBatch(config: BadgeConfig): VerifyBatch {
  if (config.verify) return config.verify;
  const registryUrl = config.registryUrl ?? '';
  if (config.mode !== 'snapshot') return onlineVerify(registryUrl, config.fetch);
  const keys = config.trustedKeys ?? [];
  const loaded = import('./snapshot-mode.js').then((m) => m.snapshotVerify(registryUrl, keys, config.fetch));
  return async (inputs) => {
    try {
      return await (await loaded)(inputs);
    } catch (error) {
      // A snapshot that is missing or fails its signature gives `unknown`, never `not-found`.
      const signature = error instanceof Error && error.name === 'SnapshotError';
      return allUnknown(inputs, signature ? 'signature' : 'no-snapshot', String(error));
    }
  };
}
