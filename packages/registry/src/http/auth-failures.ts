import type { Context } from 'hono';
import { clientKey } from './client-key.js';
import { problem } from './problem.js';
import { clientAddress } from './rate-limit.js';

export interface AuthFailureOptions {
  /** Wrong tokens an address may present before it is made to wait. */
  budget: number;
  /** The first wait once the budget is spent; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An address with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Addresses remembered at most (least recently failing forgotten first). */
  maxAddresses: number;
}

export const DEFAULT_AUTH_FAILURES: AuthFailureOptions = {
  budget: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxAddresses: 10_000,
};

interface Entry {
  failures: number;
  lastAt: number;
  blockedUntil: number;
}

/**
 * Counts wrong bearer tokens (admin and enterprise alike) per client (IPv6 per /64). Once an
 * address has spent its budget it is answered 429 with Retry-After for every token, right or wrong,
 * until its backoff ends: otherwise the limit would only slow an attacker down, and a correct guess
 * would still be confirmed at once. Each failure after the budget doubles the wait.
 *
 * The map is bounded: it is a Map in least-recently-failed order (an entry is re-inserted on each
 * failure), and the oldest entries go when it is full, so a spray from many addresses costs at most
 * `maxAddresses` entries. The cost of that bound is that such a spray can push out an older
 * address's record; that address then gets a fresh budget, which is still a budget.
 */
export class AuthFailureLimiter {
  private readonly entries = new Map<string, Entry>();
  readonly opts: AuthFailureOptions;

  constructor(
    opts: Partial<AuthFailureOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.opts = { ...DEFAULT_AUTH_FAILURES, ...opts };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Seconds the client must still wait, or 0. */
  waitSeconds(key: string): number {
    const e = this.live(key);
    if (!e) return 0;
    const left = e.blockedUntil - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  fail(key: string): void {
    const t = this.now();
    const e = this.live(key) ?? { failures: 0, lastAt: t, blockedUntil: 0 };
    e.failures += 1;
    e.lastAt = t;
    const over = e.failures - this.opts.budget;
    if (over >= 0) e.blockedUntil = t + Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.min(over, 30));
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > this.opts.maxAddresses) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** A correct token from an address that is not blocked clears its record. */
  succeed(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && this.now() - e.lastAt > this.opts.forgetAfterMs && this.now() >= e.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}

/** The limiter's key for this request's client. */
export const authClientKey = (c: Context): string => clientKey(clientAddress(c));

export function tooManyFailures(c: Context, wait: number): Response {
  return problem(c, 'rate-limited', `Too many wrong tokens from this address; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
}
