/** How the notifier delivers; every duration in ms. Tests shorten them. */
export interface NotifyOptions {
  /** Allow http and https to loopback addresses (dev and tests: `serve --webhooks-allow-loopback`). */
  allowLoopback: boolean;
  /** Delay before each retry after a failed attempt; the delivery fails after the last. */
  retrySchedule: readonly number[];
  /** Each delay is multiplied by a random factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
  /** One attempt's limit, connect to last byte. */
  attemptTimeoutMs: number;
  /** Attempts in flight at once over all endpoints; each endpoint has at most one. */
  concurrency: number;
  /** Disable an endpoint after this many failed attempts in a row… */
  disableAfterFailures: number;
  /** …or when it has failed every attempt for this long. */
  disableAfterMs: number;
  /** How long the previous secret still signs after a rotation. */
  rotationOverlapMs: number;
  /** How often the loop reads the change log and looks for due deliveries. */
  pollMs: number;
  /** How often the loop looks for lapsed evaluations. */
  lapseCheckMs: number;
  now: () => number;
  random: () => number;
  log: (message: string) => void;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;

export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  allowLoopback: false,
  // Standard Webhooks' suggested schedule: about three days of retries.
  retrySchedule: [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H],
  jitter: 0.2,
  attemptTimeoutMs: 15 * S,
  concurrency: 8,
  disableAfterFailures: 50,
  disableAfterMs: 5 * 24 * H,
  rotationOverlapMs: 24 * H,
  pollMs: 1 * S,
  lapseCheckMs: 10 * M,
  now: Date.now,
  random: Math.random,
  log: () => {},
};

export type NotifyOptionsInput = Partial<NotifyOptions>;

export const notifyOptions = (o: NotifyOptionsInput = {}): NotifyOptions => ({ ...DEFAULT_NOTIFY_OPTIONS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) });

/** The delay before retry `n` (1-based), or null when the schedule is spent. */
export function retryDelay(o: NotifyOptions, n: number): number | null {
  const base = o.retrySchedule[n - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - o.jitter + 2 * o.jitter * o.random()));
}
