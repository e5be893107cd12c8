import type { RegistryData } from '../model.js';
import { type DigestEntity, recordDigestInput } from './canonical.js';
import { sha256Text } from './sha256.js';

const LIMBS = 8;

/** base64url (no padding) of 32 bytes: a state digest as deltas and snapshot headers carry it. */
export const DIGEST_RE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  if (!DIGEST_RE.test(text)) throw new TypeError(`Not a state digest: ${JSON.stringify(text)}.`);
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/**
 * An incremental multiset hash of registry records: the sum, modulo 2^256, of SHA-256 over each
 * record's canonical UTF-8 text (`recordDigestInput`), read as a big-endian integer. Adding and
 * removing commute, and a record counted twice counts twice. Synchronous inside (sha256.ts);
 * `value()` is a promise so that the hash function can move behind an async API later.
 */
export class DigestAccumulator {
  // Little-endian u32 limbs of the sum.
  readonly #sum = new Uint32Array(LIMBS);

  constructor(initial?: string) {
    if (initial !== undefined) {
      const b = fromBase64url(initial);
      const dv = new DataView(b.buffer);
      for (let i = 0; i < LIMBS; i++) WORDS[i] = dv.getUint32(4 * i, false);
      this.#apply(WORDS, 1);
    }
  }

  add(entity: DigestEntity, record: object): void {
    this.#apply(hashOf(entity, record), 1);
  }

  remove(entity: DigestEntity, record: object): void {
    this.#apply(hashOf(entity, record), -1);
  }

  /** The digest of every record added and not removed, base64url. */
  async value(): Promise<string> {
    return this.valueSync();
  }

  valueSync(): string {
    const out = new Uint8Array(32);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < LIMBS; i++) dv.setUint32(28 - 4 * i, this.#sum[i]!, false);
    return toBase64url(out);
  }

  /** `words`: the 256-bit value as eight big-endian u32 words (most significant first). */
  #apply(words: Int32Array, sign: 1 | -1): void {
    const sum = this.#sum;
    // Subtraction adds the two's complement: ~x + 1, the +1 entering as the first carry.
    let carry = sign < 0 ? 1 : 0;
    for (let i = 0; i < LIMBS; i++) {
      const x = words[7 - i]! >>> 0;
      const t = sum[i]! + (sign > 0 ? x : ~x >>> 0) + carry;
      sum[i] = t >>> 0;
      carry = t > 0xffffffff ? 1 : 0;
    }
  }
}

const WORDS = new Int32Array(LIMBS);
function hashOf(entity: DigestEntity, record: object): Int32Array {
  return sha256Text(recordDigestInput(entity, record), WORDS);
}

/** Last one wins per key, as a snapshot and the memory view hold them. */
function unique<T>(items: readonly T[], keyOf: (x: T) => string): Iterable<T> {
  return new Map(items.map((x) => [keyOf(x), x])).values();
}

/** Adds every record of `data` (entities keyed as a snapshot keys them; sanctions as listed) and its meta. */
export function addRegistry(acc: DigestAccumulator, data: RegistryData): void {
  acc.add('meta', data.meta);
  for (const x of unique(data.enterprises, (e) => e.uscc)) acc.add('enterprises', x);
  for (const x of unique(data.standards, (s) => s.code)) acc.add('standards', x);
  for (const x of unique(data.evaluations, (e) => e.id)) acc.add('evaluations', x);
  for (const x of unique(data.stores, (s) => s.key)) acc.add('stores', x);
  for (const x of unique(data.bindings, (b) => b.key)) acc.add('bindings', x);
  for (const x of data.sanctions) acc.add('sanctions', x);
}

/** The state digest of a whole registry (what a full snapshot's header and a delta carry), base64url. */
export function stateDigest(data: RegistryData): Promise<string> {
  const acc = new DigestAccumulator();
  addRegistry(acc, data);
  return acc.value();
}
