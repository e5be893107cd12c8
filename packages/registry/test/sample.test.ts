import { generateRegistry, pickExamples } from '@zjmade/sample-data';
import { openSnapshot } from '@zjmade/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { postJson, type TempDb, tempDb } from './fixtures.js';

// The one test on 1× sample data: the demo path from an empty database.
let reg: RunningRegistry;
let db: TempDb;

beforeAll(async () => {
  db = tempDb();
  reg = await startRegistry({ dbPath: db.dbPath, sample: true, adminToken: 'demo', rateLimit: false });
}, 120_000);
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

describe('sample registry (1×)', () => {
  it('loads the sample on first start, answers the examples and suspends one', async () => {
    const data = generateRegistry();
    const examples = pickExamples(data);
    const health = (await (await fetch(`${reg.url}/v1/health`)).json()) as { sample: boolean };
    expect(health.sample).toBe(true);

    const verified = examples.byStatus.verified.slice(0, 30);
    const notFound = examples.byStatus['not-found'].slice(0, 10);
    expect(verified.length).toBeGreaterThan(0);
    const r = await postJson(`${reg.url}/v1/verify`, { listings: [...verified, ...notFound].map((e) => ({ url: e.url, text: e.title })) });
    const body = (await r.json()) as { results: { status: string; key: string }[] };
    expect(body.results.map((v) => v.status)).toEqual([...verified.map(() => 'verified'), ...notFound.map(() => 'not-found')]);

    const target = verified.find((e) => e.evaluationId)!;
    const s = await fetch(`${reg.url}/v1/admin/evaluations/${encodeURIComponent(target.evaluationId!)}/status`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo', 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', reason: 'sample suspension' }),
    });
    expect(s.status).toBe(200);
    const after = (await (await postJson(`${reg.url}/v1/verify`, { listings: [target.url] })).json()) as { results: { status: string }[] };
    expect(after.results[0]!.status).toBe('suspended');
    console.log(`[registry] 1× publish after a suspension: ${Math.round(reg.lastPublishMs ?? Number.NaN)} ms`);

    const snap = new Uint8Array(await (await fetch(`${reg.url}/v1/snapshot`)).arrayBuffer());
    const verifier = await openSnapshot(snap, { trustedKeys: reg.jwks.keys });
    expect(verifier.info.meta.sample).toBe(true);
    expect(verifier.verify(target.url).status).toBe('suspended');
  }, 60_000);
});
