import type { Enterprise, Evaluation, Sanction, Standard, Store } from '../model.js';

/** Day number of a business date (see format.ts); 0 for absent. */
export type DayOf = (date: string | undefined, what: string) => number;

type Field = number | string | Field[];
/** Shared strings: pass 1 counts, pass 2 maps to dictionary numbers. */
type Str = (value: string | undefined) => number | string;
/** Reference into a key table: index + 1, or the key itself. */
type Ref = (key: string | undefined) => number | string;

export interface EntityTables {
  enterprises: readonly Enterprise[];
  standards: readonly Standard[];
  evaluations: readonly Evaluation[];
  stores: readonly Store[];
  sanctions: readonly Sanction[];
  /** Per enterprise (table order), its evaluation indexes in registry order. */
  evaluationsOf: readonly number[][];
  enterpriseRef: Ref;
  standardRef: Ref;
  day: DayOf;
}

function records(t: EntityTables, s: Str): Field[][] {
  const title = new Map(t.standards.map((x) => [x.code, x.title]));
  const out: Field[][] = [];
  t.enterprises.forEach((e, i) => {
    const r: Field[] = [e.name, e.region === e.uscc.slice(2, 8) ? 0 : e.region, t.evaluationsOf[i]!];
    if (e.nameEn !== undefined) r.push(e.nameEn);
    out.push(r);
  });
  for (const x of t.standards) {
    const r: Field[] = [x.title, s(x.issuer), s(x.status), t.standardRef(x.successor)];
    if (x.titleEn !== undefined) r.push(x.titleEn);
    out.push(r);
  }
  for (const e of t.evaluations) {
    const std = title.get(e.standard);
    out.push([
      s(e.route),
      s(e.brand),
      t.enterpriseRef(e.uscc),
      t.standardRef(e.standard),
      t.day(e.issued, `evaluation ${e.id}`),
      t.day(e.expires, `evaluation ${e.id}`),
      e.products.map((p) => [p.name === std ? 0 : s(p.name), s(p.model), s(p.category)]),
      s(e.body),
      s(e.rule),
      e.coMarks ? e.coMarks.map((m) => s(m)) : 0,
      e.history.length ? e.history.map((h) => [s(h.status), h.at, s(h.reason)]) : 0,
    ]);
  }
  for (const x of t.stores) {
    const conventional = x.key === `${x.platform}:shop:${x.shopId}`;
    const at = x.url?.indexOf(x.shopId) ?? -1;
    const url: Field =
      x.url === undefined ? 0 : at >= 0 && x.shopId && !x.url.includes('\u0001') ? [s(`${x.url.slice(0, at)}\u0001${x.url.slice(at + x.shopId.length)}`)] : x.url;
    const r: Field[] = [x.name, s(x.role), t.day(x.since, `store ${x.key}`), t.day(x.until, `store ${x.key}`), t.enterpriseRef(x.uscc), url];
    if (!conventional) r.push(x.platform, x.shopId);
    out.push(r);
  }
  return out;
}

/** The entity records (section 3, one JSON text each, sanctions last) and the shared-string dictionary. */
export function encodeEntities(t: EntityTables): { texts: string[]; dict: string[] } {
  const counts = new Map<string, number>();
  records(t, (v) => {
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    return 0;
  });
  const dict = [...counts].filter(([v, n]) => n > 1 && v.length > 1).sort((a, b) => b[1] - a[1]).map(([v]) => v);
  const index = new Map(dict.map((v, i) => [v, i + 1]));
  const texts = records(t, (v) => (v === undefined ? 0 : (index.get(v) ?? v))).map((r) => JSON.stringify(r));
  texts.push(JSON.stringify(t.sanctions));
  return { texts, dict };
}
