// The decoder's own entry: the package root would bring the snapshot path into the page (online.ts in the SDK).
import { decodeVerifyAnswer, type Verdict } from '@zjmade/sdk/online';
import type { BadgeInput, VerifyBatch } from './config.js';
import { allUnknown } from './unknown.js';

/** The registry's documented maximum listings per POST /v1/verify. */
const MAX_BATCH = 500;
const TIMEOUT_MS = 8000;

/**
 * Online mode: one POST /v1/verify per batch (the registry computes verdicts with the SDK's own
 * verifier). The page's listing text goes along only for claim detection.
 */
export function onlineVerify(registryUrl: string, fetchImpl: typeof fetch = fetch): VerifyBatch {
  const endpoint = `${registryUrl.replace(/\/+$/, '')}/v1/verify`;
  const one = async (inputs: readonly BadgeInput[]): Promise<Verdict[]> => {
    try {
      const res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ listings: inputs }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) return allUnknown(inputs, 'unreachable', `registry answered HTTP ${res.status}`);
      let results: Verdict[];
      try {
        // The registry's compact answer (each entity once), rebuilt into whole verdicts.
        results = decodeVerifyAnswer(await res.json());
      } catch {
        results = [];
      }
      if (results.length !== inputs.length) return allUnknown(inputs, 'error', 'registry answer was not a list of verdicts');
      return results;
    } catch (error) {
      return allUnknown(inputs, 'unreachable', String(error));
    }
  };
  return async (inputs) => {
    const parts: Promise<Verdict[]>[] = [];
    for (let i = 0; i < inputs.length; i += MAX_BATCH) parts.push(one(inputs.slice(i, i + MAX_BATCH)));
    return (await Promise.all(parts)).flat();
  };
}
