// Issue 13: the registry publishes the signed adapter document the extension takes remote
// selector fixes from; `zjmade-registry adapters FILE` signs and stores it, /v1/adapters serves it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ADAPTERS_CONTEXT } from '../src/adapters/sign.js';
import type { RunningRegistry } from '../src/index.js';
import { smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { cliAsync, start } from './integrity-helpers.js';

let t: TempDb | undefined;
let reg: RunningRegistry | undefined;
afterEach(async () => {
  await reg?.close();
  t?.cleanup();
});
const fromBase64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const cli = (dbPath: string, file: string) => cliAsync('adapters', file, '--db', dbPath);

it('signs a document with the active key, serves it at /v1/adapters, and refuses what is not a document', async () => {
  t = tempDb(smallRegistry());
  reg = await start(t.dbPath);
  expect((await fetch(`${reg.url}/v1/adapters`)).status).toBe(404);
  const doc = { version: 1, sites: { taobao: { version: 2, minExtensionVersion: '0.1.0', cards: ['div[data-item]'] } } };
  const file = join(t.dir, 'adapters.json');
  writeFileSync(file, JSON.stringify(doc));
  const r = await cli(t.dbPath, file);
  expect(r.status, r.stderr).toBe(0);
  const res = await fetch(`${reg.url}/v1/adapters`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  const signed = (await res.json()) as { kid: string; payload: string; sig: string };
  const jwk = reg.jwks.keys.find((k) => k.kid === signed.kid)!;
  const key = await crypto.subtle.importKey('jwk', jwk as JsonWebKey, { name: 'Ed25519' }, false, ['verify']);
  const payload = fromBase64url(signed.payload);
  const context = new TextEncoder().encode(ADAPTERS_CONTEXT);
  const message = new Uint8Array(context.length + payload.length);
  message.set(context);
  message.set(payload, context.length);
  expect(await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64url(signed.sig), message)).toBe(true);
  expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(doc);
  // The signature covers the context: the same bytes without it do not verify.
  expect(await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64url(signed.sig), payload)).toBe(false);
  const audit = (await (await fetch(`${reg.url}/v1/admin/audit`, { headers: { authorization: 'Bearer integrity-admin-token-0123456789' } })).json()) as { items: { action: string }[] };
  expect(audit.items.some((a) => a.action === 'adapters.publish')).toBe(true);
  for (const bad of ['[1,2]', '{"version":1}', '{"sites":']) {
    writeFileSync(file, bad);
    expect((await cli(t.dbPath, file)).status).toBe(1);
  }
  // Four CLI runs through tsx: seconds each on a loaded machine.
}, 120_000);
