// Property (issue 14): the verdict cache never serves bytes other than computing gives. Over the
// sample registry plus random extra timelines (status changes, sanctions, store and binding
// ends), for random keys (bound items, unbound items, shops, unknown and invalid keys) and
// instants exactly on, just before and just after each of the listing's boundaries and around
// the snapshot's expiry, the cached compact answer equals `compactAnswerBytes` of fresh verdicts,
// with one cache kept across all instants of a run (so hits come from other instants of the same
// interval). Plus: every date and instant in the records a listing's verdict reads is one of its
// boundaries, so a model field added without one fails here.
import { DEFAULT_AS_OF, generateRegistry } from '@zjmade/sample-data';
import { businessDayEnd, businessDayStart, openSnapshot, type RegistryData, refFromKey, type TrustedKey } from '@zjmade/sdk';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot } from '@zjmade/sdk/publisher';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactAnswerBytes } from '../src/http/batch-answer.js';
import type { ListingItem } from '../src/http/verify-schemas.js';
import type { CurrentSnapshot } from '../src/service.js';
import { listingBoundaries } from '../src/verdict-cache/boundaries.js';
import { cachedCompactAnswer } from '../src/verdict-cache/compact-answer.js';
import { createVerdictCache } from '../src/verdict-cache/verdict-cache.js';

const base = generateRegistry({ scale: 0.05 });
const ISSUED = `${DEFAULT_AS_OF}T08:00:00+08:00`;
const EXPIRES_MS = businessDayStart(DEFAULT_AS_OF) + 3 * 86_400_000 + 3_600_000;
const EXPIRES = new Date(EXPIRES_MS).toISOString();
const signer = await generateSigningKey();
const key = await importSigningKey(signer.privateJwk);
const trusted: TrustedKey[] = [signer.publicJwk];

async function currentOf(data: RegistryData, sequence: number, nowMs: number): Promise<CurrentSnapshot> {
  const bytes = await signSnapshot(encodeSnapshot(data, { sequence, issuedAt: ISSUED, expiresAt: EXPIRES }), key);
  const verifier = await openSnapshot(bytes, { trustedKeys: trusted, now: () => nowMs });
  return {
    stored: { sequence, kid: key.kid, auditId: 0, logSeq: 0, issuedAt: ISSUED, expiresAt: EXPIRES, etag: `"${sequence}"` },
    verifier,
    snapshotJson: JSON.stringify({ sequence, issuedAt: ISSUED }),
  };
}

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const asOfMs = businessDayStart(DEFAULT_AS_OF);

/** Extra timelines: each picks a record by index and an offset in days (and hours) from the sample's as-of date. */
const extra = fc.record({
  changes: fc.array(fc.tuple(fc.nat(), fc.constantFrom('suspended', 'withdrawn', 'cancelled', 'valid'), fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 23 })), { maxLength: 12 }),
  sanctions: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -400, max: 400 }), fc.option(fc.integer({ min: 0, max: 300 }))), { maxLength: 6 }),
  storeEnds: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -300, max: 300 })), { maxLength: 6 }),
  bindingRanges: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0, max: 300 })), { maxLength: 8 }),
});

type Extra = typeof extra extends fc.Arbitrary<infer T> ? T : never;

function withTimelines(x: Extra): RegistryData {
  const evaluations = base.evaluations.map((e) => ({ ...e, history: [...e.history] }));
  for (const [i, status, d, h] of x.changes) {
    const e = evaluations[i % evaluations.length]!;
    e.history.push({ status, at: new Date(asOfMs + d * DAY + h * 3_600_000).toISOString(), ...(status === 'valid' ? {} : { reason: 'property test' }) });
  }
  const sanctions = [...base.sanctions];
  for (const [n, [i, d, len]] of x.sanctions.entries()) {
    const e = base.enterprises[i % base.enterprises.length]!;
    sanctions.push({ id: `S-PROP-${n}`, uscc: e.uscc, kind: base.sanctions[0]?.kind ?? 'quality-dishonesty', from: dayOf(asOfMs + d * DAY), ...(len === null ? {} : { until: dayOf(asOfMs + (d + len) * DAY) }) } as RegistryData['sanctions'][number]);
  }
  const stores = base.stores.map((s) => ({ ...s }));
  for (const [i, d] of x.storeEnds) {
    const s = stores[i % stores.length]!;
    const until = dayOf(asOfMs + d * DAY);
    if (until >= s.since) s.until = until;
  }
  const bindings = base.bindings.map((b) => ({ ...b }));
  for (const [i, d, len] of x.bindingRanges) {
    const b = bindings[i % bindings.length]!;
    b.since = dayOf(asOfMs + d * DAY);
    b.until = dayOf(asOfMs + (d + len) * DAY);
  }
  return { ...base, evaluations, sanctions, stores, bindings };
}

/** Keys of every kind: bound items, unbound ones, shops, keys the registry does not know, and non-keys. */
function keysOf(data: RegistryData, pick: number[]): string[] {
  const pool = [...data.bindings.map((b) => b.key), ...data.stores.map((s) => s.key), 'tmall:item:999999999999', 'jd:item:1', 'not-a-key'];
  return pick.map((i) => pool[i % pool.length]!);
}

