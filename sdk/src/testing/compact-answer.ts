import type { Verdict, VerdictEvidence } from '../verdict.js';

/** Evidence field → entity map, the field naming an entity and the members its identity gives back (as the registry's compact answer has them). */
const ENTITY: Record<string, [map: string, id: string, restored: readonly string[]]> = {
  enterprise: ['enterprises', 'uscc', ['uscc']],
  evaluation: ['evaluations', 'id', ['id']],
  standard: ['standards', 'code', ['code']],
  store: ['stores', 'key', ['platform', 'shopId', 'key']],
  sanction: ['sanctions', 'id', ['id']],
};

const without = (x: Record<string, unknown>, drop: readonly string[]) => Object.fromEntries(Object.entries(x).filter(([k]) => !drop.includes(k)));

/** Whether `ref` is what the decoder makes of `key` alone (a key's own ref, url empty; null for no key). */
const ownRef = (v: Verdict) =>
  v.ref === null ? v.key === null : v.ref.url === '' && v.ref.key === v.key && /^[^:]+$/.test(v.ref.platform + v.ref.kind) && v.ref.id !== '' && `${v.ref.platform}:${v.ref.kind}:${v.ref.id}` === v.key;

/** The registry's `?evidence=` forms. */
export type EvidenceForm = 'compact' | 'full' | 'none';

/**
 * A POST /v1/verify answer in the registry's shape for `form`: compact (the default) names each
 * entity by identity and writes it once in `entities` (without the members its identity gives
 * back), `at`/`source` once unless a result differs, and leaves out a key's own `ref` and an
 * absent claim; full writes the verdicts as they are; none writes `{}` for evidence.
 */
export function verifyAnswer(verdicts: readonly Verdict[], snapshot: object, form: EvidenceForm, fallbackAt: string): object {
  if (form === 'full') return { results: verdicts, snapshot };
  if (form === 'none') return { results: verdicts.map((v) => ({ ...v, evidence: {} })), snapshot };
  const at = verdicts[0]?.at ?? fallbackAt;
  const source = verdicts[0]?.source ?? { kind: 'none' };
  const entities: Record<string, Record<string, unknown>> = { enterprises: {}, evaluations: {}, standards: {}, stores: {}, sanctions: {} };
  const results = verdicts.map((v) => {
    const evidence: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v.evidence as VerdictEvidence)) {
      const e = ENTITY[k];
      if (e && typeof x === 'object' && x !== null) {
        const o = x as unknown as Record<string, string>;
        const id = o[e[1]]!;
        const restorable = k !== 'store' || (o.key === id && /^[^:]+$/.test(o.platform!) && o.shopId !== '' && `${o.platform}:shop:${o.shopId}` === id);
        entities[e[0]]![id] = restorable ? without(o, e[2]) : x;
        evidence[k] = id;
      } else if (x !== undefined) evidence[k] = x;
    }
    const { at: own, source: from, ref, claim, claims, ...rest } = v;
    return {
      ...rest,
      ...(ownRef(v) ? {} : { ref }),
      ...(claim === 'none' && claims.length === 0 ? {} : { claim, claims }),
      evidence,
      ...(own === at ? {} : { at: own }),
      ...(from === source ? {} : { source: from }),
    };
  });
  return { results, at, source, entities, snapshot };
}
