import type { RegistryData } from '../model.js';

/** What the state digest counts: the registry's six record collections, and its `meta` (one record). */
export type DigestEntity = 'meta' | Exclude<keyof RegistryData, 'meta'>;

type Shape = readonly (readonly [field: string, nested?: Shape])[];

// Fields per record kind, sorted by name: the canonical form writes exactly these, in this order,
// and leaves out absent ones. Fields outside the model are not part of the state (a snapshot drops them).
const PRODUCT: Shape = [['category'], ['model'], ['name']];
const CHANGE: Shape = [['at'], ['reason'], ['status']];
const SHAPES: Record<DigestEntity, Shape> = {
  meta: [['generatedAt'], ['name'], ['note'], ['sample'], ['scale'], ['seed']],
  enterprises: [['name'], ['nameEn'], ['region'], ['uscc']],
  standards: [['code'], ['issuer'], ['status'], ['successor'], ['title'], ['titleEn']],
  evaluations: [['body'], ['brand'], ['coMarks'], ['expires'], ['history', CHANGE], ['id'], ['issued'], ['products', PRODUCT], ['route'], ['rule'], ['standard'], ['uscc']],
  stores: [['key'], ['name'], ['platform'], ['role'], ['shopId'], ['since'], ['until'], ['url'], ['uscc']],
  bindings: [['evaluationId'], ['key'], ['since'], ['store'], ['until']],
  sanctions: [['from'], ['id'], ['kind'], ['reason'], ['until'], ['uscc']],
};

/** A copy with the shape's fields only, inserted in sorted order: `JSON.stringify` then writes them so. */
function project(o: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  for (const [field, nested] of shape) {
    const v = o[field];
    if (v !== undefined) c[field] = nested ? (v as Record<string, unknown>[]).map((x) => project(x, nested)) : v;
  }
  return c;
}

/**
 * The canonical text a record is hashed as: its kind, a line break, then JSON with the model's
 * fields in sorted order (absent optional fields omitted, arrays in order, strings and numbers as
 * `JSON.stringify` writes them). Deterministic: equal records give equal text wherever they come
 * from (the registry's store, a delta, a decoded snapshot).
 */
export function recordDigestInput(entity: DigestEntity, record: object): string {
  const shape = SHAPES[entity];
  if (!shape) throw new TypeError(`recordDigestInput: unknown entity "${entity}".`);
  return `${entity}\n${JSON.stringify(project(record as Record<string, unknown>, shape))}`;
}
