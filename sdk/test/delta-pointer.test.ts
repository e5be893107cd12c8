// The pointer's delta chain: signed with the snapshot key, shape-checked when opened.
import { describe, expect, it } from 'vitest';
import { openPointer, type PointerDelta } from '../src/index.js';
import { generateSigningKey, importSigningKey, POINTER_DOMAIN, signPointer } from '../src/publisher.js';

const SHA = 'ab'.repeat(32);
const delta = (base: number, sequence: number): PointerDelta => ({ base, sequence, path: `deltas/${base}-${sequence}-${'cd'.repeat(8)}.zjd`, bytes: 400, sha256: 'cd'.repeat(32) });

async function setup() {
  const generated = await generateSigningKey('k1');
  const key = await importSigningKey(generated.privateJwk);
  const trusted = [generated.publicJwk];
  // A payload signed as the registry would sign it, whatever its shape (to test the checks).
  const signRaw = async (payload: object) => {
    const text = JSON.stringify(payload);
    const sig = await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, new TextEncoder().encode(POINTER_DOMAIN + text));
    return { payload: text, kid: 'k1', sig: Buffer.from(sig).toString('hex') };
  };
  return { key, trusted, signRaw };
}

describe('pointer delta chain', () => {
  it('names the full snapshot, its path, and the chain to head', async () => {
    const { key, trusted } = await setup();
    const signed = await signPointer({ sequence: 10, sha256: SHA, path: 'snapshots/10-abababababababab.zjs', deltas: [delta(10, 11), delta(11, 12)], expiresAt: '2026-12-05T10:00:00+08:00' }, key);
    const p = await openPointer(JSON.stringify(signed), trusted);
    expect(p).toMatchObject({ sequence: 10, sha256: SHA, snapshot: 'snapshots/10-abababababababab.zjs', head: 12, expiresAt: '2026-12-05T10:00:00+08:00' });
    expect(p.deltas?.map((d) => [d.base, d.sequence])).toEqual([
      [10, 11],
      [11, 12],
    ]);
  });

  it('the chain may start before the full snapshot (clients that refreshed before it was made)', async () => {
    const { key, trusted } = await setup();
    const p = await openPointer(await signPointer({ sequence: 11, sha256: SHA, deltas: [delta(9, 10), delta(10, 11), delta(11, 12)] }, key), trusted);
    expect([p.sequence, p.deltas?.[0]?.base, p.head]).toEqual([11, 9, 12]);
  });

  it('a pointer without deltas still opens (a chain of one)', async () => {
    const { key, trusted } = await setup();
    const p = await openPointer(await signPointer({ sequence: 3, sha256: SHA }, key), trusted);
    expect(p.head).toBeUndefined();
    expect(p.deltas).toBeUndefined();
  });

  it('refuses to sign a chain with a gap', async () => {
    const { key } = await setup();
    await expect(signPointer({ sequence: 10, sha256: SHA, deltas: [delta(10, 11), delta(12, 13)] }, key)).rejects.toThrow(RangeError);
    await expect(signPointer({ sequence: 10, sha256: SHA, deltas: [delta(9, 11)] }, key)).rejects.toThrow(RangeError);
    await expect(signPointer({ sequence: 10, sha256: SHA, deltas: [delta(11, 12)] }, key)).rejects.toThrow(RangeError);
  });

  it.each([
    ['a gap', { deltas: [delta(10, 11), delta(12, 13)], head: 13 }],
    ['a chain that does not pass through the full snapshot', { deltas: [delta(11, 12)], head: 12 }],
    ['a chain that jumps over the full snapshot', { deltas: [delta(9, 11)], head: 11 }],
    ['a head that is not the last delta', { deltas: [delta(10, 11)], head: 12 }],
    ['deltas without a head', { deltas: [delta(10, 11)] }],
    ['a delta going backwards', { deltas: [{ ...delta(10, 11), sequence: 10 }], head: 10 }],
    ['a bad delta hash', { deltas: [{ ...delta(10, 11), sha256: 'xyz' }], head: 11 }],
    ['a missing path', { deltas: [{ ...delta(10, 11), path: '' }], head: 11 }],
    ['negative bytes', { deltas: [{ ...delta(10, 11), bytes: -1 }], head: 11 }],
    ['deltas that are not a list', { deltas: { 0: delta(10, 11) }, head: 11 }],
    ['a bad expiry', { expiresAt: 'soon' }],
  ])('a signed pointer with %s is corrupt', async (_, fields) => {
    const { trusted, signRaw } = await setup();
    const signed = await signRaw({ type: 'zjmade.latest', v: 1, sequence: 10, sha256: SHA, issuedAt: new Date().toISOString(), ...fields });
    await expect(openPointer(signed, trusted)).rejects.toMatchObject({ code: 'corrupt' });
  });
});
