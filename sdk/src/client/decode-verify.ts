import { VERDICT_STATUSES, type Verdict } from '../verdict.js';
import { invalidResponse, isObject, type JsonObject } from './errors.js';

/** Evidence field → the answer's entity map holding it (the compact form). */
const MAPS: Record<string, string> = {
  enterprise: 'enterprises',
  evaluation: 'evaluations',
  standard: 'standards',
  store: 'stores',
  sanction: 'sanctions',
};

/**
 * The verdicts of a POST /v1/verify answer, in any of its forms: compact (the default: evidence by
 * reference into `entities`, `at` and `source` once per answer unless a result has its own), full
 * or none (evidence inline or `{}`). A compact answer decodes to the verdicts the full one carries.
 * With `keys` (asked for, in order) each result must answer its own key. Throws `invalidResponse()`
 * for anything else, including a reference to an entity the answer does not hold. Entities are
 * shared by the verdicts naming them, as the SDK's own verifier shares them.
 */
export function decodeVerifyAnswer(body: unknown, keys?: readonly string[]): Verdict[] {
  if (!isObject(body) || !Array.isArray(body.results) || (keys && body.results.length !== keys.length)) throw invalidResponse();
  const entities = isObject(body.entities) ? body.entities : {};
  return body.results.map((r: unknown, i) => {
    if (!isObject(r)) throw invalidResponse();
    const v: JsonObject = { ...r, at: r.at ?? body.at, source: r.source ?? body.source };
    const given = v.evidence;
    if (
      !isObject(given) ||
      !(VERDICT_STATUSES as readonly unknown[]).includes(v.status) ||
      (keys && !(v.key === keys[i] || (v.key === null && v.status === 'unknown'))) ||
      typeof v.at !== 'string' ||
      !isObject(v.source)
    ) {
      throw invalidResponse();
    }
    const evidence: JsonObject = {};
    for (const k in given) {
      let x = given[k];
      const map = entities[MAPS[k]!];
      if (typeof x === 'string' && MAPS[k]) {
        x = isObject(map) && Object.hasOwn(map, x) ? map[x] : undefined;
        if (!isObject(x)) throw invalidResponse();
      }
      evidence[k] = x;
    }
    v.evidence = evidence;
    return v as unknown as Verdict;
  });
}
