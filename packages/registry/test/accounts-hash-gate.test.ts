import { describe, expect, it } from 'vitest';
import { hashGate } from '../src/accounts/hash-gate.js';
import { ARGON2_PARAMS, hashPassword, verifyPassword } from '../src/accounts/password-hash.js';
import { passwordProblem } from '../src/accounts/password-policy.js';
import { AccountRejection } from '../src/accounts/rejection.js';

describe('hash gate', () => {
  it('runs at most `running` at once, queues `waiting` more in order, and refuses the rest as busy', async () => {
    const gated = hashGate(2, 1);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const job = (n: number) =>
      gated(async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((r) => releases.push(r));
        inFlight -= 1;
        order.push(n);
        return n;
      });
    const a = job(1);
    const b = job(2);
    const c = job(3);
    await expect(job(4)).rejects.toMatchObject({ slug: 'busy', retryAfter: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(releases.length).toBe(2);
    releases.shift()!();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(releases.length).toBe(2); // job 3 started when job 1 ended
    releases.shift()!();
    releases.shift()!();
    expect(await Promise.all([b, c])).toEqual([2, 3]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3]);
    // A failing job frees its place too.
    await expect(gated(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gated(async () => 'after')).toBe('after');
  });

  it('is an AccountRejection, so routes answer it as a problem', async () => {
    const gated = hashGate(0, 0);
    await expect(gated(async () => 1)).rejects.toBeInstanceOf(AccountRejection);
  });
});

describe('password hashing and policy', () => {
  it('verifies what it hashed, rejects other passwords and malformed hashes', async () => {
    const h = await hashPassword('a long enough passphrase');
    expect(h.startsWith(`$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`)).toBe(true);
    expect(await verifyPassword(h, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(h, 'a long enough passphrasE')).toBe(false);
    expect(await verifyPassword('not a hash', 'a long enough passphrase')).toBe(false);
  });

  it('refuses short, long, common, repetitive and email-containing passwords', () => {
    expect(passwordProblem('short')).toContain('at least 10');
    expect(passwordProblem('x'.repeat(257))).toContain('at most 256');
    expect(passwordProblem('Password123')).toContain('commonly used');
    expect(passwordProblem('abababababab')).toContain('too few');
    expect(passwordProblem('zhangwei-2026-secret', 'zhangwei@acme.example')).toContain('email');
    expect(passwordProblem('浙江制造品字标好产品')).toBeNull(); // 10 characters, counted as characters
    expect(passwordProblem('correct horse battery staple', 'zhangwei@acme.example')).toBeNull();
  });
});
