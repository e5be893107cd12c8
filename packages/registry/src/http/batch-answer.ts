import type { Verdict, VerdictEvidence, VerdictSource } from '@zjmade/sdk';
import { fragment, Out, str } from './verdict-json.js';

/**
 * The compact `/v1/verify` answer (the default): every result names its evidence by identity and
 * each entity is written once, in `entities`; `at` and `source`, shared by a request's verdicts,
 * are written once too (a result carries its own only where it differs). Shape and field meanings:
 * `compactVerifyAnswer` in verify-schemas.ts; the SDK's `decodeVerifyAnswer` rebuilds verdicts
 * equal to the full form's.
 *
 * Written as bytes from cached fragments like the full form (verdict-json.ts): an entity's
 * `"id":{…}` and a shared evidence object's reference list are encoded once per snapshot object.
 */

type Kind = 'enterprises' | 'evaluations' | 'standards' | 'stores' | 'sanctions';

/** Evidence field → entity map and the entity's identity. */
const KINDS: Record<string, [Kind, (v: Record<string, string>) => string]> = {
  enterprise: ['enterprises', (v) => v.uscc!],
  evaluation: ['evaluations', (v) => v.id!],
  standard: ['standards', (v) => v.code!],
  store: ['stores', (v) => v.key!],
  sanction: ['sanctions', (v) => v.id!],
};
const ORDER: readonly Kind[] = ['enterprises', 'evaluations', 'standards', 'stores', 'sanctions'];

/** `"id":{…}` per entity object (the snapshot view's own, immutable and shared). */
const entries = new WeakMap<object, Buffer>();

function entry(value: object, id: string): Buffer {
  let b = entries.get(value);
  if (b === undefined) {
    b = Buffer.concat([Buffer.from(`${str(id)}:`, 'utf8'), fragment(value)]);
    entries.set(value, b);
  }
  return b;
}

interface Ref {
  kind: Kind;
  id: string;
  value: object;
}

/** An evidence object as references: the JSON text and the entities it names. */
interface EvidenceRefs {
  json: string;
  refs: Ref[];
}

function refsOf(evidence: VerdictEvidence): EvidenceRefs {
  let json = '';
  const refs: Ref[] = [];
  for (const k in evidence) {
    const v = (evidence as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const kind = KINDS[k];
    if (kind && typeof v === 'object' && v !== null) {
      const id = kind[1](v as Record<string, string>);
      refs.push({ kind: kind[0], id, value: v });
      json += `${json ? ',' : '{'}${str(k)}:${str(id)}`;
    } else json += `${json ? ',' : '{'}${str(k)}:${str(v)}`;
  }
  return { json: json ? `${json}}` : '{}', refs };
}

/** A `verified` verdict's evidence is shared per binding by the SDK (frozen): its references are too. */
let shared = new WeakMap<object, EvidenceRefs>();
let sharedCount = 0;
const MAX_SHARED = 20_000;

function evidenceRefs(evidence: VerdictEvidence): EvidenceRefs {
  const hit = shared.get(evidence);
  if (hit !== undefined) return hit;
  const r = refsOf(evidence);
  if (Object.isFrozen(evidence)) {
    if (++sharedCount > MAX_SHARED) {
      shared = new WeakMap();
      sharedCount = 1;
    }
    shared.set(evidence, r);
  }
  return r;
}

const out = new Out();
const EMPTY: VerdictSource = { kind: 'none' };

/** The compact answer for `verdicts` (one request's), as UTF-8; `snapshotJson` is already JSON. */
export function compactAnswerBytes(verdicts: readonly Verdict[], snapshotJson: string, fallbackAt: string): Buffer {
  const at = verdicts[0]?.at ?? fallbackAt;
  const source = verdicts[0]?.source ?? EMPTY;
  const seen: Record<Kind, Map<string, object>> = {
    enterprises: new Map(),
    evaluations: new Map(),
    standards: new Map(),
    stores: new Map(),
    sanctions: new Map(),
  };
  out.text('{"results":[');
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i]!;
    out.text(
      `${i ? ',' : ''}{"key":${str(v.key)},"ref":${str(v.ref)},"status":${str(v.status)},"claim":${str(v.claim)},"claims":${v.claims.length ? str(v.claims) : '[]'}`,
    );
    if (v.reason !== undefined) out.text(`,"reason":${str(v.reason)}`);
    if (v.detail !== undefined) out.text(`,"detail":${str(v.detail)}`);
    const e = evidenceRefs(v.evidence);
    out.text(`,"evidence":${e.json}`);
    for (const r of e.refs) {
      const m = seen[r.kind];
      if (!m.has(r.id)) m.set(r.id, r.value);
    }
    if (v.at !== at) out.text(`,"at":${str(v.at)}`);
    if (v.source !== source) {
      out.text(',"source":');
      out.bytes(fragment(v.source));
    }
    out.text('}');
  }
  out.text(`],"at":${str(at)},"source":`);
  out.bytes(fragment(source));
  out.text(',"entities":{');
  for (const [k, kind] of ORDER.entries()) {
    out.text(`${k ? ',' : ''}"${kind}":{`);
    let first = true;
    for (const [id, value] of seen[kind]) {
      if (!first) out.text(',');
      out.bytes(entry(value, id));
      first = false;
    }
    out.text('}');
  }
  out.text(`},"snapshot":${snapshotJson}}`);
  return out.take();
}
