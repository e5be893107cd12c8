import { VERDICT_STATUSES, type Verdict } from '../verdict.js';
import { invalidResponse, isObject, type JsonObject } from './errors.js';

/** Evidence field → the answer's entity map holding it (the compact form) and the member its key is. */
const MAPS: Record<string, [map: string, id: string]> = {
  enterprise: ['enterprises', 'uscc'],
  evaluation: ['evaluations', 'id'],
  standard: ['standards', 'code'],
  store: ['stores', 'key'],
  sanction: ['sanctions', 'id'],
};

/** `a:b:c` → [a, b, c] (the last part may hold anything), else null. */
function split3(s: string): [string, string, string] | null {
  const i = s.indexOf(':');
  const j = s.indexOf(':', i + 1);
  return i > 0 && j > i + 1 && j < s.length - 1 ? [s.slice(0, i), s.slice(i + 1, j), s.slice(j + 1)] : null;
}

/** A compact entity with the members its identity gives back (left out by the registry) restored. */
function entity(x: JsonObject, field: string, id: string): JsonObject {
  if (field in x) return x;
  if (field !== 'key') return { [field]: id, ...x };
  // A store: its key is `{platform}:shop:{shopId}`.
  const p = split3(id);
  if (p?.[1] !== 'shop') throw invalidResponse();
  return { platform: p[0], shopId: p[2], key: id, ...x };
}

/**
 * The verdicts of a POST /v1/verify answer, in any of its forms: compact (the default: evidence by
 * reference into `entities`, `at` and `source` once per answer unless a result has its own; what
 * an identity gives back left out — an entity's identity members, a key's own `ref`, `claim` and
 * `claims` when there is no claim), full or none (evidence inline or `{}`). A compact answer
 * decodes to the verdicts the full one carries. With `keys` (asked for, in order) each result must answer its own key. Throws `invalidResponse()`
 * for anything else, including a reference to an entity the answer does not hold. Entities are
 * shared by the verdicts naming them, as the SDK's own verifier shares them.
 */
export function decodeVerifyAnswer(body: unknown, keys?: readonly string[]): Verdict[] {
  if (!isObject(body) || !Array.isArray(body.results) || (keys && body.results.length !== keys.length)) throw invalidResponse();
  const entities = isObject(body.entities) ? body.entities : {};
  // Restored once each, so the verdicts naming an entity share it.
  const restored = new Map<JsonObject, JsonObject>();
  return body.results.map((r: unknown, i) => {
    if (!isObject(r)) throw invalidResponse();
    const key = r.key;
    let ref = r.ref;
    if (!('ref' in r)) {
      // A key's own ref (url empty), or none for no key.
      const p = typeof key === 'string' ? split3(key) : null;
      if (key !== null && !p) throw invalidResponse();
      ref = p && { platform: p[0], kind: p[1], id: p[2], key, url: '' };
    }
    const v: JsonObject = { key, ref, status: r.status, claim: 'none', claims: [], ...r, at: r.at ?? body.at, source: r.source ?? body.source };
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
      const m = MAPS[k];
      if (typeof x === 'string' && m) {
        const map = entities[m[0]];
        const found = isObject(map) && Object.hasOwn(map, x) ? map[x] : undefined;
        if (!isObject(found)) throw invalidResponse();
        let e = restored.get(found);
        if (!e) {
          e = entity(found, m[1], x);
          restored.set(found, e);
        }
        x = e;
      }
      evidence[k] = x;
    }
    v.evidence = evidence;
    return v as unknown as Verdict;
  });
}
