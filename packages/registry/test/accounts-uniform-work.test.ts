import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { inviteAndAccept } from './account-helpers.js';
import { ACME, smallRegistry, type TempDb, tempDb } from './fixtures.js';
import { TOKEN } from './integrity-helpers.js';

// The real argon2 functions, wrapped to record which hash each sign-in verified against: an
// unknown address must cost one full argon2id verification, like a wrong password does. Counting
// the work instead of timing it keeps the test exact on a noisy machine (the timing itself is in
// `pnpm bench sign-in`).
const verified: string[] = [];
vi.mock('../src/accounts/password-hash.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/accounts/password-hash.js')>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      verified.push(hash);
      return real.verifyPassword(hash, password);
    },
  };
});

let reg: RunningRegistry;
let db: TempDb;

beforeAll(async () => {
  db = tempDb(smallRegistry());
  reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false });
});
afterAll(async () => {
  await reg?.close();
  db?.cleanup();
});

const signIn = (email: string) =>
  fetch(`${reg.url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: reg.url }, body: JSON.stringify({ email, password: 'not the password' }) });

describe('sign-in work does not depend on whether the address has an account', () => {
  it('verifies one argon2id hash with the same parameters for an unknown address as for a wrong password', async () => {
    await inviteAndAccept(reg.url, { email: 'known@acme.example', uscc: ACME });
    verified.length = 0;
    expect((await signIn('known@acme.example')).status).toBe(401);
    expect((await signIn('ghost@acme.example')).status).toBe(401);
    expect((await signIn('ghost2@acme.example')).status).toBe(401);
    expect(verified).toHaveLength(3);
    const params = (h: string) => h.split('$').slice(1, 4).join('$');
    expect(verified.map(params)).toEqual(['argon2id$v=19$m=19456,t=2,p=1', 'argon2id$v=19$m=19456,t=2,p=1', 'argon2id$v=19$m=19456,t=2,p=1']);
    // Not the account's own hash for the unknown addresses, and never a hash of their input.
    expect(verified[1]).not.toBe(verified[0]);
  });
});
