// Issue 15 #2 (SDK part): the standing at `at` is computed over every history entry in
// effective-time order, whatever order the entries were recorded in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Evaluation, evaluationStanding, openSnapshot, type StatusChange } from '../src/index.js';
import { encodeSnapshot } from '../src/publisher.js';
import { data, itemRef } from './client-support.js';
import { newSigner } from './snapshot-helpers.js';

const base = data.evaluations[0]!;
const withHistory = (history: StatusChange[]): Evaluation => ({ ...base, history });
// The import's reproduction: 暂停 dated 2027-06-01 appended first, 撤销 dated 2026-11-20 after it.
const outOfOrder: StatusChange[] = [
  { status: 'suspended', at: '2027-06-01T00:00:00+08:00', reason: '暂停' },
  { status: 'withdrawn', at: '2026-11-20T00:00:00+08:00', reason: '撤销' },
];

describe('evaluation standing over an out-of-order history', () => {
  it('is withdrawn from 2026-11-20 although a later-dated suspension was recorded first', () => {
    const e = withHistory(outOfOrder);
    expect(evaluationStanding(e, Date.parse('2026-11-19T23:59:59+08:00')).state).toBe('valid');
    expect(evaluationStanding(e, Date.parse('2026-12-01T00:00:00+08:00'))).toMatchObject({ state: 'withdrawn', reason: '撤销' });
    expect(evaluationStanding(e, Date.parse('2027-07-01T00:00:00+08:00'))).toMatchObject({ state: 'suspended', reason: '暂停' });
  });

  it('answers the same through a signed snapshot (the decoded view keeps the recorded order)', async () => {
    const signer = await newSigner('k');
    const registry = { ...data, evaluations: [withHistory(outOfOrder)] };
    const bytes = await signer.sign(encodeSnapshot(registry, { sequence: 1, issuedAt: '2026-11-01T00:00:00+08:00', expiresAt: '2027-12-01T00:00:00+08:00' }));
    const verifier = await openSnapshot(bytes, { trustedKeys: [signer.publicJwk], now: () => Date.parse('2026-12-01T00:00:00+08:00') });
    expect(verifier.verify(itemRef('1001'), { at: '2026-12-01' }).status).toBe('withdrawn');
  });

  it('equals the latest entry at or before `at` (ties: the later recorded) for any history', () => {
    const T0 = Date.parse('2025-01-01T00:00:00Z');
    const status = fc.constantFrom<StatusChange['status']>('valid', 'suspended', 'withdrawn', 'cancelled');
    fc.assert(
      fc.property(
        fc.array(fc.record({ status, day: fc.integer({ min: 0, max: 40 }) }), { maxLength: 12 }),
        fc.integer({ min: -1, max: 42 }),
        (entries, atDay) => {
          const history = entries.map((x) => ({ status: x.status, at: new Date(T0 + x.day * 86_400_000).toISOString() }));
          const at = T0 + atDay * 86_400_000 + 3_600_000;
          let expected: StatusChange | undefined;
          let expectedMs = Number.NEGATIVE_INFINITY;
          for (const h of history) {
            const ms = Date.parse(h.at);
            if (ms <= at && ms >= expectedMs) {
              expected = h;
              expectedMs = ms;
            }
          }
          const got = evaluationStanding({ ...base, issued: '2024-01-01', expires: '2099-12-31', history }, at);
          expect(got.state).toBe(expected?.status ?? 'valid');
        },
      ),
      { numRuns: 500 },
    );
  });
});
