import { DEFAULT_AS_OF, generateRegistry, pickExamples } from '@zjmade/sample-data';
import { createMemoryView, decodeVerifyAnswer, refFromKey, VERDICT_STATUSES, type Verdict, verifyListing } from '@zjmade/sdk';
// The msw handlers' writer (not exported: @zjmade/sdk/testing's entry brings msw along).
import { verifyAnswer } from '../../../sdk/src/testing/compact-answer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactAnswerBytes } from '../src/http/batch-answer.js';
import { verifyResponseBytes } from '../src/http/verdict-json.js';
import { compactVerifyAnswer, fullVerifyAnswer, noneVerifyAnswer } from '../src/http/verify-schemas.js';
import { type RunningRegistry, startRegistry } from '../src/index.js';
import { postJson, type TempDb, tempDb } from './fixtures.js';

const SCALE = 0.2;
const data = generateRegistry({ scale: SCALE });
const examples = pickExamples(data);
const snapshot = { sequence: 7, issuedAt: '2026-11-01T08:00:00+08:00' };
const snapshotJson = JSON.stringify(snapshot);
// Every listing kind and status the sample has, with and without claim text, plus non-listings.
const pool = [...Object.values(examples.byStatus).flat(), ...examples.unbackedClaims];
const inputs: Array<{ url: string; text?: string }> = [
  ...pool.map((e) => ({ url: e.url, text: e.title })),
  ...pool.map((e) => ({ url: e.url })),
  ...data.stores.flatMap((s) => (s.url ? [{ url: s.url }] : [])).slice(0, 20),
  { url: 'not a listing', text: '品字标' },
  { url: 'https://item.jd.com/1.html' },
];
const AT = `${DEFAULT_AS_OF}T12:00:00+08:00`;

/** The verdicts as a client holds them after JSON: no undefined members, plain objects. */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Verdict[];
const parse = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));

describe('compact answer (unit)', () => {
  const view = createMemoryView(data);
  const verdicts = inputs.map((x) => verifyListing(x.url, view, { at: AT, ...(x.text === undefined ? {} : { text: x.text }) }));

  it('covers every status and decodes to the verdicts themselves, as the full form does', () => {
    const statuses = new Set(verdicts.map((v) => v.status));
    for (const s of VERDICT_STATUSES) if (s !== 'sanctioned' || examples.byStatus.sanctioned.length) expect(statuses, s).toContain(s);
    for (let i = 0; i < 2; i++) {
      const compact = parse(compactAnswerBytes(verdicts, snapshotJson, AT));
      expect(compactVerifyAnswer.safeParse(compact).success).toBe(true);
      const full = parse(verifyResponseBytes(verdicts, snapshotJson, true));
      expect(decodeVerifyAnswer(compact)).toStrictEqual(asJson(verdicts));
      expect(decodeVerifyAnswer(compact)).toStrictEqual(decodeVerifyAnswer(full));
      // The same shape as the SDK's msw handlers write (@zjmade/sdk/testing), member for member.
      expect(compact).toStrictEqual(asJson(verifyAnswer(verdicts, snapshot, 'compact', AT)));
    }
  });

  it('writes each entity once, however many results name it, and names it by identity', () => {
    const byUscc = new Map<string, string[]>();
    const storeOf = new Map(data.stores.map((s) => [s.key, s.uscc]));
    for (const b of data.bindings) if (b.evaluationId) byUscc.set(storeOf.get(b.store)!, [...(byUscc.get(storeOf.get(b.store)!) ?? []), b.key]);
    const [uscc, keys] = [...byUscc].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(keys.length).toBeGreaterThan(5);
    const many = keys.map((k) => verifyListing(refFromKey(k)!, view, { at: AT }));
    expect(many.filter((v) => v.evidence.enterprise).length).toBeGreaterThan(5);
    const bytes = compactAnswerBytes(many, snapshotJson, AT);
    const text = bytes.toString('utf8');
    const answer = compactVerifyAnswer.parse(JSON.parse(text));
    expect(Object.keys(answer.entities.enterprises)).toEqual([uscc]);
    // The enterprise's name appears once in the whole answer.
    const name = data.enterprises.find((e) => e.uscc === uscc)!.name;
    expect(text.split(JSON.stringify(name)).length - 1).toBe(1);
    for (const r of answer.results) {
      if (r.evidence.enterprise !== undefined) expect(r.evidence.enterprise).toBe(uscc);
      expect(r.at).toBeUndefined();
      expect(r.source).toBeUndefined();
    }
    expect(answer.at).toBe(many[0]!.at);
    const full = verifyResponseBytes(many, snapshotJson, true);
    expect(bytes.length).toBeLessThan(full.length / 2);
  });

  it('an empty batch is an answer with empty entity maps', () => {
    expect(parse(compactAnswerBytes([], snapshotJson, AT))).toEqual({
      results: [],
      at: AT,
      source: { kind: 'none' },
      entities: { enterprises: {}, evaluations: {}, standards: {}, stores: {}, sanctions: {} },
      snapshot,
    });
  });

  it('the decoder refuses a reference the answer does not hold', () => {
    const compact = parse(compactAnswerBytes(verdicts.slice(0, 5), snapshotJson, AT)) as { entities: { evaluations: Record<string, unknown> } };
    for (const id of Object.keys(compact.entities.evaluations)) delete compact.entities.evaluations[id];
    expect(() => decodeVerifyAnswer(compact)).toThrow('Invalid response');
  });
});

