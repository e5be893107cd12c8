import { createMemoryView, openSnapshot, verifyListing } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
import { describe, expect, it } from 'vitest';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';

describe('the sample registry through a signed snapshot', () => {
  it('decodes every entity and binding equal to the input, and verifies the examples alike', async () => {
    const data = generateRegistry({ scale: 0.05 });
    const key = await generateSigningKey('sample');
    const body = encodeSnapshot(data, { sequence: 1, issuedAt: '2026-11-01T00:00:00+08:00', expiresAt: '2099-01-01T00:00:00+08:00' });
    const v = await openSnapshot(await signSnapshot(body, await importSigningKey(key.privateJwk)), { trustedKeys: [key.publicJwk] });
    const problems: string[] = [];
    const same = (what: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b) && problems.length < 5) problems.push(`${what}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    };
    // Compared as sorted-key JSON so that field order does not matter but every value does.
    const canon = (x: unknown): unknown =>
      Array.isArray(x) ? x.map(canon) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, y]) => [k, canon(y)])) : x;
    for (const e of data.enterprises) same(e.uscc, canon(v.enterprise(e.uscc)), canon(e));
    for (const s of data.standards) same(s.code, canon(v.standard(s.code)), canon(s));
    for (const e of data.evaluations) same(e.id, canon(v.evaluation(e.id)), canon(e));
    for (const s of data.stores) same(s.key, canon(v.store(s.key)), canon(s));
    for (const b of data.bindings) same(b.key, canon(v.view.binding(b.key)), canon(b));
    expect(problems).toEqual([]);
    const memory = createMemoryView(data);
    const examples = pickExamples(data);
    for (const list of Object.values(examples.byStatus)) {
      for (const ex of list) expect(v.verify(ex.url, { at: examples.asOf }).status, ex.url).toBe(verifyListing(ex.url, memory, { at: examples.asOf }).status);
    }
  });
});
