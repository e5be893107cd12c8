import type { Repositories } from '../store/repositories.js';
import type { LockoutOptions } from './options.js';

/** The failure counters one sign-in attempt is measured against. */
export interface SignInKeys {
  email: string;
  address: string;
}

const keysOf = (k: SignInKeys) => [
  { key: `email:${k.email.toLowerCase()}`, budget: 'accountBudget' as const },
  { key: `address:${k.address}`, budget: 'addressBudget' as const },
];

/**
 * Exponential backoff per email address and per client address, stored in `sign_in_failures`.
 * Counting per email (known or not) rather than per account keeps an unknown address's answers the
 * same as a known one's. While a key is blocked every attempt is refused unchecked, right password
 * or not, so a guesser learns nothing during the wait.
 */
export function signInLockout(repos: Repositories, opts: LockoutOptions) {
  const live = (key: string, now: number) => {
    const s = repos.signInFailures.get(key);
    if (s && now - s.lastAt > opts.forgetAfterMs && now >= s.blockedUntil) return undefined;
    return s;
  };
  return {
    /** Seconds until an attempt for these keys is looked at, or 0. */
    waitSeconds(k: SignInKeys, now: number): number {
      let until = 0;
      for (const { key } of keysOf(k)) until = Math.max(until, live(key, now)?.blockedUntil ?? 0);
      return until > now ? Math.ceil((until - now) / 1000) : 0;
    },
    /** Counts a failure (inside the caller's transaction); returns the wait it starts, in seconds. */
    fail(k: SignInKeys, now: number): number {
      let wait = 0;
      for (const { key, budget } of keysOf(k)) {
        const s = live(key, now) ?? { failures: 0, lastAt: now, blockedUntil: 0 };
        s.failures += 1;
        s.lastAt = now;
        const over = s.failures - opts[budget];
        if (over >= 0) s.blockedUntil = now + Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(over, 30));
        repos.signInFailures.put(key, s);
        wait = Math.max(wait, s.blockedUntil > now ? Math.ceil((s.blockedUntil - now) / 1000) : 0);
      }
      repos.signInFailures.forget(now - opts.forgetAfterMs, now);
      return wait;
    },
    /** A right password for an unblocked email clears that email's count (not the address's). */
    succeed(k: SignInKeys): void {
      repos.signInFailures.clear(keysOf(k)[0]!.key);
    },
  };
}