describe('POST /v1/verify answer forms (real registry)', () => {
  let reg: RunningRegistry;
  let db: TempDb;
  beforeAll(async () => {
    db = tempDb();
    reg = await startRegistry({ dbPath: db.dbPath, sample: { scale: SCALE }, adminToken: 'batch-answer-test', rateLimit: false });
  }, 120_000);
  afterAll(async () => {
    await reg?.close();
    db?.cleanup();
  });
  const body = { listings: inputs.map((x) => (x.text === undefined ? x.url : { url: x.url, text: x.text })), at: AT };
  const ask = async (query: string) => {
    const r = await postJson(`${reg.url}/v1/verify${query}`, body);
    expect(r.status).toBe(200);
    return (await r.json()) as unknown;
  };

  it('compact (the default), full and none decode to the local verifier’s verdicts for the same snapshot and `at`', async () => {
    const compact = await ask('');
    expect(await ask('?evidence=compact')).toEqual(compact);
    const full = await ask('?evidence=full');
    const none = await ask('?evidence=none');
    expect(compactVerifyAnswer.safeParse(compact).error).toBeUndefined();
    expect(fullVerifyAnswer.safeParse(full).error).toBeUndefined();
    expect(noneVerifyAnswer.safeParse(none).error).toBeUndefined();
    const local = reg.service.current()!.verifier.verifyMany(
      body.listings.map((x) => (typeof x === 'string' ? x : { listing: x.url, text: x.text })),
      { at: AT },
    );
    expect(new Set(local.map((v) => v.status)).size).toBeGreaterThanOrEqual(VERDICT_STATUSES.length - 1);
    expect(decodeVerifyAnswer(compact)).toStrictEqual(asJson(local));
    expect(decodeVerifyAnswer(full)).toStrictEqual(asJson(local));
    expect(decodeVerifyAnswer(none)).toStrictEqual(asJson(local.map((v) => ({ ...v, evidence: {} }))));
  });

  it('rejects other `evidence` values with a problem naming the parameter', async () => {
    for (const q of ['?evidence=some', '?evidence=', '?evidence=FULL']) {
      const r = await postJson(`${reg.url}/v1/verify${q}`, body);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      const p = (await r.json()) as { errors?: Array<{ path: string }> };
      expect(p.errors?.[0]?.path).toBe('/evidence');
    }
  });
});
