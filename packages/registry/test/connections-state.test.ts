// Issue 14 (memory soak): per-client state — rate-limit buckets and the wrong-token map — stays
// bounded however many distinct clients (IPv6 /64s, forwarded addresses) send.
import { describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from '../src/http/auth-failures.js';
import { clientKey } from '../src/http/client-key.js';
import { BucketStore } from '../src/http/rate-limit.js';

/** A distinct IPv6 /64 per n: what a client with a routed /48 can spray. */
const v6 = (n: number) => `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`;

describe('per-client state stays bounded', () => {
  it('rate-limit buckets: 200,000 distinct /64s that each spend a token leave at most maxBuckets', () => {
    // A slow refill (the reports limit): no bucket refills during the spray, so sweeping alone frees nothing.
    const store = new BucketStore({ capacity: 10, refillPerSecond: 10 / 60 }, 5_000);
    let t = 0;
    let most = 0;
    for (let i = 0; i < 200_000; i++) {
      t += 0.01;
      const b = store.take(clientKey(v6(i)), t);
      b.tokens -= 1;
      most = Math.max(most, store.size);
    }
    expect(most).toBe(5_000);
  });

  it('rate-limit buckets: a client that keeps sending keeps its (empty) bucket through a spray; refilled buckets are swept', () => {
    const store = new BucketStore({ capacity: 2, refillPerSecond: 1 }, 20_000);
    let t = 0;
    const flooder = '192.0.2.1';
    for (let i = 0; i < 3; i++) store.take(flooder, t).tokens -= 1;
    for (let i = 0; i < 15_000; i++) {
      store.take(clientKey(v6(i)), t).tokens -= 1;
      if (i % 100 === 0) {
        const b = store.take(flooder, t);
        expect(b.tokens).toBeLessThan(1);
        b.tokens = Math.min(b.tokens, 0);
      }
    }
    expect(store.size).toBe(15_001);
    // Ten seconds on every spray bucket has refilled: the next sweep drops them.
    t += 10_000;
    store.take('198.51.100.1', t);
    expect(store.size).toBeLessThanOrEqual(2);
  });

  it('wrong-token map: 100,000 distinct clients failing leave at most maxAddresses entries', () => {
    const limiter = new AuthFailureLimiter({ maxAddresses: 2_000 }, () => 0);
    for (let i = 0; i < 100_000; i++) limiter.fail(clientKey(v6(i)));
    expect(limiter.size).toBe(2_000);
  });
});
