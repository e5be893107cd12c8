import type { Verdict, VerdictEvidence } from '../verdict.js';

/** Evidence field → entity map and the field naming an entity (as the registry's compact answer has them). */
const ENTITY: Record<string, [map: string, id: string]> = {
  enterprise: ['enterprises', 'uscc'],
  evaluation: ['evaluations', 'id'],
  standard: ['standards', 'code'],
  store: ['stores', 'key'],
  sanction: ['sanctions', 'id'],
};

/** The registry's `?evidence=` forms. */
export type EvidenceForm = 'compact' | 'full' | 'none';

/**
 * A POST /v1/verify answer in the registry's shape for `form`: compact (the default) names each
 * entity by identity and writes it once in `entities`, and `at`/`source` once unless a result
 * differs; full writes the verdicts as they are; none writes `{}` for evidence.
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
        const id = (x as unknown as Record<string, string>)[e[1]]!;
        entities[e[0]]![id] = x;
        evidence[k] = id;
      } else if (x !== undefined) evidence[k] = x;
    }
    const { at: own, source: from, ...rest } = v;
    return { ...rest, evidence, ...(own === at ? {} : { at: own }), ...(from === source ? {} : { source: from }) };
  });
  return { results, at, source, entities, snapshot };
}
