import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { clientKey } from './client-key.js';
import { problem } from './problem.js';
import { forwardedAddressOf } from './trust-proxy.js';

export interface BucketOptions {
  /** Burst size: requests allowed at once. */
  capacity: number;
  /** Sustained rate. */
  refillPerSecond: number;
}

export interface RateLimitOptions {
  /** Verify, look-ups, snapshot, JWKS, health. */
  public?: Partial<BucketOptions>;
  /** Shopper reports, per client (IPv6 per /64). */
  reports?: Partial<BucketOptions>;
  /** Shopper reports from all clients together: the ceiling a spread-out flood hits. */
  reportsGlobal?: Partial<BucketOptions>;
}

export const DEFAULT_PUBLIC_LIMIT: BucketOptions = { capacity: 600, refillPerSecond: 100 };
export const DEFAULT_REPORT_LIMIT: BucketOptions = { capacity: 10, refillPerSecond: 10 / 60 };
/** A province's shoppers report far fewer than 5 listings a second; bursts of 300 pass. */
export const DEFAULT_REPORT_GLOBAL_LIMIT: BucketOptions = { capacity: 300, refillPerSecond: 5 };

interface Bucket {
  tokens: number;
  at: number;
}

const SWEEP_ABOVE = 10_000;

/**
 * The client's address: the socket peer, or what a trusted proxy forwarded (see trust-proxy.ts).
 * Rate limits, wrong-token backoff and audit actors all read it here.
 */
export function clientAddress(c: Context): string {
  try {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const forwarded = incoming ? forwardedAddressOf(incoming) : undefined;
    return forwarded ?? getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A token bucket per client (IPv6 grouped by /64, IPv4-mapped as IPv4), in memory. */
export function rateLimit(opts: BucketOptions, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number) => {
    b.tokens = Math.min(opts.capacity, b.tokens + ((t - b.at) / 1000) * opts.refillPerSecond);
    b.at = t;
  };
  return async (c, next) => {
    const t = now();
    if (buckets.size > SWEEP_ABOVE) {
      // Full buckets carry no state worth keeping.
      for (const [k, b] of buckets) {
        refill(b, t);
        if (b.tokens >= opts.capacity) buckets.delete(k);
      }
    }
    const addr = clientKey(clientAddress(c));
    let b = buckets.get(addr);
    if (!b) {
      b = { tokens: opts.capacity, at: t };
      buckets.set(addr, b);
    } else refill(b, t);
    if (b.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / opts.refillPerSecond));
      return problem(c, 'rate-limited', `Rate limit exceeded; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
    }
    b.tokens -= 1;
    await next();
  };
}

/** One token bucket shared by every client: caps the total however many addresses send. */
export function globalRateLimit(opts: BucketOptions, what: string, now: () => number = Date.now): MiddlewareHandler {
  const b: Bucket = { tokens: opts.capacity, at: now() };
  return async (c, next) => {
    const t = now();
    b.tokens = Math.min(opts.capacity, b.tokens + ((t - b.at) / 1000) * opts.refillPerSecond);
    b.at = t;
    if (b.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / opts.refillPerSecond));
      return problem(c, 'rate-limited', `The registry is receiving too many ${what} from all clients together; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
    }
    b.tokens -= 1;
    await next();
  };
}
