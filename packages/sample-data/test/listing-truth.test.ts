import { describe, expect, it } from 'vitest';
import { generateRegistry } from '../src/generate.js';
import { listingTruth } from '../src/listing-truth.js';

const data = generateRegistry({ scale: 0.1 });

describe('listingTruth', () => {
  it('gives every binding a title and its generated evaluation, deterministically', () => {
    const truth = listingTruth(data);
    expect(truth).toHaveLength(data.bindings.length);
    expect(truth.map((t) => [t.key, t.store, t.evaluationId])).toEqual(data.bindings.map((b) => [b.key, b.store, b.evaluationId]));
    expect(listingTruth(data)).toEqual(truth);
    expect(listingTruth(data, 2)).not.toEqual(truth);
  });
  it('makes titles from the evaluation’s product scope, with noise', () => {
    const truth = listingTruth(data);
    const byId = new Map(data.evaluations.map((e) => [e.id, e]));
    const bound = truth.filter((t) => t.evaluationId);
    const withModel = bound.filter((t) => byId.get(t.evaluationId!)!.products.some((p) => p.model && t.title.includes(p.model)));
    expect(withModel.length / bound.length).toBeGreaterThan(0.3);
    expect(withModel.length / bound.length).toBeLessThan(0.7);
    expect(truth.some((t) => /包邮|正品|新款/.test(t.title))).toBe(true);
    expect(truth.every((t) => t.title.length > 2)).toBe(true);
  });
});
