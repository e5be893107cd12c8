import type { Platform } from '@zjmade/sdk';
import type { Rng } from './prng.js';

/**
 * Item ids as platforms hand them out: roughly sequential over time, so the items a store lists
 * in one batch get nearby ids (a store-specific base plus small increasing gaps). This is the
 * structure real listing ids have, and what lets a snapshot delta-encode them compactly.
 */
export interface ItemIdSequence {
  /** The next id for a batch's item; `batchDay` is the day (days since 1970-01-01) the batch was listed. */
  next(rng: Rng, batchDay: number, newBatch: boolean): string;
}

const HEX = '0123456789abcdef';

function hex(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += HEX[Math.floor(rng.next() * 16)];
  return s;
}

/** [lead digit min, lead digit max, total digits min, total digits max]. */
const DECIMAL: Partial<Record<Platform, readonly [number, number, number, number]>> = {
  tmall: [5, 8, 12, 12],
  taobao: [5, 8, 12, 12],
  jd: [1, 9, 11, 14],
  pinduoduo: [1, 9, 9, 12],
  '1688': [5, 9, 12, 12],
  suning: [1, 9, 11, 12],
  kuaishou: [1, 9, 11, 14],
};

/** Ids longer than a double holds exactly: a fixed per-store head and a 12-digit running tail. */
const LONG: Partial<Record<Platform, (rng: Rng) => string>> = {
  douyin: (rng) => `3${rng.digits(6)}`,
  vip: (rng) => `${rng.int(6, 7)}${rng.digits(6)}`,
};

/** Room left above a store's base for its running id (a busy store uses a few million). */
const ROOM = 1e9;
/** Gap between a store's batches: other stores' listings in between. */
const MAX_GAP = 100_000;

function decimalSequence(
  rng: Rng,
  head: string,
  width: number,
  lead: readonly [number, number],
  batches: number,
): ItemIdSequence {
  const unit = 10 ** (width - 1);
  const room = Math.min(ROOM, unit / 4);
  let cursor = rng.int(lead[0], lead[1]) * unit + Math.floor(rng.next() * (unit - room));
  // A big store on a platform with short ids must not run past its width: narrower gaps.
  const maxGap = Math.max(2_100, Math.min(MAX_GAP, Math.floor(room / (batches + 1)) - 16 * 12));
  return {
    next(r, _day, newBatch) {
      cursor += newBatch ? r.int(2_000, maxGap) : r.int(1, 12);
      return head + String(cursor).padStart(width, '0');
    },
  };
}

/** Xiaohongshu ids are MongoDB-style ObjectIds: 4-byte time, 5 bytes per process, 3-byte counter. */
function objectIdSequence(rng: Rng): ItemIdSequence {
  let machine = hex(rng, 10);
  let counter = rng.int(0, 0xfffff);
  return {
    next(r, day, newBatch) {
      if (newBatch) machine = hex(r, 10);
      counter = (counter + r.int(1, 5)) % 0x1000000;
      const seconds = day * 86_400 + r.int(0, 86_399);
      return seconds.toString(16).padStart(8, '0') + machine + counter.toString(16).padStart(6, '0');
    },
  };
}

/**
 * A store's id sequence on its platform (Suning ids are `{supplier}-{number}`, the supplier being
 * the shop); `batches` is an upper bound on how many batches the store will list.
 */
export function itemIdSequence(platform: Platform, rng: Rng, shopId: string, batches = 100): ItemIdSequence {
  if (platform === 'xiaohongshu') return objectIdSequence(rng);
  const long = LONG[platform];
  if (long) return decimalSequence(rng, long(rng), 12, [1, 9], batches);
  const [leadMin, leadMax, minDigits, maxDigits] = DECIMAL[platform]!;
  const width = rng.int(minDigits, maxDigits);
  const seq = decimalSequence(rng, '', width, [leadMin, leadMax], batches);
  return platform === 'suning' ? { next: (r, d, b) => `${shopId}-${seq.next(r, d, b)}` } : seq;
}
