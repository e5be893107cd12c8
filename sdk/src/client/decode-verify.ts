import { VERDICT_STATUSES, type Verdict } from '../verdict.js';
import { invalidResponse, isObject, type JsonObject } from './errors.js';

/** Evidence field → the member its entity is keyed by (the compact form's map is the field's plural). */
const ID: Record<string, string> = { enterprise: 'uscc', evaluation: 'id', standard: 'code', store: 'key', sanction: 'id' };

/** `a:b:c` → its three parts (the last may hold colons), as a match. */
const split3 = (s: string) => /^([^:]+):([^:]+):(.+)$/.exec(s);

/** A compact entity with the members its identity gives back (left out by the registry) restored. */
function entity(x: JsonObject, field: string, id: string): JsonObject {
  if (field in x) return x;
  if (field !== 'key') return { [field]: id, ...x };
  // A store: its key is `{platform}:shop:{shopId}`.
  const p = split3(id);
  if (p?.[2] !== 'shop') throw invalidResponse();
  return { platform: p[1], shopId: p[3], key: id, ...x };
}

/**
 * The verdicts of a POST /v1/verify answer, in any of its forms: compact (the default: evidence by
 * reference into `entities`, `at` and `source` once per answer unless a result has its own; what
 * an identity gives back left out — an entity's identity members, a key's own `ref`, `claim` and
 * `claims` when there is no claim), full or none (evidence inline or `{}`). A compact answer
 * decodes to the verdicts the full one carries. With `keys` (asked for, in order) each result
 * must answer its own key. Throws `invalidResponse()` for anything else, including a reference to an entity the answer does not hold. Entities are
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
    // No `ref`: the key's own (url empty), or none for no key.
    const p = typeof key === 'string' && split3(key);
    const ref = p && { platform: p[1], kind: p[2], id: p[3], key, url: '' };
    const v: JsonObject = { ref: ref || null, claim: 'none', claims: [], ...r, at: r.at ?? body.at, source: r.source ?? body.source };
    const given = v.evidence;
    if (
      !isObject(given) ||
      !(VERDICT_STATUSES as readonly unknown[]).includes(v.status) ||
      (keys && !(v.key === keys[i] || (v.key === null && v.status === 'unknown'))) ||
      typeof v.at !== 'string' ||
      !isObject(v.source) ||
      !('ref' in r || key === null || p)
    ) {
      throw invalidResponse();
    }
    const evidence: JsonObject = {};
    for (const k in given) {
      let x = given[k];
      const id = ID[k];
      if (typeof x === 'string' && id) {
        const map = entities[`${k}s`];
        const found = isObject(map) && Object.hasOwn(map, x) ? map[x] : undefined;
        if (!isObject(found)) throw invalidResponse();
        x = restored.get(found) ?? entity(found, id, x);
        restored.set(found, x as JsonObject);
      }
      evidence[k] = x;
    }
    v.evidence = evidence;
    return v as unknown as Verdict;
  });
}
