// The verdict cache on a live registry (loopback, a real SQLite file): a publish replaces the
// cache's snapshot at once, so the first request after a suspension says `suspended`, and cached
// answers equal the ones the full form computes on every request.
import { decodeVerifyAnswer } from '@zjmade/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRegistry } from '../src/index.js';
import { postJson, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { client, start } from './integrity-helpers.js';

let db: TempDb;
let reg: RunningRegistry;
const { send } = client(() => reg);
const KEY = 'taobao:item:1001';

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await start(db.dbPath);
});
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

const verify = async (query = '') => {
  const r = await postJson(`${reg.url}/v1/verify${query}`, { listings: [{ key: KEY }, { key: 'jd:item:2001' }, { key: 'taobao:item:1002' }] });
  expect(r.status).toBe(200);
  return decodeVerifyAnswer(await r.json());
};

describe('verdict cache (live registry)', () => {
  it('answers from the cache as computing does, and a publish (a suspension) is seen by the very next request', async () => {
    const first = await verify();
    expect(first[0]!.status).toBe('verified');
    // Warm: the second answer comes from the cache, and equals the full form (never cached) but for `at`.
    const warm = await verify();
    const full = await verify('?evidence=full');
    const strip = (vs: typeof warm) => vs.map(({ at: _at, ...v }) => v);
    expect(strip(warm)).toStrictEqual(strip(full));
    expect(strip(warm)).toStrictEqual(strip(first));
    const r = await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'suspended', reason: 'surveillance audit failed' });
    expect(r.status).toBe(200);
    const after = await verify();
    expect(after[0]!.status).toBe('suspended');
    expect(after[0]!.source).toMatchObject({ sequence: reg.service.current()!.stored.sequence });
    const back = await send('POST', '/v1/admin/evaluations/ZJM-C-0001/status', { status: 'valid', reason: 'audit passed' });
    expect(back.status).toBe(200);
    expect((await verify())[0]!.status).toBe('verified');
  });
});
