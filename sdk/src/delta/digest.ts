import type { RegistryData } from '../model.js';
import { type DigestEntity, recordDigestInput } from './canonical.js';

const utf8 = new TextEncoder();
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
 * record's canonical text (`recordDigestInput`), read as a big-endian integer. Adding and removing
 * commute, and a record counted twice counts twice. `add` and `remove` start the hashing at once
 * (WebCrypto) and return; `value()` waits for all of it.
 */
export class DigestAccumulator {
  // Little-endian u32 limbs of the sum.
  readonly #sum = new Uint32Array(LIMBS);
  #pending: Promise<void>[] = [];

  constructor(initial?: string) {
    if (initial !== undefined) this.#apply(fromBase64url(initial), 1);
  }

  add(entity: DigestEntity, record: object): void {
    this.#hash(entity, record, 1);
  }

  remove(entity: DigestEntity, record: object): void {
    this.#hash(entity, record, -1);
  }

  /** The digest of every record added and not removed, base64url. */
  async value(): Promise<string> {
    while (this.#pending.length) {
      const batch = this.#pending;
      this.#pending = [];
      await Promise.all(batch);
    }
    const out = new Uint8Array(32);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < LIMBS; i++) dv.setUint32(28 - 4 * i, this.#sum[i]!, false);
    return toBase64url(out);
  }

  #hash(entity: DigestEntity, record: object, sign: 1 | -1): void {
    const bytes = utf8.encode(recordDigestInput(entity, record));
    this.#pending.push(crypto.subtle.digest('SHA-256', bytes).then((h) => this.#apply(new Uint8Array(h), sign)));
  }

  #apply(hash: Uint8Array, sign: 1 | -1): void {
    const dv = new DataView(hash.buffer, hash.byteOffset, 32);
    const sum = this.#sum;
    let carry = 0;
    for (let i = 0; i < LIMBS; i++) {
      const x = dv.getUint32(28 - 4 * i, false);
      // Subtraction adds the two's complement: ~x + 1, the +1 entering as the first carry.
      const t = sum[i]! + (sign > 0 ? x : ~x >>> 0) + carry + (sign < 0 && i === 0 ? 1 : 0);
      sum[i] = t >>> 0;
      carry = t > 0xffffffff ? Math.floor(t / 0x100000000) : 0;
    }
  }
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
