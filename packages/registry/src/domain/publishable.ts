import type { RegistryData, Sanction } from '@zjmade/sdk';
import { isRegistryDate, isRegistryInstant, REGISTRY_DATE_MIN } from '@zjmade/sdk/publisher';

/** A stored record that cannot be published as it is, and what publishing did about it. */
export interface PublishProblem {
  /** `evaluation:ID`, `store:KEY`, `binding:KEY`, `sanction:ID`. */
  record: string;
  field: string;
  value: string;
  /** What the published data does instead: never something that could turn a verdict `verified`. */
  action: 'left-out' | 'treated-as-open-ended' | 'treated-as-in-force-since-domain-start';
}

const ok = (d: string | undefined) => d === undefined || isRegistryDate(d);
// biome-ignore lint/suspicious/noControlCharactersInRegex: keys with control characters cannot be encoded
const CONTROL = /[\u0000-\u001f]/;

/**
 * The data a snapshot can be made of, and the records it had to change. Entry points validate
 * every date with the encoder's own predicates, so this only ever acts on rows written before
 * they did (or by hand); it keeps one bad row from stopping every later publish — the failure
 * that left suspensions unpublished. Each decision errs away from `verified`: a record whose
 * validity cannot be read is left out (its listings then answer store-only or not-found), while a
 * sanction with an unreadable end stays in force.
 */
export function publishableData(data: RegistryData): { data: RegistryData; problems: PublishProblem[] } {
  const problems: PublishProblem[] = [];
  const note = (record: string, field: string, value: unknown, action: PublishProblem['action']) => {
    problems.push({ record, field, value: String(value), action });
  };
  /** Notes a record left out; `false` for `filter`. */
  const drop = (record: string, field: string, value: unknown): false => {
    note(record, field, value, 'left-out');
    return false;
  };

  const evaluations = data.evaluations.filter((e) => {
    const r = `evaluation:${e.id}`;
    if (CONTROL.test(e.id)) return drop(r, 'id', e.id);
    if (!isRegistryDate(e.issued)) return drop(r, 'issued', e.issued);
    if (!isRegistryDate(e.expires)) return drop(r, 'expires', e.expires);
    const bad = e.history.find((h) => !isRegistryInstant(h.at));
    if (bad) return drop(r, 'history.at', bad.at);
    return true;
  });
  const stores = data.stores.filter((s) => {
    const r = `store:${s.key}`;
    if (CONTROL.test(s.key)) return drop(r, 'key', s.key);
    if (!isRegistryDate(s.since)) return drop(r, 'since', s.since);
    if (!ok(s.until)) return drop(r, 'until', s.until);
    return true;
  });
  const bindings = data.bindings.filter((b) => {
    const r = `binding:${b.key}`;
    if (CONTROL.test(b.key) || CONTROL.test(b.store)) return drop(r, 'key', b.key);
    if (!ok(b.since)) return drop(r, 'since', b.since);
    if (!ok(b.until)) return drop(r, 'until', b.until);
    return true;
  });
  const sanctions = data.sanctions.map((s): Sanction => {
    let out = s;
    if (!isRegistryDate(s.from)) {
      note(`sanction:${s.id}`, 'from', s.from, 'treated-as-in-force-since-domain-start');
      out = { ...out, from: REGISTRY_DATE_MIN };
    }
    if (!ok(s.until)) {
      note(`sanction:${s.id}`, 'until', s.until, 'treated-as-open-ended');
      const { until: _, ...rest } = out;
      out = rest;
    }
    return out;
  });
  if (!problems.length) return { data, problems };
  return { data: { ...data, evaluations, stores, bindings, sanctions }, problems };
}