describe('verdict cache (property)', () => {
  it('serves the bytes computing gives, for random keys and instants on and around every boundary', async () => {
    let sequence = 0;
    await fc.assert(
      fc.asyncProperty(extra, fc.array(fc.nat(), { minLength: 5, maxLength: 30 }), fc.integer({ min: -2, max: 2 }), async (x, pick, clockHours) => {
        const data = withTimelines(x);
        // The clock: before the expiry, or (clockHours > 0) past it, when everything is stale.
        const current = await currentOf(data, ++sequence, EXPIRES_MS + clockHours * 3_600_000);
        const nowMs = EXPIRES_MS + clockHours * 3_600_000;
        const cache = createVerdictCache();
        const keys = keysOf(data, pick);
        const instants = new Set<number>([EXPIRES_MS - 1, EXPIRES_MS, EXPIRES_MS + 1, asOfMs]);
        for (const k of keys) {
          const ref = refFromKey(k);
          if (!ref) continue;
          for (const b of listingBoundaries(current.verifier.view, ref, EXPIRES_MS)) for (const t of [b - 1, b, b + 1]) instants.add(t);
        }
        const listings: ListingItem[] = keys.map((k) => ({ key: k }));
        // Shuffled order, so a hit often comes from an instant asked later or earlier in the interval.
        const order = [...instants].sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000) || a - b);
        for (const at of order) {
          const cached = cachedCompactAnswer(current, cache, listings, at, nowMs);
          const fresh = compactAnswerBytes(current.verifier.verifyMany(listings.map((l) => refFromKey((l as { key: string }).key) ?? (l as { key: string }).key), { at }), current.snapshotJson, new Date(at).toISOString());
          if (!cached.equals(fresh)) expect(cached.toString('utf8'), `at ${new Date(at).toISOString()}`).toBe(fresh.toString('utf8'));
        }
        if (clockHours < 0) expect(cache.stats.hits).toBeGreaterThan(0);
        else expect(cache.stats.entries).toBe(0);
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('counts every date and instant of the records a verdict reads as one of its boundaries', async () => {
    const data = withTimelines({ changes: [[3, 'suspended', 2, 5]], sanctions: [[1, -10, 30]], storeEnds: [[2, 40]], bindingRanges: [[4, -5, 20]] });
    const current = await currentOf(data, 1, asOfMs);
    const view = current.verifier.view;
    const DATE = /^\d{4}-\d{2}-\d{2}$/;
    const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
    // Date fields the verifier does not read for a verdict, each with why (everything else must be a boundary).
    const NOT_READ = new Set<string>([]);
    let checked = 0;
    const walk = (value: unknown, path: string, edges: Float64Array): void => {
      if (typeof value === 'string') {
        if (NOT_READ.has(path.replace(/\/\d+/g, '/*'))) return;
        const ms = DATE.test(value) ? [businessDayStart(value), businessDayEnd(value)] : INSTANT.test(value) ? [Date.parse(value)] : [];
        if (ms.length === 0) return;
        checked++;
        expect(
          ms.some((m) => edges.includes(m)),
          `${path} = ${value} is not a boundary`,
        ).toBe(true);
      } else if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, `${path}/${i}`, edges);
      else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k}`, edges);
    };
    const keys = [...data.bindings.map((b) => b.key), ...data.stores.map((s) => s.key)];
    for (const k of keys) {
      const ref = refFromKey(k)!;
      const edges = listingBoundaries(view, ref, EXPIRES_MS);
      const binding = ref.kind === 'item' ? view.binding(k) : undefined;
      const store = binding ? view.store(binding.store) : view.store(k);
      walk(binding, 'binding', edges);
      if (!store) continue;
      walk(store, 'store', edges);
      walk(view.enterprise(store.uscc), 'enterprise', edges);
      walk(view.evaluationsOf(store.uscc), 'evaluations', edges);
      if (binding?.evaluationId) walk(view.evaluation(binding.evaluationId), 'evaluation', edges);
      walk(view.sanctionsOf(store.uscc), 'sanctions', edges);
    }
    expect(checked).toBeGreaterThan(1000);
    expect(listingBoundaries(view, refFromKey(keys[0]!)!, EXPIRES_MS)).toContain(EXPIRES_MS);
  }, 120_000);

  it('stays within its byte bound, keeps what is asked for again, and starts empty for a new snapshot', async () => {
    const current = await currentOf(base, 1, asOfMs);
    const cache = createVerdictCache(20_000);
    const keys = base.bindings.slice(0, 400).map((b) => ({ key: b.key }));
    const hot = keys.slice(0, 5);
    for (let i = 0; i < keys.length; i += 20) {
      cachedCompactAnswer(current, cache, keys.slice(i, i + 20), asOfMs, asOfMs);
      cachedCompactAnswer(current, cache, hot, asOfMs, asOfMs);
      expect(cache.stats.bytes).toBeLessThanOrEqual(20_000);
    }
    expect(cache.stats.entries).toBeGreaterThan(10);
    expect(cache.stats.entries).toBeLessThan(400);
    const hits = cache.stats.hits;
    cachedCompactAnswer(current, cache, hot, asOfMs, asOfMs);
    expect(cache.stats.hits - hits).toBe(hot.length);
    const next = await currentOf(base, 2, asOfMs);
    cachedCompactAnswer(next, cache, hot, asOfMs, asOfMs);
    expect(cache.stats.hits - hits).toBe(hot.length);
    expect(cache.stats.entries).toBe(hot.length);
  }, 60_000);
});
