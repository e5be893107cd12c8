import { createMemoryView, VERDICT_STATUSES, verifyListing } from '@zjmade/sdk';
import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { describe, expect, it } from 'vitest';
import { verifyResponseBytes } from '../src/http/verdict-json.js';

const data = generateRegistry({ scale: 0.05 });
const view = createMemoryView(data);
const examples = pickExamples(data);
const snapshot = { sequence: 7, issuedAt: '2026-11-01T08:00:00+08:00' };
const snapshotJson = JSON.stringify(snapshot);

describe('verifyResponseBytes', () => {
  it('writes exactly what JSON.stringify writes, for every status, with and without text and `at`', () => {
    const pool = [...Object.values(examples.byStatus).flat(), ...examples.unbackedClaims];
    const inputs = [...pool.map((e) => ({ url: e.url, text: e.title })), ...data.bindings.slice(0, 300).map((b) => ({ url: b.key, text: undefined }))];
    const verdicts = [
      ...inputs.map((x) => verifyListing(x.url, view, x.text === undefined ? {} : { text: x.text })),
      ...inputs.map((x) => verifyListing(x.url, view, { at: '2020-01-01', text: '浙江制造 品字标 "quoted" \\ text' })),
      verifyListing('not a listing', view, { text: '品字标' }),
      verifyListing('https://item.jd.com/1.html', view, { at: 'not a time' }),
    ];
    const statuses = new Set(verdicts.map((v) => v.status));
    for (const s of VERDICT_STATUSES) if (s !== 'sanctioned' || examples.byStatus.sanctioned.length) expect(statuses, s).toContain(s);
    // Twice: the second run is served from the fragment caches.
    for (let i = 0; i < 2; i++) {
      expect(verifyResponseBytes(verdicts, snapshotJson).toString('utf8')).toBe(JSON.stringify({ results: verdicts, snapshot }));
    }
  });

  it('writes `{}` for evidence when asked to leave it out', () => {
    const verdicts = data.bindings.slice(0, 50).map((b) => verifyListing(b.key, view));
    const lean = JSON.parse(verifyResponseBytes(verdicts, snapshotJson, false).toString('utf8')) as { results: Array<{ evidence: object }> };
    expect(lean.results.map((v) => v.evidence)).toEqual(verdicts.map(() => ({})));
    expect(lean.results).toEqual(JSON.parse(JSON.stringify(verdicts.map((v) => ({ ...v, evidence: {} })))));
  });
});
