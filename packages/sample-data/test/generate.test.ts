import { createHash } from 'node:crypto';
import { PLATFORMS, parseListingUrl, validateUscc } from '@zjmade/sdk';
import { describe, expect, it } from 'vitest';
import { generateRegistry } from '../src/generate.js';
import { itemUrl } from '../src/listing-urls.js';

const data = generateRegistry();

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

describe('generateRegistry', () => {
  it('is deterministic: same seed, same bytes; another seed, other data', () => {
    const a = generateRegistry({ scale: 0.1 });
    const b = generateRegistry({ scale: 0.1 });
    const c = generateRegistry({ scale: 0.1, seed: 7 });
    expect(hash(a)).toBe(hash(b));
    expect(hash(c)).not.toBe(hash(a));
  });

  it('says it is sample data', () => {
    expect(data.meta.sample).toBe(true);
    expect(data.meta.name).toBe('zjmade sample registry (synthetic)');
    expect(data.meta.generatedAt).toBe('2026-11-01T00:00:00+08:00');
  });

  it('has the real registry’s scale at 1×', () => {
    expect(data.enterprises.length).toBeGreaterThanOrEqual(5000);
    expect(data.enterprises.length).toBeLessThanOrEqual(5600);
    expect(data.standards.length).toBeGreaterThanOrEqual(3600);
    expect(data.standards.length).toBeLessThanOrEqual(4200);
    expect(data.evaluations.length).toBeGreaterThanOrEqual(7000);
    expect(data.evaluations.length).toBeLessThanOrEqual(7600);
    expect(data.bindings.length).toBeGreaterThanOrEqual(140_000);
    expect(data.bindings.length).toBeLessThanOrEqual(160_000);
    expect(data.sanctions.length).toBeGreaterThanOrEqual(5);
    expect(data.sanctions.length).toBeLessThanOrEqual(20);
    const selfDeclared = data.evaluations.filter((e) => e.route === 'self-declaration').length;
    expect(selfDeclared / data.evaluations.length).toBeGreaterThan(0.1);
    expect(selfDeclared / data.evaluations.length).toBeLessThan(0.25);
    const unbound = data.bindings.filter((b) => b.evaluationId === undefined).length;
    expect(unbound / data.bindings.length).toBeGreaterThan(0.05);
    expect(unbound / data.bindings.length).toBeLessThan(0.12);
  });

  it('gives catalogues a heavy tail: the top 1% of enterprises are big brands on several platforms', () => {
    const storeOf = new Map(data.stores.map((s) => [s.key, s]));
    const bound = new Map<string, number>();
    const platforms = new Map<string, Set<string>>();
    for (const b of data.bindings) {
      const s = storeOf.get(b.store)!;
      if (b.evaluationId) bound.set(s.uscc, (bound.get(s.uscc) ?? 0) + 1);
      platforms.set(s.uscc, (platforms.get(s.uscc) ?? new Set()).add(s.platform));
    }
    const ranked = [...bound.entries()].sort((a, b) => b[1] - a[1]);
    const top = ranked.slice(0, Math.round(data.enterprises.length / 100));
    for (const [uscc, n] of top) {
      expect(n, uscc).toBeGreaterThanOrEqual(1000);
      expect(n, uscc).toBeLessThanOrEqual(4000);
      expect(platforms.get(uscc)!.size, uscc).toBeGreaterThanOrEqual(4);
    }
    const topShare = top.reduce((a, [, n]) => a + n, 0) / ranked.reduce((a, [, n]) => a + n, 0);
    expect(topShare).toBeGreaterThan(0.3);
    expect(topShare).toBeLessThan(0.7);
    // The long tail: the median enterprise lists only a handful.
    expect(ranked[Math.floor(ranked.length / 2)]![1]).toBeLessThan(20);
  });

  it('gives every enterprise a valid, unique USCC whose region is its own, mostly in Zhejiang', () => {
    const seen = new Set<string>();
    let zhejiang = 0;
    for (const e of data.enterprises) {
      const result = validateUscc(e.uscc);
      expect(result.ok, e.uscc).toBe(true);
      expect(result.region).toBe(e.region);
      expect(seen.has(e.uscc)).toBe(false);
      seen.add(e.uscc);
      if (result.zhejiang) zhejiang++;
    }
    expect(zhejiang / data.enterprises.length).toBeGreaterThan(0.9);
    expect(zhejiang).toBeLessThan(data.enterprises.length);
  });

  it('keeps references whole: bindings, stores, evaluations, standards, sanctions', () => {
    const enterprises = new Set(data.enterprises.map((e) => e.uscc));
    const standards = new Map(data.standards.map((s) => [s.code, s]));
    const evaluations = new Map(data.evaluations.map((e) => [e.id, e]));
    const stores = new Map(data.stores.map((s) => [s.key, s]));
    expect(evaluations.size).toBe(data.evaluations.length);
    expect(stores.size).toBe(data.stores.length);
    for (const s of data.standards) {
      expect(s.code).toMatch(/^T\/ZZB \d{4}-\d{4}$/);
      if (s.status === 'superseded') expect(standards.get(s.successor ?? '')?.status).toBeDefined();
    }
    for (const e of data.evaluations) {
      expect(enterprises.has(e.uscc)).toBe(true);
      expect(standards.has(e.standard)).toBe(true);
      expect(e.expires > e.issued).toBe(true);
      if (e.route === 'certification') expect(e.rule).toMatch(/^ZJM-\d{3}-\d{4}-\d{4}$/);
    }
    for (const s of data.stores) {
      expect(enterprises.has(s.uscc)).toBe(true);
      expect(s.key).toBe(`${s.platform}:shop:${s.shopId}`);
    }
    // 150,000 bindings: collect problems and assert once (an expect per row is slow).
    const keys = new Set<string>();
    const problems: string[] = [];
    for (const b of data.bindings) {
      if (keys.has(b.key)) problems.push(`duplicate ${b.key}`);
      keys.add(b.key);
      const store = stores.get(b.store);
      if (!store) problems.push(`${b.key}: no store ${b.store}`);
      if (b.evaluationId !== undefined && evaluations.get(b.evaluationId)?.uscc !== store?.uscc) {
        problems.push(`${b.key}: evaluation ${b.evaluationId} is not the store enterprise's`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    for (const s of data.sanctions) expect(enterprises.has(s.uscc)).toBe(true);
  });

  it('has stores and bound listings on all ten platforms', () => {
    const storePlatform = new Map(data.stores.map((s) => [s.key, s.platform]));
    const bound = new Set(data.bindings.map((b) => storePlatform.get(b.store)));
    for (const p of PLATFORMS) {
      expect(data.stores.some((s) => s.platform === p && s.role === 'official-flagship'), p).toBe(true);
      expect(bound.has(p), p).toBe(true);
    }
    expect(data.stores.some((s) => s.role === 'authorised')).toBe(true);
  });

  it('uses the keys parseListingUrl gives for the generated item and shop URLs', () => {
    const stores = new Map(data.stores.map((s) => [s.key, s]));
    const perPlatform = new Map<string, number>();
    for (const b of data.bindings) {
      const store = stores.get(b.store)!;
      const n = perPlatform.get(store.platform) ?? 0;
      if (n >= 50) continue;
      perPlatform.set(store.platform, n + 1);
      const id = b.key.slice(b.key.indexOf(':item:') + ':item:'.length);
      const url = itemUrl(store.platform, id, store.shopId);
      expect(parseListingUrl(url)?.key, url).toBe(b.key);
    }
    expect(perPlatform.size).toBe(PLATFORMS.length);
    for (const s of data.stores.slice(0, 2000)) {
      if (s.url) expect(parseListingUrl(s.url)?.key, s.url).toBe(s.key);
    }
  });

  it('rejects bad options with a clear error', () => {
    expect(() => generateRegistry({ scale: 0 })).toThrow(/scale/);
    expect(() => generateRegistry({ asOf: '2026-02-30' })).toThrow(/asOf/);
    expect(() => generateRegistry({ seed: 1.5 })).toThrow(/seed/);
  });
});
