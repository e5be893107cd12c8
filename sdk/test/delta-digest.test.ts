import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSnapshotData } from '../src/delta.js';
import { sha256Words } from '../src/delta/sha256.js';
import { openSnapshot } from '../src/index.js';
import { DigestAccumulator, encodeSnapshot, recordDigestInput, stateDigest } from '../src/publisher.js';
import { registryFixture } from './fixtures/registry-fixture.js';
import { EXPIRES, ISSUED, newSigner } from './snapshot-helpers.js';

const hex = (w: Int32Array) => [...w].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
const webHex = async (b: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>))].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('state digest', () => {
  it('hashes with SHA-256 exactly as WebCrypto does, at every length around the block boundaries', async () => {
    for (let n = 0; n < 300; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(hex(sha256Words(b, new Int32Array(8)))).toBe(await webHex(b));
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (b) => {
        expect(hex(sha256Words(b, new Int32Array(8)))).toBe(await webHex(b));
      }),
    );
  });

  it('serialises records canonically: sorted keys, absent fields omitted, model fields only', () => {
    const a = { uscc: 'X', name: 'n', region: '330100' };
    const b = { region: '330100', name: 'n', nameEn: undefined, uscc: 'X', extra: 1 };
    expect(recordDigestInput('enterprises', a)).toBe('enterprises\n{"name":"n","region":"330100","uscc":"X"}');
    expect(recordDigestInput('enterprises', b)).toBe(recordDigestInput('enterprises', a));
    expect(recordDigestInput('bindings', { key: 'k', store: 's' })).not.toBe(recordDigestInput('stores', { key: 'k', store: 's' }));
    const e = registryFixture.evaluations[0]!;
    const two = [{ name: 'a' }, { name: 'b', model: 'm' }];
    expect(recordDigestInput('evaluations', { ...e, products: [...two].reverse() })).not.toBe(recordDigestInput('evaluations', { ...e, products: two }));
  });

  it('is a multiset sum: order-free, duplicates count, remove undoes add', async () => {
    const acc = new DigestAccumulator();
    const empty = await acc.value();
    expect(empty).toBe('A'.repeat(43));
    const [x, y] = registryFixture.bindings;
    acc.add('bindings', x!);
    acc.add('bindings', y!);
    const xy = await acc.value();
    const yx = new DigestAccumulator();
    yx.add('bindings', y!);
    yx.add('bindings', x!);
    expect(await yx.value()).toBe(xy);
    acc.add('bindings', x!);
    expect(await acc.value()).not.toBe(xy); // XOR would cancel here
    acc.remove('bindings', x!);
    expect(await acc.value()).toBe(xy);
    acc.remove('bindings', x!);
    acc.remove('bindings', y!);
    expect(await acc.value()).toBe(empty);
    // Below zero wraps modulo 2^256 and comes back.
    const w = new DigestAccumulator();
    w.remove('bindings', x!);
    w.add('bindings', x!);
    expect(await w.value()).toBe(empty);
    // An accumulator resumes from a digest.
    const resumed = new DigestAccumulator(xy);
    resumed.remove('bindings', y!);
    const only = new DigestAccumulator();
    only.add('bindings', x!);
    expect(await resumed.value()).toBe(await only.value());
    expect(() => new DigestAccumulator('nope')).toThrow(TypeError);
  });

  it('round-trips the fixture registry too, and older snapshots have no digest', async () => {
    const digest = await stateDigest(registryFixture);
    const signer = await newSigner('k1');
    const file = await signer.sign(encodeSnapshot(registryFixture, { sequence: 1, issuedAt: ISSUED, expiresAt: EXPIRES, digest }));
    expect(await stateDigest(await readSnapshotData(file, { trustedKeys: [signer.publicJwk] }))).toBe(digest);
    const old = await signer.sign(encodeSnapshot(registryFixture, { sequence: 1, issuedAt: ISSUED, expiresAt: EXPIRES }));
    expect((await openSnapshot(old, { trustedKeys: [signer.publicJwk] })).info.digest).toBeUndefined();
    expect(() => encodeSnapshot(registryFixture, { sequence: 1, issuedAt: ISSUED, expiresAt: EXPIRES, digest: 'x' })).toThrow(TypeError);
  });
});
