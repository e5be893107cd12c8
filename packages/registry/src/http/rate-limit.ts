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

/** Above this many clients, buckets that have refilled are dropped (they hold no state). */
const SWEEP_ABOVE = 10_000;
/** The most clients remembered; the least recently seen go first (they get a full bucket back). */
export const MAX_BUCKETS = 50_000;
/** A sweep walks every bucket, so at most one per this many ms, not one per request. */
const SWEEP_EVERY_MS = 1_000;

export function clientAddress(c: Context): string {
  try {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const forwarded = incoming ? forwardedAddressOf(incoming) : undefined;
    return forwarded ?? getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The buckets of `rateLimit`, bounded: a Map in least-recently-seen order (a bucket is re-inserted
 * when used). Refilled buckets are swept once the map is large, and past `maxBuckets` the oldest
 * go, so a spray from many addresses (every /64 of an IPv6 block) costs bounded memory and no
 * per-request walk of the map. An evicted client gets a full bucket back: its burst, no more.
 */
export class BucketStore {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly opts: BucketOptions,
    private readonly maxBuckets = MAX_BUCKETS,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** The client's bucket, refilled to time `t` and marked most recently seen. */
  take(key: string, t: number): Bucket {
    if (this.buckets.size > SWEEP_ABOVE && t - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(t);
    let b = this.buckets.get(key);
    if (b) {
      this.refill(b, t);
      this.buckets.delete(key);
    } else b = { tokens: this.opts.capacity, at: t };
    this.buckets.set(key, b);
    while (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
    return b;
  }

  private refill(b: Bucket, t: number): void {
    b.tokens = Math.min(this.opts.capacity, b.tokens + ((t - b.at) / 1000) * this.opts.refillPerSecond);
    b.at = t;
  }

  // Full buckets carry no state worth keeping.
  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [k, b] of this.buckets) {
      this.refill(b, t);
      if (b.tokens >= this.opts.capacity) this.buckets.delete(k);
    }
  }
}

/** A token bucket per client (IPv6 grouped by /64, IPv4-mapped as IPv4), in memory, bounded (see BucketStore). */
export function rateLimit(opts: BucketOptions, now: () => number = Date.now, maxBuckets = MAX_BUCKETS): MiddlewareHandler {
  const store = new BucketStore(opts, maxBuckets);
  return async (c, next) => {
    const b = store.take(clientKey(clientAddress(c)), now());
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
