import { AccountRejection } from './rejection.js';

/**
 * Bounds the argon2 work in flight. Each hash holds 19 MiB and ~50 ms of a core, and anyone may
 * ask for one (sign-in needs no account), so a burst queues here rather than in libuv's pool,
 * and past `maxWaiting` is refused at once with 503 busy instead of piling up memory and latency.
 */
export function hashGate(maxRunning: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };
  return async function gated<T>(work: () => Promise<T>): Promise<T> {
    if (running >= maxRunning) {
      if (waiting.length >= maxWaiting) throw new AccountRejection('busy', 'Too many sign-ins at once; retry in a moment.', undefined, 1);
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running += 1;
    }
    try {
      return await work();
    } finally {
      release();
    }
  };
}
